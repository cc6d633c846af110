"""/my/ and a dossier's page: who sees what (the applicant; anyone else 404), the data with
the form's labels, the issued documents' downloads, and deleting a draft."""

import pytest
from django.core.files.base import ContentFile

from portal.models import ApplicationDraft
from tests.workflows.factories import DossierAttachmentFactory
from workflows.models import DossierDocument

from .conftest import Mine

pytestmark = pytest.mark.django_db


def test_my_dossiers_lists_mine_only(mine: Mine) -> None:
    assert mine.client().get("/my/").status_code == 302
    html = mine.client(mine.citizen).get("/my/").content.decode()
    assert str(mine.dossier.code) in html and "Processing" not in html
    assert str(mine.dossier.code) not in mine.client(mine.stranger).get("/my/").content.decode()


def test_the_dossier_page_is_the_applicants(mine: Mine) -> None:
    response = mine.client(mine.citizen).get(mine.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường" in html and "THCS Lê Lợi" in html and "Năm tốt nghiệp" in html
    assert "Withdraw the dossier" in html
    assert mine.client(mine.stranger).get(mine.url).status_code == 404
    assert mine.client().get(mine.url).status_code == 404
    assert mine.client(mine.state.receptionist).get(mine.url).status_code == 404
    assert mine.client(mine.citizen).get("/my/dossiers/NOPE/").status_code == 404


def test_an_issued_document_downloads_for_the_applicant_only(mine: Mine) -> None:
    issued = DossierDocument(dossier=mine.dossier, kind="receipt", sha256="0" * 64, size=8)
    issued.file.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    url = f"{mine.url}documents/{issued.pk}/"
    response = mine.client(mine.citizen).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4"  # type: ignore[attr-defined]
    assert (
        "Receipt and appointment slip" in mine.client(mine.citizen).get(mine.url).content.decode()
    )
    assert mine.client(mine.stranger).get(url).status_code == 404
    assert mine.client().get(url).status_code == 404
    assert mine.client(mine.citizen).get(f"{mine.url}documents/{issued.pk + 1}/").status_code == 404


def test_a_draft_is_listed_and_deleted_by_its_owner(mine: Mine) -> None:
    draft = ApplicationDraft.objects.create(
        owner=mine.citizen, version=mine.dossier.version, case=mine.dossier.case
    )
    html = mine.client(mine.citizen).get("/my/").content.decode()
    assert f"?draft={draft.pk}" in html
    assert mine.client(mine.stranger).post(f"/my/drafts/{draft.pk}/delete/").status_code == 404
    response = mine.client(mine.citizen).post(f"/my/drafts/{draft.pk}/delete/")
    assert response.status_code == 302 and not ApplicationDraft.objects.exists()


def test_a_visitor_with_a_grant_reads_but_does_not_act(mine: Mine) -> None:
    DossierAttachmentFactory(dossier=mine.dossier, original_name="don.pdf")
    client = mine.client()
    session = client.session
    session["dossier_grants"] = [mine.dossier.pk]
    session.save()
    html = client.get(mine.url).content.decode()
    assert "THCS Lê Lợi" in html
    assert "Withdraw the dossier" not in html
    assert "don.pdf" in html and "/dossiers/attachments/" not in html
    assert client.post(mine.url + "withdraw/", {"reason": "x"}).status_code == 302  # sign in
    stranger = mine.client(mine.stranger)
    session = stranger.session
    session["dossier_grants"] = [mine.dossier.pk]
    session.save()
    assert stranger.post(mine.url + "withdraw/", {"reason": "x"}).status_code == 404
