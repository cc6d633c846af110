"""The WSDL: valid (lxml parses it, zeep loads it), every operation in it, its address the
configured public URL whatever the Host of the request that asks first."""

from typing import Any

import pytest
import zeep
from django.test import Client
from lxml import etree

from api.soap.application import wsdl_document
from api.soap.service import OPERATIONS

from .conftest import PUBLIC_URL, session_for

pytestmark = pytest.mark.django_db

WSDL_NS = {
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "soap": "http://schemas.xmlsoap.org/wsdl/soap/",
}


def test_the_wsdl_parses_and_names_the_configured_address(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    wsdl_document.cache_clear()
    response = Client().get("/soap/?wsdl", HTTP_HOST="attacker.example")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = etree.fromstring(response.content)
    addresses = root.xpath("//soap:address/@location", namespaces=WSDL_NS)
    assert addresses == [PUBLIC_URL]
    operations = set(root.xpath("//wsdl:portType/wsdl:operation/@name", namespaces=WSDL_NS))
    assert operations == set(OPERATIONS)


def test_zeep_loads_the_wsdl_with_every_operation() -> None:
    client = zeep.Client(f"{PUBLIC_URL}?wsdl", transport=zeep.Transport(session=session_for(None)))

    binding = client.service._binding
    assert sorted(binding._operations) == sorted(OPERATIONS)
    assert client.service._binding_options["address"] == PUBLIC_URL
