from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "integrations.postal"
    label = "postal"
    verbose_name = _("Postal delivery")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        pass
