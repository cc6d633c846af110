"""An in-test VNPAY merchant API (querydr, refund) for pytest-httpserver, written from the
protocol description with its own checksums (not the code under test's), keeping its own
transactions. ``fail`` makes the next answers 5xx, slow (timeout) or badly signed."""

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import quote_plus

from werkzeug import Request, Response

QUERYDR_IN = "RequestId Version Command TmnCode TxnRef TransactionDate CreateDate IpAddr OrderInfo"
QUERYDR_OUT = (
    "ResponseId Command ResponseCode Message TmnCode TxnRef Amount BankCode PayDate "
    "TransactionNo TransactionType TransactionStatus OrderInfo PromotionCode PromotionAmount"
)
REFUND_IN = (
    "RequestId Version Command TmnCode TransactionType TxnRef Amount TransactionNo "
    "TransactionDate CreateBy CreateDate IpAddr OrderInfo"
)
REFUND_OUT = (
    "ResponseId Command ResponseCode Message TmnCode TxnRef Amount BankCode PayDate "
    "TransactionNo TransactionType TransactionStatus OrderInfo"
)


class VnpayPeer:
    def __init__(self, *, tmn_code: str, secret: str) -> None:
        self.tmn_code = tmn_code
        self.secret = secret
        self.transactions: dict[str, dict[str, str]] = {}
        self.requests: list[dict[str, Any]] = []
        self.fail: str = ""  # "5xx", "slow", "badhash" or ""
        self.slow_seconds = 2.0

    def _sign(self, fields: str, values: dict[str, Any]) -> str:
        data = "|".join(str(values.get(f"vnp_{name}", "")) for name in fields.split())
        return hmac.new(self.secret.encode(), data.encode(), hashlib.sha512).hexdigest()

    def pay(self, *, txn_ref: str, amount: int, create_date: str, status: str = "00") -> str:
        """The customer pays (or fails, status "02"); returns the signed IPN query."""
        self.transactions[txn_ref] = {
            "vnp_TxnRef": txn_ref,
            "vnp_Amount": str(amount * 100),
            "vnp_BankCode": "NCB",
            "vnp_PayDate": "20261128120500",
            "vnp_TransactionNo": f"{14000000 + len(self.transactions)}",
            "vnp_TransactionType": "01",
            "vnp_TransactionStatus": status,
            "vnp_OrderInfo": "Le phi",
            "create_date": create_date,
        }
        record = self.transactions[txn_ref]
        fields = {k: v for k, v in record.items() if k.startswith("vnp_")}
        fields.pop("vnp_TransactionType")
        fields.update({"vnp_ResponseCode": status, "vnp_TmnCode": self.tmn_code})
        data = "&".join(f"{k}={quote_plus(v)}" for k, v in sorted(fields.items()))
        signature = hmac.new(self.secret.encode(), data.encode(), hashlib.sha512).hexdigest()
        return f"{data}&vnp_SecureHash={signature}"

    def handle(self, request: Request) -> Response:
        body = json.loads(request.get_data())
        self.requests.append(body)
        if self.fail == "5xx":
            return Response("Service Unavailable", status=503)
        if self.fail == "slow":
            time.sleep(self.slow_seconds)
        command = body.get("vnp_Command")
        inbound, outbound = (
            (QUERYDR_IN, QUERYDR_OUT) if command == "querydr" else (REFUND_IN, REFUND_OUT)
        )
        answer: dict[str, Any] = {
            "vnp_ResponseId": f"P{len(self.requests)}",
            "vnp_Command": command,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": body.get("vnp_TxnRef", ""),
        }
        record = self.transactions.get(body.get("vnp_TxnRef", ""))
        if body.get("vnp_SecureHash") != self._sign(inbound, body):
            answer["vnp_ResponseCode"] = "97"
        elif record is None:
            answer["vnp_ResponseCode"] = "91"
        elif record["create_date"] != body.get("vnp_TransactionDate"):
            answer["vnp_ResponseCode"] = "91"  # VNPAY finds a transaction by ref and date
        else:
            answer.update({k: v for k, v in record.items() if k.startswith("vnp_")})
            answer["vnp_ResponseCode"] = "00"
            if command == "refund":
                record["vnp_TransactionStatus"] = "05"
        answer["vnp_Message"] = "OK" if answer["vnp_ResponseCode"] == "00" else "Error"
        answer["vnp_SecureHash"] = self._sign(outbound, answer)
        if self.fail == "badhash":
            answer["vnp_SecureHash"] = "0" * 128
        return Response(json.dumps(answer), content_type="application/json")
