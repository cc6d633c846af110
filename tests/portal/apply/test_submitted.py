"""After the submission: the page with the code and the secret, "being prepared" until the
acknowledgement is issued (through the outbox), then its download; the applicant's alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core import outbox
from tests.workflows.factories import PDF_BYTES, PNG_BYTES
from tests.workflows.services.submission_setup import Desk
from workflows.models import Dossier

from .conftest import url

pytestmark = pytest.mark.django_db

GOOD = {"owner_name": "Trần Thị Mai", "owner_id_number": "001203004567", "_submit": "1"}


def test_the_acknowledgement_is_prepared_then_downloadable(office: Desk, citizen: Client) -> None:
    files = {
        "_doc.request_form": SimpleUploadedFile("don.pdf", PDF_BYTES),
        "_doc.identity_document": SimpleUploadedFile("cc.png", PNG_BYTES),
    }
    response = citizen.post(url(office), {**GOOD, "_submission_key": "k", **files})
    page = citizen.get(response["Location"])
    html = page.content.decode()
    assert "being prepared" in html and 'hx-trigger="every 2s"' in html
    assert 'http-equiv="refresh"' not in html  # no timed reload (WCAG 2.2.1)
    outbox.drain()
    html = citizen.get(response["Location"]).content.decode()
    assert "being prepared" not in html and "Download the acknowledgement" in html
    assert "hx-trigger" not in html and "htmx.min.js" not in html
    dossier = Dossier.objects.get()
    document = dossier.documents.get(kind="acknowledgement")
    download = citizen.get(f"/my/dossiers/{dossier.code}/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    other = Client()
    other.force_login(office.officer)
    assert other.get(response["Location"]).status_code == 404
