"""The fake gateway's backend: VNPAY 2.1.0 with the gateway's addresses pointing at this
server's fake pages (``/payments/fake-gateway/``). The same code as the real backend signs,
verifies and reads the answers; only the transport of the merchant API is in-process."""

import json
from typing import Any

from django.conf import settings
from django.urls import reverse

from ..base import backends
from ..errors import GatewayError
from ..inprocess import call
from .vnpay import VnpayBackend

FAKE_TMN_CODE = "MOTCUAFK"
FAKE_SECRET = "motcua-fake-gateway-secret-not-for-production"  # noqa: S105  (the fake's, public)


@backends.register("vnpay_fake")
class VnpayFakeBackend(VnpayBackend):
    id = "vnpay_fake"
    fake = True

    def merchant_code(self) -> str:
        return str(settings.MOTCUA_VNPAY_TMN_CODE or FAKE_TMN_CODE)

    def secret(self) -> str:
        return str(settings.MOTCUA_VNPAY_HASH_SECRET or FAKE_SECRET)

    def pay_url(self) -> str:
        return reverse("payments:fake_pay")

    def return_url(self) -> str:
        # a path: the browser comes back to the host it paid from, whatever the demo's address
        return reverse("payments:vnpay_return")

    def check_config(self) -> list[str]:
        return []

    def post_api(self, body: dict[str, Any]) -> dict[str, Any]:
        status, content = call(
            method="POST",
            url=reverse("payments:fake_api"),
            body=json.dumps(body).encode(),
            content_type="application/json",
        )
        if status != 200:
            raise GatewayError(f"fake merchant API answered HTTP {status}")
        data = json.loads(content)
        if not isinstance(data, dict):
            raise GatewayError("fake merchant API answered something else than an object")
        return data
