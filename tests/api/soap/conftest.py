"""The SOAP tests' desk: the API desk's published procedure, a SOAP client of the receiving
centre with every operation, and zeep clients calling our own WSDL in-process (a requests
adapter routing into Django's test client)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
import zeep
from django.test import Client
from requests.structures import CaseInsensitiveDict
from zeep.transports import Transport

from api.models import SoapClient
from api.soap.clients import soap_client_create
from api.soap.service import OPERATIONS
from tests.workflows.services.submission_setup import Desk, desk

PUBLIC_URL = "http://testserver/soap/"
NS = "urn:motcua:soap:1"


class DjangoAdapter(requests.adapters.BaseAdapter):
    """requests -> Django's test client (the transport of an in-process zeep client)."""

    def send(self, request: Any, **kwargs: Any) -> requests.Response:
        url = urlsplit(request.url)
        headers = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in request.headers.items()
            if name.lower() not in ("content-type", "content-length", "host")
        }
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        answer = Client().generic(
            request.method,
            path,
            data=body.encode() if isinstance(body, str) else body,
            content_type=request.headers.get("Content-Type", ""),
            **headers,
        )
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(dict(answer.items()))
        response.url, response.request = request.url, request
        return response

    def close(self) -> None:
        return None


def session_for(key: str | None) -> requests.Session:
    session = requests.Session()
    session.mount("http://testserver/", DjangoAdapter())
    if key:
        session.headers["X-Api-Key"] = key
    return session


def zeep_client(key: str | None, *, url: str = PUBLIC_URL) -> zeep.Client:
    return zeep.Client(f"{url}?wsdl", transport=Transport(session=session_for(key)))


@dataclass
class SoapDesk:
    desk: Desk
    client: SoapClient
    key: str
    zeep: zeep.Client

    def service(self) -> Any:
        return self.zeep.service


@pytest.fixture(autouse=True)
def _public_url(settings: Any) -> None:
    settings.MOTCUA_SOAP_PUBLIC_URL = PUBLIC_URL


@pytest.fixture
def make_client() -> Callable[..., tuple[SoapClient, str]]:
    def make(agency: Any, operations: tuple[str, ...] = OPERATIONS, **kwargs: Any) -> Any:
        return soap_client_create(
            agency=agency, name="Hệ thống một cửa huyện", operations=list(operations), **kwargs
        )

    return make


@pytest.fixture
def soap_desk(db: Any, make_client: Callable[..., tuple[SoapClient, str]]) -> SoapDesk:
    d = desk()
    client, key = make_client(d.centre)
    return SoapDesk(d, client, key, zeep_client(key))


def envelope(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        f'xmlns:m="{NS}"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>'
    ).encode()


def post(
    body: bytes,
    *,
    key: str | None,
    content_type: str | None = "text/xml; charset=utf-8",
    **extra: Any,
) -> Any:
    headers = {"HTTP_X_API_KEY": key} if key else {}
    if content_type is None:
        return Client().generic("POST", "/soap/", data=body, **headers, **extra)
    return Client().post("/soap/", data=body, content_type=content_type, **headers, **extra)
