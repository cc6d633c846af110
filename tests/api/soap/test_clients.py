"""Who may call: a key in X-Api-Key (only its hash kept), or a client certificate's
fingerprint from a trusted proxy; inactive clients and unknown keys refused (401 fault);
operations not allowed to the client a Client.NotAllowed fault; a rate per client (429)."""

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

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
    header = {"HTTP_X_SSL_CLIENT_CERT": FINGERPRINT.lower()}

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


def test_the_pem_nginx_forwards_is_fingerprinted(
    soap_desk: SoapDesk, make_client: Any, settings: Any
) -> None:
    pem, fingerprint = self_signed()
    make_client(soap_desk.desk.centre, certificate_sha256=fingerprint)
    settings.MOTCUA_SOAP_TRUSTED_PROXIES = ["127.0.0.1"]
    escaped = quote(pem)  # as $ssl_client_escaped_cert

    trusted = post(CALL, key=None, REMOTE_ADDR="127.0.0.1", HTTP_X_SSL_CLIENT_CERT=escaped)
    garbage = post(
        CALL,
        key=None,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_SSL_CLIENT_CERT=quote(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"
        ),
    )

    assert fault_code(trusted) == "Client.NotFound"
    assert garbage.status_code == 401


def self_signed() -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "so-tu-phap.example")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
    return pem, certificate.fingerprint(hashes.SHA256()).hex()
