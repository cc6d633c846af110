from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "integrations.interop"
    label = "interop"
    verbose_name = _("SOAP peers")

    def ready(self) -> None:
        # the outbox sender registers itself at import
        from . import senders  # noqa: F401
