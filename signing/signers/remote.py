"""A remote-signing service of the VNPT SmartCA / Viettel MySign kind: the key stays with
the service, the signer approves each signature on their phone.

The protocol (docs/signing.md, "Remote signing"): JSON over HTTPS, ``Authorization:
Bearer <api_key>``.

- ``GET  {url}/v1/certificates/{user_id}`` -> ``{"certificate": b64 DER, "chain": [..]}``
- ``POST {url}/v1/signatures`` ``{"user_id", "hash": b64, "hash_algorithm": "sha256",
  "reference"}`` -> 201 ``{"transaction_id", "expires_at"}``
- ``GET  {url}/v1/signatures/{transaction_id}`` -> ``{"status": "pending" | "approved" |
  "rejected" | "expired", "signature": b64 (when approved)}``

The hash is SHA-256 of the CMS signed attributes; the signature is RSA PKCS#1 v1.5 (or
ECDSA) over them with the certificate's key.
"""

import base64
import binascii
from typing import TYPE_CHECKING, Any

import requests
from cryptography import x509
from django.conf import settings

from signing.errors import SignerConfigurationError, SignerUnavailable, SigningError
from signing.signers import Certificates, PollResult, SignerBackend, signer_backends

if TYPE_CHECKING:
    from signing.models import PendingSignature

STATES = {"pending", "approved", "rejected", "expired"}


def _der(value: Any) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(base64.b64decode(str(value), validate=True))
    except (binascii.Error, ValueError) as exc:
        raise SigningError() from exc


@signer_backends.register("remote")
class RemoteSigningBackend(SignerBackend):
    """config: ``url`` (https://), ``api_key``, ``user_id`` (the signer's account there)."""

    id = "remote"
    interactive = True
    signs_document_digest = False

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        url = self.setting("url").rstrip("/") + path
        try:
            response = requests.request(
                method,
                url,
                json=body,
                headers={"Authorization": f"Bearer {self.setting('api_key')}"},
                timeout=settings.MOTCUA_SIGNING_REMOTE_TIMEOUT,
            )
        except requests.RequestException as exc:
            raise SignerUnavailable() from exc
        if response.status_code in (401, 403):
            raise SignerConfigurationError()
        if response.status_code >= 500 or response.status_code == 429:
            raise SignerUnavailable()
        if response.status_code >= 400:
            raise SigningError()
        try:
            data = response.json()
        except ValueError as exc:
            raise SignerUnavailable() from exc
        if not isinstance(data, dict):
            raise SignerUnavailable()
        return data

    def certificates(self) -> Certificates:
        data = self._call("GET", f"/v1/certificates/{self.setting('user_id')}")
        chain = data.get("chain") or []
        return Certificates(
            cert=_der(data.get("certificate")),
            chain=[_der(item) for item in chain] if isinstance(chain, list) else [],
        )

    def start(self, *, pending: "PendingSignature") -> str:
        data = self._call(
            "POST",
            "/v1/signatures",
            {
                "user_id": self.setting("user_id"),
                "hash": base64.b64encode(bytes.fromhex(pending.digest)).decode(),
                "hash_algorithm": "sha256",
                "reference": pending.reference,
            },
        )
        transaction_id = str(data.get("transaction_id") or "")
        if not transaction_id:
            raise SignerUnavailable()
        return transaction_id

    def poll(self, *, pending: "PendingSignature") -> PollResult:
        data = self._call("GET", f"/v1/signatures/{pending.transaction_id}")
        state = str(data.get("status", ""))
        if state not in STATES:
            raise SignerUnavailable()
        if state != "approved":
            return PollResult(state=state)
        try:
            signature = base64.b64decode(str(data.get("signature", "")), validate=True)
        except binascii.Error:
            signature = b""
        return PollResult(state=state, signature=signature)

    def check_config(self) -> list[str]:
        problems = [
            f"no {name} configured"
            for name in ("url", "api_key", "user_id")
            if not self.config.get(name)
        ]
        url = str(self.config.get("url", ""))
        if url and not url.startswith("https://") and not settings.DEBUG:
            problems.append("the service's URL is not https://")
        return problems
