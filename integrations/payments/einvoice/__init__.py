"""Legal e-receipts (Decree 123/2020 e-invoices): the provider interface, its registry and
the configured provider. A provider's adapter is added beside the fake when one is chosen.

    @einvoice_backends.register("someprovider")
    class SomeProvider(EInvoiceBackend):
        def issue(self, receipt: ReceiptRequest) -> IssuedReceipt: ...
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from core.backends import Backend
from core.registry import Registry


@dataclass(frozen=True)
class ReceiptRequest:
    """What the provider needs for a fee receipt: no personal data beyond the reference."""

    key: str  # the payment's txn ref: the provider dedupes on it (a retried issue is one receipt)
    reference: str
    amount: int
    paid_at: datetime
    method: str
    description: str


@dataclass(frozen=True)
class IssuedReceipt:
    number: str
    lookup_code: str = ""
    pdf_url: str = ""


class EInvoiceBackend(Backend):
    def issue(self, receipt: ReceiptRequest) -> IssuedReceipt:
        """Issue (or, for a key seen before, return) the e-receipt. Raises to be retried."""
        raise NotImplementedError


einvoice_backends: Registry[type[EInvoiceBackend]] = Registry("e-invoice backend")


def active_einvoice() -> EInvoiceBackend | None:
    name = settings.MOTCUA_EINVOICE_BACKEND
    return einvoice_backends.get(name)() if name and name in einvoice_backends else None


from . import fake  # noqa: E402,F401  (register)
