"""Who may call: a key in X-Api-Key (only its hash kept), or a client certificate's
fingerprint from a trusted proxy; inactive clients and unknown keys refused (401 fault);
operations not allowed to the client a Client.NotAllowed fault; a rate per client (429)."""

from typing import Any

import pytest
from zeep.exceptions import Fault

from api.models import SoapClient

from .conftest import SoapDesk, envelope, post, zeep_client
from .test_hardening import fault_code

pytestmark = pytest.mark.django_db

FINGERPRINT = "AB:" * 31 + "AB"
CALL = envelope("<m:GetDossierStatus><m:code>X</m:code></m:GetDossierStatus>")


def test_only_the_key_hash_is_stored(soap_desk: SoapDesk) -> None:
    row = SoapClient.objects.get()

    assert soap_desk.key.startswith("ms_")
    assert soap_desk.key not in (row.key_hash, row.prefix)
    assert row.account.has_usable_password() is False


@pytest.mark.parametrize("key", [None, "ms_wrong", "mc_not-a-soap-key"])
def test_without_a_valid_key_a_401_fault(soap_desk: SoapDesk, key: Any) -> None:
    response = post(CALL, key=key)

    assert response.status_code == 401
    assert fault_code(response) == "Client.Authentication"


def test_an_inactive_client_is_refused(soap_desk: SoapDesk) -> None:
    SoapClient.objects.update(active=False)

    assert post(CALL, key=soap_desk.key).status_code == 401


def test_an_operation_not_allowed_is_a_fault(soap_desk: SoapDesk, make_client: Any) -> None:
    _client, key = make_client(soap_desk.desk.centre, operations=("ListProcedures",))
    service = zeep_client(key).service

    with pytest.raises(Fault) as caught:
        service.GetDossierStatus(code="X")

    assert caught.value.code.endswith("Client.NotAllowed")
    assert service.ListProcedures() is not None


def test_a_certificate_from_a_trusted_proxy(
    soap_desk: SoapDesk, make_client: Any, settings: Any
) -> None:
    make_client(soap_desk.desk.centre, certificate_sha256=FINGERPRINT)
    settings.MOTCUA_SOAP_TRUSTED_PROXIES = ["127.0.0.1"]
    header = {"HTTP_X_SSL_CLIENT_SHA256": FINGERPRINT.lower()}

    trusted = post(CALL, key=None, REMOTE_ADDR="127.0.0.1", **header)
    forged = post(CALL, key=None, REMOTE_ADDR="10.9.9.9", **header)

    assert fault_code(trusted) == "Client.NotFound"  # authenticated: the code is unknown
    assert forged.status_code == 401


def test_the_rate_is_per_client(soap_desk: SoapDesk, make_client: Any, settings: Any) -> None:
    settings.MOTCUA_SOAP_RATE = "2/m"
    _other, other_key = make_client(soap_desk.desk.centre)

    answers = [post(CALL, key=soap_desk.key).status_code for _ in range(3)]
    other = post(CALL, key=other_key)

    assert answers[:2] == [500, 500]  # NotFound faults: counted, answered
    assert answers[2] == 429
    assert other.status_code == 500
