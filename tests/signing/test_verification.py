"""What verification accepts and refuses, each refusal with its reason; pdfsig (poppler)
accepts our signatures independently."""

import io
import re
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import translation
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from signing.errors import CertificateNotValid
from signing.keys import CachedKeySigner, asn1_cert
from signing.pades import pdf_sign_with
from signing.pki import root_issue
from signing.services import StampText, pdf_sign
from signing.verification import pdf_verify
from tests.signing.pki import leader_issue, sample_pdf

pytestmark = pytest.mark.django_db
LEADER = StampText(name="Nguyễn Văn Á", title="Giám đốc", organisation="Sở GD&ĐT")
SEAL = StampText(name="Sở Giáo dục và Đào tạo", organisation="UBND tỉnh")


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def two_signatures(make_profile) -> bytes:  # type: ignore[no-untyped-def]
    first = pdf_sign(
        pdf=sample_pdf(),
        signer=make_profile("leader"),
        stamp=LEADER,
        reason="Ký duyệt",
        field_name="leader",
    )
    return pdf_sign(
        pdf=first,
        signer=make_profile("seal", kind="agency"),
        stamp=SEAL,
        reason="Đóng dấu",
        field_name="agency",
    )


def test_the_agency_seal_after_the_leader_keeps_the_first_signature_valid(make_profile):
    report = pdf_verify(two_signatures(make_profile))
    assert report.valid, report.problems
    first, second = report.signatures
    assert (first.field_name, second.field_name) == ("leader", "agency")
    assert first.coverage == "ENTIRE_REVISION" and second.coverage == "ENTIRE_FILE"
    assert first.modification_level == "FORM_FILLING" and first.docmdp_ok
    assert all(s.intact and s.trusted and s.timestamp_at for s in report.signatures)


def test_pdfsig_accepts_both_signatures(make_profile, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(two_signatures(make_profile))
    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    blocks = re.split(r"^Signature #\d+:", output, flags=re.M)[1:]
    assert len(blocks) == 2
    assert all("Signature Validation: Signature is Valid." in b for b in blocks)
    assert "Signature Field Name: leader" in blocks[0]
    assert "Total document signed" in blocks[1]  # the last one covers the whole file
    assert all("ETSI.CAdES.detached" in b for b in blocks)  # PAdES


def test_a_modified_byte_fails(make_profile):
    signed = bytearray(two_signatures(make_profile))
    at = signed.index(b"stream", 100) + 40
    signed[at] ^= 0x01
    report = pdf_verify(bytes(signed))
    assert not report.valid
    assert any("changed after it was signed" in p for p in report.problems)


def test_bytes_appended_after_the_last_signature_fail(make_profile):
    report = pdf_verify(two_signatures(make_profile) + b"\n% one more line\n")
    assert not report.valid
    assert report.problems == [
        "Data was added to the file after the last signature; it is not the signed document."
    ]


def test_a_change_between_signatures_other_than_a_signature_fails(make_profile):
    first = pdf_sign(
        pdf=sample_pdf(),
        signer=make_profile("leader"),
        stamp=LEADER,
        reason="Ký duyệt",
        field_name="leader",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(first))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    signed = pdf_sign(
        pdf=out.getvalue(),
        signer=make_profile("seal", kind="agency"),
        stamp=SEAL,
        reason="Đóng dấu",
        field_name="agency",
    )
    report = pdf_verify(signed)
    assert not report.valid
    assert any("by more than adding signatures" in p for p in report.problems)


def test_a_wrong_trust_root_fails(make_profile):
    other = root_issue(common_name="Another CA", organisation="Elsewhere")
    report = pdf_verify(two_signatures(make_profile), trust_roots=[asn1_cert(other.cert)])
    assert not report.valid
    assert any("not issued by a trusted certification authority" in p for p in report.problems)


def test_a_file_that_is_not_a_pdf_or_has_no_signature_fails():
    assert pdf_verify(b"hello").problems == ["The file is not a PDF that can be read."]
    assert pdf_verify(sample_pdf()).problems == ["The document has no digital signature."]


def test_an_expired_certificate_is_refused_at_signing(dev_ca, make_profile):
    now = datetime.now(UTC)
    expired = leader_issue(
        dev_ca.root, not_before=now - timedelta(days=30), not_after=now - timedelta(days=1)
    )
    with pytest.raises(CertificateNotValid):
        pdf_sign(
            pdf=sample_pdf(),
            signer=make_profile("old", issued=expired),
            stamp=LEADER,
            reason="Ký",
            field_name="leader",
        )


def test_a_certificate_expired_before_signing_fails(dev_ca, monkeypatch):
    now = datetime.now(UTC)
    expired = leader_issue(
        dev_ca.root, not_before=now - timedelta(days=30), not_after=now - timedelta(days=1)
    )
    # a signer that does not check, as another product might be
    monkeypatch.setattr("signing.pades.certificate_check", lambda cert, at=None: None)
    signer = CachedKeySigner(key=expired.key, cert=expired.cert, chain=[dev_ca.root.cert])
    signed = pdf_sign_with(
        pdf=sample_pdf(), signer=signer, stamp=LEADER, reason="Ký", field_name="leader"
    )
    report = pdf_verify(signed)
    assert not report.valid
    assert any(
        "certificate had expired" in p and "when the document was signed" in p
        for p in report.problems
    )


def test_a_certificate_that_expired_after_a_timestamped_signature_still_verifies(
    dev_ca, make_profile
):
    now = datetime.now(UTC)
    short = leader_issue(
        dev_ca.root, not_before=now - timedelta(days=1), not_after=now + timedelta(days=2)
    )
    signed = pdf_sign(
        pdf=sample_pdf(),
        signer=make_profile("short", issued=short),
        stamp=LEADER,
        reason="Ký",
        field_name="leader",
    )
    with time_machine.travel(now + timedelta(days=30)):
        report = pdf_verify(signed)
    assert report.valid, report.problems
    # without a timestamp the same signature cannot prove when it was made
    plain = pdf_sign(
        pdf=sample_pdf(),
        signer=make_profile("short2", issued=short),
        stamp=LEADER,
        reason="Ký",
        field_name="leader",
        timestamp=False,
    )
    with time_machine.travel(now + timedelta(days=30)):
        report = pdf_verify(plain)
    assert not report.valid
    assert any("no timestamp" in p for p in report.problems)
