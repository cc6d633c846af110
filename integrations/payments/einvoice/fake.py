"""The fake e-invoice provider: keeps what it issued in its own table (a gapless number series
per year, one receipt per key) and returns a number and a lookup code, like a provider would."""

import hashlib

from django.db import transaction

from ..models import FakeEInvoice
from . import EInvoiceBackend, IssuedReceipt, ReceiptRequest, einvoice_backends


@einvoice_backends.register("fake")
class FakeEInvoiceBackend(EInvoiceBackend):
    id = "fake"
    fake = True

    def issue(self, receipt: ReceiptRequest) -> IssuedReceipt:
        with transaction.atomic():
            existing = FakeEInvoice.objects.filter(key=receipt.key).first()
            if existing is None:
                year = receipt.paid_at.year
                last = (
                    FakeEInvoice.objects.select_for_update()
                    .filter(year=year)
                    .order_by("-sequence")
                    .values_list("sequence", flat=True)
                    .first()
                )
                existing = FakeEInvoice.objects.create(
                    key=receipt.key, year=year, sequence=(last or 0) + 1, amount=receipt.amount
                )
        number = f"1C{existing.year % 100:02d}TMC-{existing.sequence:08d}"
        lookup = hashlib.sha256(f"fake-einvoice:{receipt.key}".encode()).hexdigest()[:12].upper()
        return IssuedReceipt(number=number, lookup_code=lookup)
