from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "integrations.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # backends, outbox senders, periodic jobs and the system check register at import
        from . import backends, checks, requery, senders  # noqa: F401
