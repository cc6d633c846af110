"""Every request spyne mishandles is answered with a SOAP 1.1 fault in text/xml: a DTD
(billion laughs, an XXE file read), no or a wrong Content-Type (415), a body over the limit
(413, read no further than the limit), malformed XML, an unknown operation, a GET that is
not ?wsdl. spyne's forced garbage collection is off."""

from typing import Any

import pytest
import spyne.const
from lxml import etree

from .conftest import SoapDesk, envelope, post

pytestmark = pytest.mark.django_db

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def fault_code(response: Any) -> str:
    assert response["Content-Type"].startswith("text/xml"), response.content[:200]
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{SOAP_ENV}}}Envelope"
    code = root.findtext(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault/faultcode")
    assert code, response.content
    return str(code).split(":", 1)[-1]


def status_call(code: str) -> str:
    return f"<m:GetDossierStatus><m:code>{code}</m:code></m:GetDossierStatus>"


def test_a_dtd_is_refused(soap_desk: SoapDesk) -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE x [<!ELEMENT x ANY>]>' + envelope("")[38:]
    response = post(body, key=soap_desk.key)

    assert response.status_code == 500
    assert fault_code(response) == "Client.DTDForbidden"


def test_billion_laughs_is_refused_without_expansion(soap_desk: SoapDesk) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        + envelope(status_call("&lol9;")).decode()[38:]
    ).encode()
    response = post(body, key=soap_desk.key)

    assert fault_code(response) == "Client.DTDForbidden"
    assert b"lollol" not in response.content


def test_an_external_entity_reads_no_file(soap_desk: SoapDesk, tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        + envelope(status_call("&xxe;")).decode()[38:]
    ).encode()
    response = post(body, key=soap_desk.key)

    assert fault_code(response) == "Client.DTDForbidden"
    assert b"TOP-SECRET" not in response.content


def test_entities_never_expand_in_spyne_either(soap_desk: SoapDesk, tmp_path: Any) -> None:
    """Below the DTD guard: spyne's parser alone resolves no entity (an undeclared
    reference is malformed, not a file read)."""
    response = post(envelope(status_call("&xxe;")), key=soap_desk.key)

    assert fault_code(response).startswith("Client")
    assert b"root:" not in response.content


@pytest.mark.parametrize("content_type", [None, "application/json", "text/html"])
def test_a_missing_or_wrong_content_type_is_415(soap_desk: SoapDesk, content_type: Any) -> None:
    response = post(envelope(status_call("X")), key=soap_desk.key, content_type=content_type)

    assert response.status_code == 415
    assert fault_code(response) == "Client.UnsupportedMediaType"


def test_an_oversized_body_is_413_and_read_no_further(soap_desk: SoapDesk, settings: Any) -> None:
    settings.MOTCUA_SOAP_MAX_BODY_BYTES = 1000
    body = envelope(status_call("X" * 2000))

    response = post(body, key=soap_desk.key)
    exact = post(envelope(status_call("X" * 10)), key=soap_desk.key)

    assert response.status_code == 413
    assert fault_code(response) == "Client.TooLarge"
    assert exact.status_code == 500 and fault_code(exact) == "Client.NotFound"


def test_a_body_longer_than_its_content_length_is_read_to_the_limit_only(
    soap_desk: SoapDesk, settings: Any
) -> None:
    from api.soap.guards import BodyTooLarge, body_read

    class Stream:
        def __init__(self) -> None:
            self.asked: list[int] = []

        def read(self, size: int) -> bytes:
            self.asked.append(size)
            return b"x" * size

    stream = Stream()
    request: Any = type("R", (), {"META": {}, "read": lambda self, n: stream.read(n)})()
    with pytest.raises(BodyTooLarge):
        body_read(request, limit=100)
    assert stream.asked == [101]


def test_malformed_xml_is_a_fault(soap_desk: SoapDesk) -> None:
    response = post(b"<soapenv:Envelope><oops", key=soap_desk.key)

    assert fault_code(response) == "Client.XMLSyntaxError"


def test_an_unknown_operation_is_a_fault(soap_desk: SoapDesk) -> None:
    response = post(envelope("<m:DropTables/>"), key=soap_desk.key)

    assert fault_code(response) == "Client.ResourceNotFound"


def test_a_value_outside_the_schema_is_a_validation_fault(soap_desk: SoapDesk) -> None:
    response = post(envelope(status_call("X" * 61)), key=soap_desk.key)  # max_len 60

    assert fault_code(response) == "Client.ValidationError"


def test_an_unknown_code_is_a_fault(soap_desk: SoapDesk) -> None:
    response = post(envelope(status_call("NO-SUCH-CODE")), key=soap_desk.key)

    assert response.status_code == 500
    assert fault_code(response) == "Client.NotFound"


def test_get_without_wsdl_and_put_are_faults() -> None:
    from django.test import Client

    assert fault_code(Client().get("/soap/")) == "Client.MethodNotAllowed"
    assert Client().put("/soap/", b"").status_code == 405


def test_no_csrf_token_is_needed(soap_desk: SoapDesk) -> None:
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/soap/", envelope(status_call("X")), content_type="text/xml", HTTP_X_API_KEY=soap_desk.key
    )

    assert fault_code(response) == "Client.NotFound"


def test_spyne_forced_garbage_collection_is_off() -> None:
    import api.soap.application  # noqa: F401

    assert float("inf") == spyne.const.MIN_GC_INTERVAL
