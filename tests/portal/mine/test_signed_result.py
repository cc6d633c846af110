"""The applicant downloads the signed result from their dossier page (and the API); a result
still being signed, or whose signing failed, is not issued: not listed, not downloadable."""

import pytest
from django.test import Client

from tests.workflows.signing_setup import (
    dev_signing_settings,
    document_bytes,
    signed_document_make,
)
from workflows.models import DossierDocument

pytestmark = pytest.mark.django_db
State = DossierDocument.SignatureState


@pytest.fixture
def signed(settings, tmp_path):  # type: ignore[no-untyped-def]
    dev_signing_settings(settings, tmp_path)
    document = signed_document_make()
    dossier = document.dossier
    dossier.code = "000.00.20.H98-261128-0042"
    dossier.save(update_fields=["code"])
    return document


def applicant_client(document: DossierDocument) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(document.dossier.applicant)
    return client


def test_the_applicant_downloads_the_signed_result(signed):
    client = applicant_client(signed)
    code = signed.dossier.code
    link = f"/my/dossiers/{code}/documents/{signed.pk}/"

    page = client.get(f"/my/dossiers/{code}/")
    assert page.status_code == 200 and link in page.content.decode()

    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == document_bytes(signed)
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"

    api = client.get(f"/api/v1/my/dossiers/{code}/documents/{signed.pk}")
    assert api.status_code == 200
    assert b"".join(api.streaming_content) == document_bytes(signed)


@pytest.mark.parametrize("state", [State.AWAITING, State.FAILED])
def test_a_result_not_yet_signed_is_not_issued(signed, state):
    signed.signature_state = state
    signed.save(update_fields=["signature_state"])
    client = applicant_client(signed)
    code = signed.dossier.code
    link = f"/my/dossiers/{code}/documents/{signed.pk}/"

    assert link not in client.get(f"/my/dossiers/{code}/").content.decode()
    assert client.get(link).status_code == 404
    assert client.get(f"/api/v1/my/dossiers/{code}/documents/{signed.pk}").status_code == 404


def test_another_citizen_cannot_download_it(signed):
    from tests.workflows.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    link = f"/my/dossiers/{signed.dossier.code}/documents/{signed.pk}/"
    assert client.get(link).status_code == 404
