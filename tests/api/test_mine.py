"""The applicant's dossiers: the list, one with its files and issued documents (links that
download), the answer to a supplementation request; another's dossier is 404, no auth 401."""

import json
from typing import Any

import pytest
from django.test import Client

from core import outbox
from core.audit.models import AccessLogEntry
from tests.workflows.factories import PDF_BYTES
from workflows.models import Dossier, DossierDocument
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_request_supplementation,
)

from .conftest import ApiDesk, files, reception_task, submitted

pytestmark = pytest.mark.django_db


def test_my_dossiers_lists_mine_only(api_desk: ApiDesk, stranger: Client) -> None:
    mine = [submitted(api_desk), submitted(api_desk)]

    response = api_desk.client.get("/api/v1/my/dossiers?limit=1", HTTP_ACCEPT_LANGUAGE="en")
    others = stranger.get("/api/v1/my/dossiers")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["code"] for item in body["items"]] == [mine[1].code]
    assert body["items"][0]["status_label"] == "New"
    assert body["items"][0]["url"].endswith(f"/api/v1/my/dossiers/{mine[1].code}")
    assert others.json() == {"count": 0, "items": []}
    assert Client().get("/api/v1/my/dossiers").status_code == 401


def test_one_of_my_dossiers_with_its_files_and_issued_documents(api_desk: ApiDesk) -> None:
    dossier = submitted(api_desk)
    outbox.drain()  # the acknowledgement
    dossier_accept(task_id=reception_task(dossier).pk, user=api_desk.desk.officer)
    outbox.drain()  # Form 01

    response = api_desk.client.get(f"/api/v1/my/dossiers/{dossier.code}")

    assert response.status_code == 200
    body = response.json()
    assert body["tracking_secret"] == dossier.tracking_secret
    assert body["personal"]["owner"]["full_name"] == "Trần Thị Mai"
    assert body["data"]["graduation_year"] == 2010
    assert body["supplementation"] is None
    assert {a["document_code"] for a in body["attachments"]} == {
        "request_form",
        "identity_document",
    }
    kinds = {d["kind"] for d in body["documents"]}
    assert kinds == set(
        DossierDocument.objects.filter(dossier=dossier).values_list("kind", flat=True)
    )
    assert "acknowledgement" in kinds
    assert AccessLogEntry.objects.filter(action="view", object_id=str(dossier.pk)).exists()

    for document in body["documents"]:
        download = api_desk.client.get(document["url"])
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        assert download["Cache-Control"] == "private, no-store"
    attachment = next(a for a in body["attachments"] if a["document_code"] == "request_form")
    download = api_desk.client.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert AccessLogEntry.objects.filter(action="download").count() == len(kinds) + 1


def test_another_applicants_dossier_and_its_files_are_404(
    api_desk: ApiDesk, stranger: Client
) -> None:
    dossier = submitted(api_desk)
    outbox.drain()
    attachment = dossier.attachments.first()
    document = dossier.documents.first()
    assert attachment is not None and document is not None
    base = f"/api/v1/my/dossiers/{dossier.code}"

    for path in (
        base,
        f"{base}/attachments/{attachment.pk}",
        f"{base}/documents/{document.pk}",
    ):
        assert stranger.get(path).status_code == 404, path
        assert Client().get(path).status_code == 401, path
    unknown = api_desk.client.get("/api/v1/my/dossiers/NOPE")
    assert unknown.status_code == 404
    # a file of another dossier under my dossier's code
    other = submitted(api_desk)
    other_attachment = other.attachments.first()
    assert other_attachment is not None
    assert api_desk.client.get(f"{base}/attachments/{other_attachment.pk}").status_code == 404
    assert stranger.post(f"{base}/supplementation", {"payload": "{}"}).status_code == 404


def _requested(api_desk: ApiDesk) -> Dossier:
    dossier = submitted(api_desk)
    dossier_request_supplementation(
        task_id=reception_task(dossier).pk,
        user=api_desk.desk.officer,
        items=[MissingItem("Bản sao căn cước", document_code="identity_document")],
        reason="Ảnh mờ",
    )
    return dossier


def test_answering_the_supplementation_request(api_desk: ApiDesk) -> None:
    dossier = _requested(api_desk)
    url = f"/api/v1/my/dossiers/{dossier.code}"
    before = api_desk.client.get(url).json()["supplementation"]
    assert before["open"] is True
    assert before["items"] == [
        {"document_code": "identity_document", "name": "Bản sao căn cước", "note": ""}
    ]

    response = api_desk.client.post(
        f"{url}/supplementation",
        {
            "payload": json.dumps({"data": {"graduation_year": 2011}, "note": "Ảnh rõ hơn"}),
            **files(identity_document=PDF_BYTES),
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Dossier.Status.NEW
    assert body["data"]["graduation_year"] == 2011
    assert body["personal"]["owner"]["full_name"] == "Trần Thị Mai"
    assert body["supplementation"]["open"] is False
    assert len(body["attachments"]) == 3
    dossier.refresh_from_db()
    assert dossier.supplementation.answer_note == "Ảnh rõ hơn"

    again = api_desk.client.post(f"{url}/supplementation", {"payload": "{}"})
    assert again.status_code == 409
    assert "detail" in again.json()


def test_a_supplementation_with_bad_data_or_files_is_422(api_desk: ApiDesk) -> None:
    dossier = _requested(api_desk)
    url = f"/api/v1/my/dossiers/{dossier.code}/supplementation"

    bad_data = api_desk.client.post(
        url,
        {"payload": json.dumps({"data": {"graduation_year": 1800}})},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    bad_files = api_desk.client.post(
        url,
        {"payload": "{}", **files(identity_document=b"plain text", unknown=PDF_BYTES)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    bad_payload = api_desk.client.post(url, {"payload": json.dumps({"data": []})})

    assert bad_data.status_code == 422
    assert list(bad_data.json()["errors"]) == ["graduation_year"]
    assert bad_files.status_code == 422
    assert bad_files.json()["errors"] == {
        "documents.identity_document": ["Only PDF, JPEG and PNG files are accepted."],
        "documents.unknown": ["This document is not part of the case."],
    }
    assert (bad_payload.status_code, list(bad_payload.json()["errors"])) == (422, ["data"])
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.SUPPLEMENTATION_REQUESTED


def test_no_request_open_is_409(api_desk: ApiDesk, settings: Any) -> None:
    dossier = submitted(api_desk)

    response = api_desk.client.post(
        f"/api/v1/my/dossiers/{dossier.code}/supplementation",
        {"payload": "{}"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "No supplementation request of this dossier is open."}
