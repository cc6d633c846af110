"""Payment backends' common ground: what a gateway says (``GatewayStatus``), the base class,
the registry and the configured backend. The vendor modules in ``backends/`` register
themselves when the app is ready; nothing here imports them (the service may not reach them)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from core.backends import Backend
from core.registry import Registry

from . import protocol


@dataclass(frozen=True)
class GatewayStatus:
    """What the gateway says about one transaction (an IPN, a return, a querydr answer)."""

    found: bool
    txn_ref: str = ""
    amount: int | None = None
    response_code: str = ""
    transaction_status: str = ""
    transaction_no: str = ""
    bank_code: str = ""
    pay_date: datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def paid(self) -> bool:
        return (
            self.found
            and self.transaction_status == protocol.SUCCESS
            and (self.response_code in {"", protocol.SUCCESS})
        )

    @property
    def processing(self) -> bool:
        return self.found and self.transaction_status in protocol.STATUS_PROCESSING

    @property
    def cancelled(self) -> bool:
        return self.found and self.response_code == protocol.CUSTOMER_CANCELLED


@dataclass(frozen=True)
class RefundAnswer:
    accepted: bool
    response_code: str
    raw: dict[str, Any]


class PaymentBackend(Backend):
    """A payment gateway speaking VNPAY 2.1.0 (the fake speaks it too)."""

    def redirect_url(self, *, attempt: Any, client_ip: str, locale: str, bank_code: str) -> str:
        raise NotImplementedError

    def verify(self, pairs: Sequence[tuple[str, str]]) -> bool:
        raise NotImplementedError

    def merchant_code(self) -> str:
        raise NotImplementedError

    def querydr(self, *, attempt: Any) -> GatewayStatus:
        raise NotImplementedError

    def refund(
        self, *, attempt: Any, amount: int, request_id: str, created_by: str
    ) -> RefundAnswer:
        raise NotImplementedError


backends: Registry[type[PaymentBackend]] = Registry("payment backend")


def active_backend() -> PaymentBackend | None:
    """The configured backend, or None when online payment is off or unknown."""
    name = settings.MOTCUA_PAYMENT_BACKEND
    if not name or name not in backends:
        return None
    return backends.get(name)()


def backend_named(name: str) -> PaymentBackend | None:
    return backends.get(name)() if name in backends else None


def status_from(fields: Mapping[str, Any]) -> GatewayStatus:
    """A GatewayStatus from the fields of an IPN, a return or a querydr answer."""
    return GatewayStatus(
        found=True,
        txn_ref=str(fields.get("vnp_TxnRef", "")),
        amount=protocol.from_gateway_amount(fields.get("vnp_Amount")),
        response_code=str(fields.get("vnp_ResponseCode", "")),
        transaction_status=str(fields.get("vnp_TransactionStatus", "")),
        transaction_no=str(fields.get("vnp_TransactionNo", ""))[:32],
        bank_code=str(fields.get("vnp_BankCode", ""))[:32],
        pay_date=protocol.parse_gateway_date(str(fields.get("vnp_PayDate", ""))),
        raw=dict(fields),
    )
