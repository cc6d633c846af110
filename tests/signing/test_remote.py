"""The remote-signing client against a service on 127.0.0.1 (the test plays the phone)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from signing.errors import SignerConfigurationError, SignerUnavailable
from signing.models import PendingSignature, SignerProfile
from signing.services import StampText, signature_poll, signature_request
from signing.verification import pdf_verify
from tests.signing.pki import leader_issue, sample_pdf
from tests.signing.remote_service import API_KEY, RemoteService

pytestmark = pytest.mark.django_db
STAMP = StampText(name="Trần Thị Bình", title="Phó Giám đốc", organisation="Sở GD&ĐT")


@pytest.fixture
def service(httpserver, dev_ca) -> RemoteService:  # type: ignore[no-untyped-def]
    remote = RemoteService(
        httpserver, leader_issue(dev_ca.root, common_name="Trần Thị Bình"), [dev_ca.root.cert]
    )
    remote.install()
    return remote


def profile(service: RemoteService, api_key: str = API_KEY) -> SignerProfile:
    return SignerProfile.objects.create(
        name="Trần Thị Bình",
        kind="personal",
        agency_code="X",
        backend="remote",
        config={"url": service.url, "api_key": api_key, "user_id": "leader1"},
    )


def request(signer: SignerProfile) -> PendingSignature:
    return signature_request(
        pdf=sample_pdf(),
        signer=signer,
        stamp=STAMP,
        reason="Ký kết quả",
        field_name="leader",
        reference="dossier:7",
    )


def test_approved_on_the_phone_the_signature_is_embedded_with_a_timestamp(service):
    pending = request(profile(service))
    assert pending.transaction_id == "tx1"
    assert service.requests[0]["hash"] and service.requests[0]["reference"] == "dossier:7"
    assert signature_poll(pending=pending).state == "pending"
    service.answer("tx1", "approved")
    done = signature_poll(pending=pending)
    assert done.state == "completed", done.error
    report = pdf_verify(bytes(done.result))
    assert report.valid, report.problems
    assert report.signatures[0].signer_name == "Trần Thị Bình"
    assert report.signatures[0].timestamp_at is not None
    assert signature_poll(pending=done).state == "completed"  # polling again changes nothing


@pytest.mark.parametrize("answer", ["rejected", "expired"])
def test_refused_or_expired_on_the_service(service, answer):
    pending = request(profile(service))
    service.answer("tx1", answer)
    done = signature_poll(pending=pending)
    assert done.state == answer and done.error and done.result is None


def test_nobody_answers_in_time_the_request_expires_here(service):
    pending = request(profile(service))
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert signature_poll(pending=pending).state == "expired"


def test_a_5xx_or_a_timeout_leaves_the_request_open(service, settings):
    pending = request(profile(service))
    service.status_code = 503
    with pytest.raises(SignerUnavailable):
        signature_poll(pending=pending)
    service.status_code, service.delay = 200, 1.5
    settings.MOTCUA_SIGNING_REMOTE_TIMEOUT = 0.5
    with pytest.raises(SignerUnavailable):
        signature_poll(pending=pending)
    service.delay, settings.MOTCUA_SIGNING_REMOTE_TIMEOUT = 0, 10
    pending.refresh_from_db()
    assert pending.state == "pending"
    service.answer("tx1", "approved")
    assert signature_poll(pending=pending).state == "completed"


def test_a_signature_not_over_the_document_fails(service):
    pending = request(profile(service))
    service.tamper = True
    service.answer("tx1", "approved")
    done = signature_poll(pending=pending)
    assert done.state == "failed" and done.result is None


def test_a_wrong_api_key_is_a_configuration_error_and_nothing_is_kept(service):
    with pytest.raises(SignerConfigurationError):
        request(profile(service, api_key="wrong"))
    assert not PendingSignature.objects.exists()


def test_an_approved_signature_waits_for_the_timestamp_authority(service, monkeypatch):
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    from signing.errors import TimestampUnavailable
    from signing.trust import DevTimeStamper

    pending = request(profile(service))
    service.answer("tx1", "approved")

    async def down(self, req):  # type: ignore[no-untyped-def]
        raise TimestampRequestError("TSA down")

    with monkeypatch.context() as patch:
        patch.setattr(DevTimeStamper, "async_request_tsa_response", down)
        with pytest.raises(TimestampUnavailable):
            signature_poll(pending=pending)
    pending.refresh_from_db()
    assert pending.state == "approved" and pending.signature_value
    service.answer("tx1", "rejected")  # the service's later state does not matter any more
    assert signature_poll(pending=pending).state == "completed"
