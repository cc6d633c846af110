"""VNPAY 2.1.0: the signed redirect, IPN/return verification, querydr and refund."""

import secrets
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

import requests
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .. import protocol
from ..base import GatewayStatus, PaymentBackend, RefundAnswer, backends, status_from
from ..errors import GatewayError


@backends.register("vnpay")
class VnpayBackend(PaymentBackend):
    id = "vnpay"

    def merchant_code(self) -> str:
        return str(settings.MOTCUA_VNPAY_TMN_CODE)

    def secret(self) -> str:
        return str(settings.MOTCUA_VNPAY_HASH_SECRET)

    def pay_url(self) -> str:
        return str(settings.MOTCUA_VNPAY_PAY_URL)

    def return_url(self) -> str:
        return urljoin(settings.MOTCUA_PUBLIC_URL + "/", reverse("payments:vnpay_return"))

    def check_config(self) -> list[str]:
        problems = []
        if not self.merchant_code():
            problems.append("MOTCUA_VNPAY_TMN_CODE is not set.")
        if not self.secret():
            problems.append("MOTCUA_VNPAY_HASH_SECRET is not set.")
        schemes = ("https://", "http://") if settings.DEBUG else ("https://",)
        for name in ("MOTCUA_VNPAY_PAY_URL", "MOTCUA_VNPAY_API_URL", "MOTCUA_PUBLIC_URL"):
            if not str(getattr(settings, name)).startswith(schemes):
                problems.append(f"{name} must be an https:// address.")
        return problems

    def redirect_url(self, *, attempt: Any, client_ip: str, locale: str, bank_code: str) -> str:
        params = {
            "vnp_Version": protocol.VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.merchant_code(),
            "vnp_Amount": protocol.to_gateway_amount(attempt.amount),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": attempt.txn_ref,
            "vnp_OrderInfo": attempt.order_info,
            "vnp_OrderType": "other",
            "vnp_Locale": locale,
            "vnp_ReturnUrl": self.return_url(),
            "vnp_IpAddr": client_ip,
            "vnp_CreateDate": attempt.create_date,
            "vnp_ExpireDate": protocol.gateway_date(attempt.expires_at),
        }
        if bank_code:
            params["vnp_BankCode"] = bank_code
        return f"{self.pay_url()}?{protocol.redirect_sign(self.secret(), params)}"

    def verify(self, pairs: Sequence[tuple[str, str]]) -> bool:
        return protocol.redirect_verify(self.secret(), pairs)

    # --- the merchant API -------------------------------------------------------------

    def post_api(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST a JSON request to the merchant API; GatewayError on timeout, 5xx, non-JSON."""
        try:
            answer = requests.post(
                settings.MOTCUA_VNPAY_API_URL, json=body, timeout=settings.MOTCUA_VNPAY_TIMEOUT
            )
        except requests.RequestException as exc:
            raise GatewayError(f"merchant API unreachable: {type(exc).__name__}") from exc
        if answer.status_code != 200:
            raise GatewayError(f"merchant API answered HTTP {answer.status_code}")
        try:
            data = answer.json()
        except ValueError as exc:
            raise GatewayError("merchant API answered something else than JSON") from exc
        if not isinstance(data, dict):
            raise GatewayError("merchant API answered something else than an object")
        return data

    def _request(
        self, command: str, order: Sequence[str], fields: dict[str, Any], request_id: str = ""
    ) -> dict[str, Any]:
        body = {
            "vnp_RequestId": request_id or secrets.token_hex(16),
            "vnp_Version": protocol.VERSION,
            "vnp_Command": command,
            "vnp_TmnCode": self.merchant_code(),
            "vnp_CreateDate": protocol.gateway_date(timezone.now()),
            "vnp_IpAddr": settings.MOTCUA_VNPAY_SERVER_IP,
            **fields,
        }
        body["vnp_SecureHash"] = protocol.api_hash(self.secret(), order, body)
        return body

    def _checked(self, data: dict[str, Any], order: Sequence[str]) -> dict[str, Any]:
        if not protocol.api_verify(self.secret(), order, data):
            raise GatewayError(
                f"merchant API answer with a bad checksum (code {data.get('vnp_ResponseCode')})"
            )
        return data

    def querydr(self, *, attempt: Any) -> GatewayStatus:
        body = self._request(
            "querydr",
            protocol.QUERYDR_REQUEST,
            {
                "vnp_TxnRef": attempt.txn_ref,
                "vnp_OrderInfo": f"Query {attempt.txn_ref}",
                "vnp_TransactionDate": attempt.create_date,
            },
        )
        data = self._checked(self.post_api(body), protocol.QUERYDR_RESPONSE)
        code = str(data.get("vnp_ResponseCode", ""))
        if code == protocol.API_NOT_FOUND:
            return GatewayStatus(found=False, txn_ref=attempt.txn_ref, raw=data)
        if code != protocol.SUCCESS:
            raise GatewayError(f"querydr refused with code {code}")
        status = status_from(data)
        if status.txn_ref != attempt.txn_ref:
            raise GatewayError("querydr answered about another transaction")
        return status

    def refund(
        self, *, attempt: Any, amount: int, request_id: str, created_by: str
    ) -> RefundAnswer:
        body = self._request(
            "refund",
            protocol.REFUND_REQUEST,
            {
                "vnp_TransactionType": "02" if amount == attempt.amount else "03",
                "vnp_TxnRef": attempt.txn_ref,
                "vnp_Amount": protocol.to_gateway_amount(amount),
                "vnp_OrderInfo": f"Refund {attempt.txn_ref}",
                "vnp_TransactionNo": attempt.transaction_no,
                "vnp_TransactionDate": attempt.create_date,
                "vnp_CreateBy": created_by,
            },
            request_id=request_id,
        )
        data = self._checked(self.post_api(body), protocol.REFUND_RESPONSE)
        code = str(data.get("vnp_ResponseCode", ""))
        return RefundAnswer(accepted=code == protocol.SUCCESS, response_code=code, raw=data)
