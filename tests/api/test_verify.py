"""POST /api/v1/verify (multipart) and GET /api/v1/verify/<token>: the verdict with its
reasons and the document's metadata as JSON; errors as JSON; in the OpenAPI schema."""

import pytest
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


def post(data: bytes | None, part: str = "document"):  # type: ignore[no-untyped-def]
    body = {part: SimpleUploadedFile("doc.pdf", data)} if data is not None else {}
    return Client().post("/api/v1/verify", body, **EN)


def test_a_signed_result_is_valid_with_its_metadata(signed_document):
    answer = post(document_bytes(signed_document))

    assert answer.status_code == 200
    body = answer.json()
    assert body["valid"] and body["issued_here"] and body["signatures_valid"]
    assert body["problems"] == []
    assert body["sha256"] == signed_document.sha256
    assert [s["valid"] for s in body["signatures"]] == [True, True]
    document = body["document"]
    assert (document["kind"], document["number"], document["symbol"]) == ("result", 7, "BS-CQ")
    assert document["token"] == verification_token(signed_document.pk)
    assert [s["kind"] for s in document["signers"]] == ["personal", "agency"]
    assert "Trần Thị Mai" not in answer.content.decode()


def test_a_changed_file_and_a_foreign_pdf_are_not_valid(signed_document):
    data = document_bytes(signed_document)
    position = data.index(b"/Type /Page") + 1
    for sent in (data[:position] + b"t" + data[position + 1 :], PDF_BYTES):
        body = post(sent).json()
        assert body["valid"] is False and body["issued_here"] is False
        assert body["document"] is None
        assert any("not a document issued by this system" in p for p in body["problems"])


def test_no_file_not_a_pdf_and_too_large_are_422(settings):
    assert post(None).json() == {
        "errors": {"document": ["Send the PDF in a multipart part named document."]}
    }
    answer = post(b"GIF89a not a pdf")
    assert answer.status_code == 422
    assert answer.json() == {"errors": {"document": ["The file is not a PDF document."]}}
    settings.MOTCUA_VERIFY_MAX_BYTES = 50
    answer = post(PDF_BYTES + b"%" * 100)
    assert answer.status_code == 422 and "too large" in answer.json()["errors"]["document"][0]


def test_the_token_of_the_qr_code(signed_document):
    client = Client()
    answer = client.get(f"/api/v1/verify/{verification_token(signed_document.pk)}", **EN)
    assert answer.status_code == 200 and answer.json()["valid"] is True

    missing = client.get(f"/api/v1/verify/{signed_document.pk}-{'a' * 20}", **EN)
    assert missing.status_code == 404 and "detail" in missing.json()


def test_rate_limited_per_address(settings):
    settings.MOTCUA_VERIFY_RATE_IP = "1/m"
    assert post(PDF_BYTES).status_code == 200
    limited = post(PDF_BYTES)
    assert limited.status_code == 429 and limited["Retry-After"]


def test_the_operations_are_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()
    upload = schema["paths"]["/api/v1/verify"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"200", "422", "429"} <= set(upload["responses"])
    assert {"200", "404", "429"} <= set(
        schema["paths"]["/api/v1/verify/{token}"]["get"]["responses"]
    )
