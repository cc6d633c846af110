"""The SOAP clients in the admin: made with the key shown once (in the message), the
operations ticked, a bad fingerprint refused; the key never shown again."""

import re

import pytest
from django.test import Client

from api.models import SoapClient
from api.soap.clients import soap_client_authenticate
from tests.workflows.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_admin_makes_a_client_and_shows_the_key_once(admin_client: Client) -> None:
    agency = AgencyFactory()

    response = admin_client.post(
        "/admin/api/soapclient/add/",
        {
            "agency": agency.pk,
            "name": "Sở Tư pháp",
            "certificate_sha256": "AB:" * 31 + "AB",
            "operations": ["GetDossierStatus", "SubmitDossier"],
            "active": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    client = SoapClient.objects.get()
    [raw] = re.findall(r"ms_[A-Za-z0-9_-]{43}", " ".join(map(str, response.context["messages"])))
    assert soap_client_authenticate(key=raw) == client
    assert client.operations == ["GetDossierStatus", "SubmitDossier"]
    assert client.certificate_sha256 == "ab" * 32
    assert client.agency == agency and client.account.soap_client == client
    detail = admin_client.get(f"/admin/api/soapclient/{client.pk}/change/")
    assert detail.status_code == 200 and raw not in detail.content.decode()


def test_a_bad_fingerprint_is_refused(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/api/soapclient/add/",
        {"agency": AgencyFactory().pk, "name": "x", "certificate_sha256": "abc", "active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "64 hex digits" in response.content.decode()
    assert not SoapClient.objects.exists()
