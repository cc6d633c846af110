"""PAdES signing with a PKCS#12 signer and verification."""

import subprocess

import pytest

from signing.services import StampText, pdf_sign
from signing.verification import pdf_verify
from tests.signing.pdf import reader
from tests.signing.pki import sample_pdf


def poppler_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


pytestmark = pytest.mark.django_db
STAMP = StampText(name="Nguyễn Văn Á", title="Giám đốc", organisation="Sở Giáo dục và Đào tạo")


def test_signed_pdf_verifies_with_a_timestamp_and_the_stamp_in_vietnamese(make_profile):
    signed = pdf_sign(
        pdf=sample_pdf(),
        signer=make_profile(),
        stamp=STAMP,
        reason="Ký kết quả",
        field_name="leader",
    )
    assert signed.startswith(sample_pdf())  # incremental: the original bytes untouched
    report = pdf_verify(signed)
    assert report.valid, report.problems
    [signature] = report.signatures
    assert signature.signer_name == "Nguyễn Văn Á"
    assert signature.organisation == "Sở Giáo dục và Đào tạo"
    assert signature.coverage == "ENTIRE_FILE"
    assert signature.timestamp_at is not None
    # the stamp is the widget's appearance: poppler draws it, pypdf's page text has not
    stamp = " ".join(poppler_text(signed).split())
    assert "Nguyễn Văn Á Giám đốc Sở Giáo dục và Đào tạo Ký ngày" in stamp


def test_with_lt_the_chain_goes_into_the_document_security_store(make_profile, settings):
    settings.MOTCUA_SIGNING_LT = True
    signed = pdf_sign(
        pdf=sample_pdf(), signer=make_profile(), stamp=STAMP, reason="Ký", field_name="leader"
    )
    root = reader(signed).trailer["/Root"]
    assert "/DSS" in root and root["/DSS"]["/Certs"]  # validation data for B-LT
    report = pdf_verify(signed)
    assert report.valid, report.problems
    assert report.signatures[0].modification_level == "LTA_UPDATES"
    assert not pdf_verify(signed + b"% appended\n").valid
