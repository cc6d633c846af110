import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.workflows.factories import PDF_BYTES, PNG_BYTES, DossierAttachmentFactory, DossierFactory
from workflows.errors import AttachmentRejected
from workflows.services.attachments import (
    dossier_attachment_add,
    sanitise_filename,
    sniff_content_type,
)

pytestmark = pytest.mark.django_db


def test_a_pdf_is_stored_under_a_random_path_with_its_digest():
    attachment = DossierAttachmentFactory(original_name="Đơn đề nghị (bản 1).pdf")
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert attachment.original_name == "Đơn đề nghị (bản 1).pdf"
    assert attachment.file.name.startswith("attachments/")
    assert "pdf" not in attachment.file.name and "Đơn" not in attachment.file.name
    with default_storage.open(attachment.file.name, "rb") as handle:
        assert handle.read() == PDF_BYTES


def test_the_type_comes_from_the_bytes_not_the_name():
    attachment = DossierAttachmentFactory(original_name="scan.pdf", content=PNG_BYTES)
    assert attachment.content_type == "image/png"
    assert sniff_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"<html><script>alert(1)</script>", b""],
)
def test_other_types_and_empty_files_are_refused(content):
    dossier = DossierFactory()
    with pytest.raises(AttachmentRejected):
        dossier_attachment_add(
            dossier=dossier,
            document_code="request_form",
            upload=ContentFile(content, name="file.pdf"),
            uploaded_by=None,
        )
    assert not dossier.attachments.exists()


def test_documents_outside_the_case_list_and_large_files_are_refused(settings):
    dossier = DossierFactory()
    with pytest.raises(AttachmentRejected, match="not in the case"):
        dossier_attachment_add(
            dossier=dossier,
            document_code="something_else",
            upload=ContentFile(PDF_BYTES, name="a.pdf"),
            uploaded_by=None,
        )
    settings.MOTCUA_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(AttachmentRejected, match="larger"):
        dossier_attachment_add(
            dossier=dossier,
            document_code="request_form",
            upload=ContentFile(PDF_BYTES, name="a.pdf"),
            uploaded_by=None,
        )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\Giấy khai sinh.pdf", "Giấy khai sinh.pdf"),
        ("  .hidden.pdf ", "hidden.pdf"),
        ('a"b<c>\r\nd.pdf', "a_b_c_d.pdf"),
        ("evil\u202egnp.pdf", "evilgnp.pdf"),
        ("", "attachment"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_filenames_are_sanitised(given, expected):
    assert sanitise_filename(given) == expected
