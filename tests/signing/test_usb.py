"""A USB token on the leader's PC: the server prepares, the PC (played here with a key in
the test) makes the CMS over the published digest, the server checks and embeds it."""

import asyncio
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from signing.errors import SignatureExpired, SignatureInvalid
from signing.keys import CachedKeySigner
from signing.models import PendingSignature, SignerProfile
from signing.pki import Issued
from signing.services import StampText, signature_complete, signature_request
from signing.verification import pdf_verify
from tests.signing.pki import leader_issue, sample_pdf

pytestmark = pytest.mark.django_db
STAMP = StampText(name="Nguyễn Văn Á", title="Giám đốc", organisation="Sở GD&ĐT")


@pytest.fixture
def token(dev_ca) -> Issued:  # type: ignore[no-untyped-def]
    return leader_issue(dev_ca.root)


@pytest.fixture
def profile(dev_ca, token) -> SignerProfile:  # type: ignore[no-untyped-def]
    pem = (token.cert_pem() + dev_ca.root.cert_pem()).decode()
    return SignerProfile.objects.create(
        name="Nguyễn Văn Á",
        kind="personal",
        agency_code="X",
        backend="usb",
        config={"certificate": pem},
    )


def pc_sign(token: Issued, chain, digest_hex: str) -> bytes:  # type: ignore[no-untyped-def]
    """What the signing software on the leader's PC does with the token."""
    signer = CachedKeySigner(key=token.key, cert=token.cert, chain=chain)
    content = asyncio.run(signer.async_sign(bytes.fromhex(digest_hex), "sha256", use_pades=True))
    return content.dump()


def request(profile: SignerProfile) -> PendingSignature:
    return signature_request(
        pdf=sample_pdf(),
        signer=profile,
        stamp=STAMP,
        reason="Ký kết quả",
        field_name="leader",
        reference="dossier:1",
    )


def test_the_cms_from_the_pc_is_checked_timestamped_and_embedded(dev_ca, token, profile):
    pending = request(profile)
    assert pending.state == "pending" and len(pending.digest) == 64
    completed = signature_complete(
        pending=pending, cms=pc_sign(token, [dev_ca.root.cert], pending.digest)
    )
    assert completed.state == "completed"
    report = pdf_verify(bytes(completed.result))
    assert report.valid, report.problems
    assert report.signatures[0].timestamp_at is not None  # added by the server: B-T
    again = signature_complete(pending=completed, cms=b"ignored once completed")
    assert again.state == "completed"


def test_a_cms_by_another_key_or_over_another_digest_is_refused_and_the_request_stays_open(
    dev_ca, token, profile
):
    pending = request(profile)
    stranger = leader_issue(dev_ca.root, common_name="Người khác")
    with pytest.raises(SignatureInvalid):
        signature_complete(pending=pending, cms=pc_sign(stranger, [], pending.digest))
    with pytest.raises(SignatureInvalid):
        signature_complete(pending=pending, cms=pc_sign(token, [], "00" * 32))
    with pytest.raises(SignatureInvalid):
        signature_complete(pending=pending, cms=b"not a CMS")
    pending.refresh_from_db()
    assert pending.state == "pending"
    done = signature_complete(pending=pending, cms=pc_sign(token, [], pending.digest))
    assert done.state == "completed"


def test_a_late_signature_is_refused(dev_ca, token, profile):
    pending = request(profile)
    later = timezone.now() + timedelta(hours=1)
    with time_machine.travel(later), pytest.raises(SignatureExpired):
        signature_complete(pending=pending, cms=pc_sign(token, [], pending.digest))
    pending.refresh_from_db()
    assert pending.state == "expired"
