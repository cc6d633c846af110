from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "integrations.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        pass
