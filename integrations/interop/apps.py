from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "integrations.interop"
    label = "interop"
    verbose_name = _("SOAP peers")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        pass
