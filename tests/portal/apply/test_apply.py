"""The application page: the form, its errors, the buttons that change its shape, drafts,
and the submission (idempotent by its key)."""

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.models import ApplicationDraft
from tests.workflows.factories import (
    PDF_BYTES,
    PNG_BYTES,
    ProcedureCaseFactory,
    ProcedureVersionFactory,
    UserFactory,
)
from tests.workflows.services.submission_setup import Desk
from workflows.models import Dossier, ProcedureVersion

from .conftest import url

pytestmark = pytest.mark.django_db

GOOD = {
    "owner_name": "Trần Thị Mai",
    "owner_id_number": "001203004567",
    "phone": "0912 345 678",
    "graduation_year": "2010",
}


def _files() -> dict[str, Any]:
    return {
        "_doc.request_form": SimpleUploadedFile("don.pdf", PDF_BYTES),
        "_doc.identity_document": SimpleUploadedFile("cc.png", PNG_BYTES),
    }


def _key(response: Any) -> str:
    match = re.search(r'name="_submission_key" value="([0-9a-f]+)"', response.content.decode())
    assert match
    return match.group(1)


def test_sign_in_is_required(office: Desk) -> None:
    response = Client().get(url(office))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_unpublished_version_or_unknown_case_is_404(office: Desk, citizen: Client) -> None:
    assert citizen.get(f"/apply/{office.version.pk}/nope/").status_code == 404
    draft: Any = ProcedureVersionFactory(form_schema={})
    ProcedureCaseFactory(version=draft, code="c")
    assert draft.status != ProcedureVersion.Status.PUBLISHED
    assert citizen.get(f"/apply/{draft.pk}/c/").status_code == 404


def test_the_page_shows_the_form_and_the_documents(office: Desk, citizen: Client) -> None:
    response = citizen.get(url(office))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="owner_name"' in html and 'name="_doc.request_form"' in html
    assert 'name="_submission_key"' in html
    assert "Submitted to:" in html and office.centre.name in html


def test_submit_files_the_dossier_and_a_double_submit_returns_it(
    office: Desk, citizen: Client
) -> None:
    key = _key(citizen.get(url(office)))
    post = {**GOOD, "_submission_key": key, "_submit": "1", **_files()}
    response = citizen.post(url(office), post)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/apply/submitted/{dossier.code}/"
    assert dossier.applicant == office.citizen and dossier.channel == Dossier.Channel.ONLINE
    assert dossier.receiving_agency == office.centre
    assert dossier.attachments.count() == 2
    again = citizen.post(url(office), {**GOOD, "_submission_key": key, "_submit": "1", **_files()})
    assert again["Location"] == response["Location"] and Dossier.objects.count() == 1
    page = citizen.get(response["Location"]).content.decode()
    assert str(dossier.code) in page and dossier.tracking_secret in page


def test_errors_are_shown_next_to_fields_and_what_was_typed_is_kept(
    office: Desk, citizen: Client
) -> None:
    post = {**GOOD, "owner_id_number": "12", "owner_name": "", "_submission_key": "k1"}
    response = citizen.post(url(office), {**post, "_submit": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html
    assert 'href="#f-owner_name"' in html and 'id="f-owner_name-error"' in html
    assert 'href="#doc-request_form"' in html and 'id="doc-request_form-error"' in html
    assert 'name="phone" value="0912 345 678"' in html
    assert 'name="_submission_key" value="k1"' in html
    assert not Dossier.objects.exists()


def test_a_file_of_another_type_is_refused(office: Desk, citizen: Client) -> None:
    files = {**_files(), "_doc.request_form": SimpleUploadedFile("x.pdf", b"MZ not a pdf")}
    response = citizen.post(url(office), {**GOOD, "_submission_key": "k", "_submit": "1", **files})
    assert response.status_code == 400
    assert "Only PDF, JPEG and PNG files are accepted." in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_draft_is_saved_resumed_and_submitted(office: Desk, citizen: Client) -> None:
    files = {"_doc.request_form": SimpleUploadedFile("don.pdf", PDF_BYTES)}
    response = citizen.post(url(office), {"owner_name": "Mai", "_save": "1", **files})
    draft = ApplicationDraft.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?draft={draft.pk}")
    saved: Any = draft.data
    assert saved == {"owner_name": "Mai"} and draft.files.count() == 1
    html = citizen.get(response["Location"]).content.decode()
    assert 'name="owner_name" value="Mai"' in html and "Kept with your draft: don.pdf" in html
    post = {
        **GOOD,
        "_draft": str(draft.pk),
        "_submission_key": "k",
        "_submit": "1",
        "_doc.identity_document": SimpleUploadedFile("cc.png", PNG_BYTES),
    }
    assert citizen.post(url(office), post).status_code == 302
    dossier = Dossier.objects.get()
    assert sorted(dossier.attachments.values_list("document_code", flat=True)) == [
        "identity_document",
        "request_form",
    ]
    assert dossier.attachments.get(document_code="request_form").original_name == "don.pdf"
    assert not ApplicationDraft.objects.exists()


def test_a_draft_with_an_invalid_value_is_not_saved(office: Desk, citizen: Client) -> None:
    response = citizen.post(url(office), {"owner_id_number": "12", "_save": "1"})
    assert response.status_code == 400 and not ApplicationDraft.objects.exists()
    assert 'id="f-owner_id_number-error"' in response.content.decode()


def test_another_citizens_draft_is_404(office: Desk, citizen: Client) -> None:
    values: dict[str, Any] = {"owner": UserFactory(), "data": {"owner_name": "X"}}
    other = ApplicationDraft.objects.create(version=office.version, case=office.case, **values)
    assert citizen.get(url(office) + f"?draft={other.pk}").status_code == 200  # not used
    assert 'value="X"' not in citizen.get(url(office) + f"?draft={other.pk}").content.decode()


def test_files_chosen_before_an_error_are_kept_with_a_draft(office: Desk, citizen: Client) -> None:
    post = {**GOOD, "owner_name": "", "_submission_key": "k", "_submit": "1", **_files()}
    response = citizen.post(url(office), post)
    assert response.status_code == 400
    draft = ApplicationDraft.objects.get(owner=office.citizen)
    assert draft.files.count() == 2
    assert f'name="_draft" value="{draft.pk}"' in response.content.decode()


def test_consent_is_asked_for_a_childs_data(child_office: Desk) -> None:
    client = Client(headers={"accept-language": "en"})
    client.force_login(child_office.citizen)
    page = client.get(url(child_office)).content.decode()
    assert 'name="_consent.agree"' in page and 'value="self"' not in page
    post = {**GOOD, "_submission_key": "k", "_submit": "1", **_files()}
    response = client.post(url(child_office), post)
    assert response.status_code == 400 and 'href="#consent-agree"' in response.content.decode()
    consent = {
        "_consent.agree": "on",
        "_consent.full_name": "Trần Văn Bình",
        "_consent.relationship": "father",
        "_consent.version": "2026-01",
    }
    response = client.post(url(child_office), {**post, **_files(), **consent})
    assert response.status_code == 302
    assert Dossier.objects.get().consent.notice_version == "2026-01"
