"""Outbound SOAP calls through the outbox against a peer on 127.0.0.1 (pytest-httpserver
serving a spyne WSDL): sent; a Client fault or a 4xx given up; a Server fault, a 5xx page, a
timeout or a refused connection retried; the WS-Security UsernameToken sent; no retries in
the Session itself."""

import time
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from api.soap.application import wsdl_document
from core import outbox
from core.outbox.models import OutboxMessage
from integrations.interop.client import client_for, client_forget
from integrations.interop.service import interop_call_enqueue

pytestmark = pytest.mark.django_db

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
ANSWER = (
    f'<?xml version="1.0"?><e:Envelope xmlns:e="{ENV}" xmlns:m="urn:motcua:soap:1"><e:Body>'
    "<m:ListProceduresResponse><m:ListProceduresResult/></m:ListProceduresResponse>"
    "</e:Body></e:Envelope>"
)


def fault(code: str) -> str:
    return (
        f'<?xml version="1.0"?><e:Envelope xmlns:e="{ENV}"><e:Body><e:Fault>'
        f"<faultcode>e:{code}</faultcode><faultstring>no</faultstring>"
        "</e:Fault></e:Body></e:Envelope>"
    )


@pytest.fixture
def peer(httpserver: HTTPServer, settings: Any) -> HTTPServer:
    """A peer speaking our own WSDL at httpserver's /soap."""
    wsdl = wsdl_document(httpserver.url_for("/soap"))
    httpserver.expect_request("/wsdl").respond_with_data(wsdl, content_type="text/xml")
    settings.MOTCUA_INTEROP_PEERS = {
        "agency": {
            "wsdl": httpserver.url_for("/wsdl"),
            "connect_timeout": 1,
            "read_timeout": 0.5,
            "username": "motcua",
            "password": "s3cret",
            "headers": {"X-Api-Key": "ms_peer"},
        }
    }
    client_forget()
    yield httpserver
    client_forget()


def call(key: str = "call-1") -> OutboxMessage:
    return interop_call_enqueue(
        peer="agency", operation="ListProcedures", args={"query": "khai sinh"}, idempotency_key=key
    )


def answering(peer: HTTPServer, body: str, status: int = 200) -> list[bytes]:
    seen: list[bytes] = []

    def handler(request: Request) -> Response:
        seen.append(request.get_data())
        return Response(body, status=status, content_type="text/xml")

    peer.expect_request("/soap", method="POST").respond_with_handler(handler)
    return seen


def test_a_call_is_sent_with_its_arguments_and_ws_security(peer: HTTPServer) -> None:
    seen = answering(peer, ANSWER)
    message = call()

    assert outbox.deliver(message.pk) == "sent"
    assert len(seen) == 1
    assert b"khai sinh" in seen[0]
    assert b"UsernameToken" in seen[0] and b"motcua" in seen[0]
    headers = peer.log[-1][0].headers
    assert headers["X-Api-Key"] == "ms_peer"


def test_a_client_fault_is_given_up(peer: HTTPServer) -> None:
    answering(peer, fault("Client.Invalid"), status=500)

    assert outbox.deliver(call().pk) == "dead"


def test_a_server_fault_is_retried(peer: HTTPServer) -> None:
    answering(peer, fault("Server"), status=500)

    assert outbox.deliver(call().pk) == "retry"


@pytest.mark.parametrize(
    ("status", "outcome"), [(503, "retry"), (502, "retry"), (429, "retry"), (404, "dead")]
)
def test_an_html_error_page_is_retried_when_5xx(
    peer: HTTPServer, status: int, outcome: str
) -> None:
    peer.expect_request("/soap", method="POST").respond_with_data(
        "<html>down</html>", status=status, content_type="text/html"
    )

    assert outbox.deliver(call().pk) == outcome


def test_a_timeout_is_retried_once_per_delivery(peer: HTTPServer) -> None:
    attempts: list[float] = []

    def slow(request: Request) -> Response:
        attempts.append(time.monotonic())
        time.sleep(1.0)
        return Response(ANSWER, content_type="text/xml")

    peer.expect_request("/soap", method="POST").respond_with_handler(slow)

    assert outbox.deliver(call().pk) == "retry"
    assert len(attempts) == 1  # the Session itself does not retry


def test_a_refused_connection_is_retried(settings: Any, peer: HTTPServer) -> None:
    client_for("agency")  # the WSDL loaded while the peer is up
    answering(peer, ANSWER)
    peer.stop()
    try:
        assert outbox.deliver(call().pk) == "retry"
    finally:
        peer.start()


def test_an_unknown_peer_or_operation_is_given_up(peer: HTTPServer) -> None:
    unknown_peer = interop_call_enqueue(peer="nobody", operation="X", args={}, idempotency_key="p")
    unknown_operation = interop_call_enqueue(
        peer="agency", operation="DropTables", args={}, idempotency_key="o"
    )

    assert outbox.deliver(unknown_peer.pk) == "dead"
    assert outbox.deliver(unknown_operation.pk) == "dead"


def test_the_same_key_enqueues_one_call(peer: HTTPServer) -> None:
    assert call("same").pk == call("same").pk


def test_the_session_has_no_retries_and_the_configured_tls(peer: HTTPServer, settings: Any) -> None:
    settings.MOTCUA_INTEROP_PEERS["agency"]["verify"] = "/etc/ssl/certs/ca-certificates.crt"
    client = client_for("agency")

    session = client.transport.session
    assert session.get_adapter("https://x").max_retries.total == 0
    assert session.verify == "/etc/ssl/certs/ca-certificates.crt"
    assert client.transport.operation_timeout == (1.0, 0.5)
