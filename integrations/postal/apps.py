from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "integrations.postal"
    label = "postal"
    verbose_name = _("Postal delivery")

    def ready(self) -> None:
        # backends, the system check and the periodic jobs register themselves at import
        from . import backends, checks, jobs  # noqa: F401
