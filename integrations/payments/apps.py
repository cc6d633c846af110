from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "integrations.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # backends, outbox senders and periodic jobs register themselves at import
        pass
