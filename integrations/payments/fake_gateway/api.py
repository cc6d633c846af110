"""The fake gateway's merchant API (querydr, refund): VNPAY's JSON protocol, answered from
the fake's own records."""

import secrets
from typing import Any

from django.db import transaction

from .. import protocol
from ..models import FakeGatewayTransaction

NOT_FOUND = protocol.API_NOT_FOUND
REFUND_REFUSED = "95"
DUPLICATE = "94"


def api_answer(secret: str, tmn_code: str, body: dict[str, Any]) -> dict[str, Any]:
    command = body.get("vnp_Command")
    order = {"querydr": protocol.QUERYDR_REQUEST, "refund": protocol.REFUND_REQUEST}.get(
        str(command)
    )
    if order is None:
        return _signed(secret, protocol.QUERYDR_RESPONSE, {"vnp_ResponseCode": "99"}, body)
    answer_order = protocol.QUERYDR_RESPONSE if command == "querydr" else protocol.REFUND_RESPONSE
    if not protocol.api_verify(secret, order, body) or body.get("vnp_TmnCode") != tmn_code:
        return _signed(secret, answer_order, {"vnp_ResponseCode": "97"}, body)
    with transaction.atomic():
        record = (
            FakeGatewayTransaction.objects.select_for_update()
            .filter(txn_ref=body.get("vnp_TxnRef", ""))
            .first()
        )
        if record is None:
            return _signed(secret, answer_order, {"vnp_ResponseCode": NOT_FOUND}, body)
        code = "00"
        if command == "refund":
            code = _refund(record, body)
        return _signed(secret, answer_order, {"vnp_ResponseCode": code, **_fields(record)}, body)


def _refund(record: FakeGatewayTransaction, body: dict[str, Any]) -> str:
    amount = protocol.from_gateway_amount(body.get("vnp_Amount"))
    if record.transaction_status != protocol.SUCCESS and not record.refunded:
        return REFUND_REFUSED
    if amount is None or amount <= 0 or record.refunded + amount > record.amount:
        return DUPLICATE if record.refunded else REFUND_REFUSED
    record.refunded += amount
    record.transaction_status = "05"  # refund being processed
    record.save(update_fields=["refunded", "transaction_status"])
    return "00"


def _fields(record: FakeGatewayTransaction) -> dict[str, str]:
    return {
        "vnp_TxnRef": record.txn_ref,
        "vnp_Amount": protocol.to_gateway_amount(record.amount),
        "vnp_BankCode": record.bank_code,
        "vnp_PayDate": record.pay_date,
        "vnp_TransactionNo": record.transaction_no,
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": record.transaction_status,
        "vnp_OrderInfo": record.order_info,
    }


def _signed(
    secret: str, order: list[str], fields: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    answer = {
        "vnp_ResponseId": secrets.token_hex(16),
        "vnp_Command": str(body.get("vnp_Command", "")),
        "vnp_TmnCode": str(body.get("vnp_TmnCode", "")),
        "vnp_Message": "Success" if fields.get("vnp_ResponseCode") == "00" else "Failed",
        "vnp_TxnRef": str(body.get("vnp_TxnRef", "")),
        **fields,
    }
    answer["vnp_SecureHash"] = protocol.api_hash(secret, order, answer)
    return answer
