"""The public verification page: upload a PDF (valid, changed, foreign, not a PDF, too
large), follow the QR code's address; rate-limited; the metadata, never the content."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.workflows.factories import PDF_BYTES
from tests.workflows.signing_setup import (
    dev_signing_settings,
    document_bytes,
    signed_document_make,
)
from workflows.selectors.verification import verification_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_document(settings, tmp_path):  # type: ignore[no-untyped-def]
    dev_signing_settings(settings, tmp_path)
    return signed_document_make()


EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def upload(client: Client, data: bytes, name: str = "ket-qua.pdf"):  # type: ignore[no-untyped-def]
    return client.post("/verify/", {"document": SimpleUploadedFile(name, data)}, **EN)


def test_the_page_offers_an_upload_form_with_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/verify/", **EN)
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    assert b"csrfmiddlewaretoken" in page.content
    refused = client.post("/verify/", {"document": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    assert refused.status_code == 403


def test_a_signed_result_uploaded_is_valid_with_its_metadata_and_no_content(signed_document):
    page = upload(Client(), document_bytes(signed_document))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Valid document" in text
    assert "07/BS-CQ" in text and signed_document.dossier.competent_agency.name in text
    assert signed_document.signers[0]["name"] in text  # the leader who signed
    assert "Trần Thị Mai" not in text  # the owner's name: personal data stays out
    assert signed_document.dossier.code is None or signed_document.dossier.code not in text
    assert page["Cache-Control"] == "no-store"


def test_a_changed_file_is_not_valid_with_the_reasons(signed_document):
    data = document_bytes(signed_document)
    position = data.index(b"/Type /Page") + 1

    page = upload(Client(), data[:position] + b"t" + data[position + 1 :])

    text = page.content.decode()
    assert page.status_code == 200 and "Not valid" in text
    assert "not a document issued by this system" in text


def test_a_foreign_pdf_is_not_one_of_ours() -> None:
    page = upload(Client(), PDF_BYTES)
    text = page.content.decode()
    assert page.status_code == 200 and "Not valid" in text
    assert "not a document issued by this system" in text


def test_not_a_pdf_and_too_large_are_refused_with_a_message(settings) -> None:
    client = Client()
    page = upload(client, b"MZ\x90\x00 an executable", name="ket-qua.pdf")
    assert page.status_code == 400 and "The file is not a PDF document." in page.content.decode()

    settings.MOTCUA_VERIFY_MAX_BYTES = 100
    page = upload(client, PDF_BYTES + b"%" * 200)
    assert page.status_code == 400 and "too large to verify" in page.content.decode()


def test_the_qr_codes_address_shows_the_stored_document(signed_document):
    page = Client().get(f"/verify/{verification_token(signed_document.pk)}/", **EN)

    assert page.status_code == 200
    assert "Valid document" in page.content.decode()


def test_a_token_that_is_not_ours_is_a_404(signed_document):
    client = Client()
    token = verification_token(signed_document.pk)
    forged = f"{signed_document.pk + 1}-{token.split('-')[1]}"
    for bad in (forged, f"{signed_document.pk}-{'0' * 20}", "abc", signed_document.sha256):
        assert client.get(f"/verify/{bad}/", **EN).status_code == 404, bad


def test_uploads_are_rate_limited_per_address(settings) -> None:
    settings.MOTCUA_VERIFY_RATE_IP = "2/m"
    client = Client()
    assert upload(client, PDF_BYTES).status_code == 200
    assert upload(client, PDF_BYTES).status_code == 200
    limited = upload(client, PDF_BYTES)
    assert limited.status_code == 429 and limited["Retry-After"]
