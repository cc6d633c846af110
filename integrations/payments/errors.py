"""Errors of the payments integration that callers (the workflow layer) may catch."""

from django.utils.translation import gettext_lazy as _


class PaymentError(Exception):
    """Base of this integration's errors."""


class PaymentAlreadyPaid(PaymentError):
    """The reference is paid: no new attempt is started."""


class PaymentUnavailable(PaymentError):
    """Online payment cannot start now; ``str(exc)`` is a message for the user."""

    def __init__(self, message: object = None) -> None:
        super().__init__(str(message or _("Online payment is not available at the moment.")))


class GatewayError(PaymentError):
    """The gateway timed out, answered 5xx, or answered something we cannot trust (a bad
    checksum on its answer). The caller leaves the attempt as it was and tries later."""


class TransitionRefused(PaymentError):
    """A state change the attempt's state machine does not allow (paid never goes back)."""
