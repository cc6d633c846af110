"""The fake gateway's side of a payment: what it records and the messages it signs."""

import secrets
from urllib.parse import parse_qsl

from django.db import transaction
from django.utils import timezone

from core import outbox

from .. import protocol
from ..models import FakeGatewayTransaction

CHOICES = {
    # choice: (vnp_ResponseCode, vnp_TransactionStatus)
    "pay": (protocol.SUCCESS, protocol.SUCCESS),
    "fail": ("51", "02"),  # 51: insufficient balance
    "cancel": (protocol.CUSTOMER_CANCELLED, "02"),
}


def request_checked(secret: str, tmn_code: str, query: str) -> dict[str, str] | None:
    """The fields of a pay request if its checksum and merchant code are right, as VNPAY
    checks them; None otherwise."""
    pairs = parse_qsl(query, keep_blank_values=True)
    if not protocol.redirect_verify(secret, pairs):
        return None
    fields = dict(pairs)
    if fields.get("vnp_TmnCode") != tmn_code or fields.get("vnp_Command") != "pay":
        return None
    if protocol.from_gateway_amount(fields.get("vnp_Amount")) is None:
        return None
    return fields


def transaction_record(fields: dict[str, str], choice: str) -> FakeGatewayTransaction:
    """Record the customer's choice once: a second submit finds the first record."""
    code, status = CHOICES[choice]
    now = timezone.now()
    record, _ = FakeGatewayTransaction.objects.get_or_create(
        txn_ref=fields["vnp_TxnRef"],
        defaults={
            "amount": protocol.from_gateway_amount(fields["vnp_Amount"]) or 0,
            "order_info": fields.get("vnp_OrderInfo", "")[:255],
            "create_date": fields.get("vnp_CreateDate", "")[:14],
            "response_code": code,
            "transaction_status": status,
            "transaction_no": f"{secrets.randbelow(10**8):08d}",
            "bank_code": fields.get("vnp_BankCode") or "NCB",
            "pay_date": protocol.gateway_date(now),
        },
    )
    return record


def result_query(secret: str, tmn_code: str, record: FakeGatewayTransaction) -> str:
    """The signed query string VNPAY sends on the IPN and appends to the return URL."""
    return protocol.redirect_sign(
        secret,
        {
            "vnp_Amount": protocol.to_gateway_amount(record.amount),
            "vnp_BankCode": record.bank_code,
            "vnp_BankTranNo": f"VNP{record.transaction_no}",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": record.order_info,
            "vnp_PayDate": record.pay_date,
            "vnp_ResponseCode": record.response_code,
            "vnp_TmnCode": tmn_code,
            "vnp_TransactionNo": record.transaction_no,
            "vnp_TransactionStatus": record.transaction_status,
            "vnp_TxnRef": record.txn_ref,
        },
    )


def ipn_schedule(query: str, txn_ref: str) -> None:
    """Send the IPN after commit, through the outbox: it survives a restart, and is retried
    until our endpoint answers 00 or 02, as VNPAY retries."""
    with transaction.atomic():
        outbox.enqueue(
            kind="payments.fake_ipn",
            payload={"query": query},
            idempotency_key=f"payments.fake_ipn:{txn_ref}",
            summary="fake gateway IPN",
        )
