"""A remote-signing service for the tests, speaking the protocol of docs/signing.md on a
pytest-httpserver: it keeps the key, and the test plays the signer's phone
(approve/reject)."""

import base64
import json
import time
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from signing.pki import Issued

API_KEY = "test-api-key"


def _der(issued_cert) -> str:  # type: ignore[no-untyped-def]
    return base64.b64encode(issued_cert.public_bytes(serialization.Encoding.DER)).decode()


@dataclass
class RemoteService:
    server: HTTPServer
    signer: Issued
    chain: list
    transactions: dict[str, dict] = field(default_factory=dict)
    requests: list[dict] = field(default_factory=list)
    status_code: int = 200  # force 5xx on polls
    delay: float = 0.0
    tamper: bool = False

    @property
    def url(self) -> str:
        return self.server.url_for("/api")

    def install(self) -> None:
        self.server.expect_request("/api/v1/certificates/leader1").respond_with_handler(self.cert)
        self.server.expect_request("/api/v1/signatures", method="POST").respond_with_handler(
            self.create
        )
        for n in range(1, 10):
            self.server.expect_request(f"/api/v1/signatures/tx{n}").respond_with_handler(self.poll)

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {API_KEY}"

    def cert(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status=401)
        body = {"certificate": _der(self.signer.cert), "chain": [_der(c) for c in self.chain]}
        return Response(json.dumps(body), content_type="application/json")

    def create(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status=401)
        data = json.loads(request.data)
        self.requests.append(data)
        tx = f"tx{len(self.transactions) + 1}"
        self.transactions[tx] = {"hash": base64.b64decode(data["hash"]), "status": "pending"}
        return Response(
            json.dumps({"transaction_id": tx}), status=201, content_type="application/json"
        )

    def poll(self, request: Request) -> Response:
        time.sleep(self.delay)
        if self.status_code != 200:
            return Response("busy", status=self.status_code)
        tx = self.transactions[request.path.rsplit("/", 1)[-1]]
        body: dict = {"status": tx["status"]}
        if tx["status"] == "approved":
            digest = tx["hash"] if not self.tamper else b"\0" * 32
            signature = self.signer.key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
            body["signature"] = base64.b64encode(signature).decode()
        return Response(json.dumps(body), content_type="application/json")

    def answer(self, tx: str, status: str) -> None:
        """The signer on the phone."""
        self.transactions[tx]["status"] = status
