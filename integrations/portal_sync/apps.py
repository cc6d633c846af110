from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSyncConfig(AppConfig):
    name = "integrations.portal_sync"
    label = "portal_sync"
    verbose_name = _("National portal sync")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        pass
