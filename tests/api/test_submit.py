"""POST /api/v1/dossiers: a dossier with its files, idempotent by the Idempotency-Key header,
refused with the pages' errors by path (422), 401 without a valid credential."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.workflows.factories import PDF_BYTES, ProcedureVersionFactory
from tests.workflows.services.submission_setup import CHILD_PRIVACY, desk
from workflows.models import Dossier, DossierAttachment, DossierCodeSequence

from .conftest import ApiDesk, bearer, payload, submit, token_for

pytestmark = pytest.mark.django_db


def test_a_dossier_is_submitted_with_its_files(api_desk: ApiDesk) -> None:
    response = api_desk.submit(key="k-1")

    assert response.status_code == 201, response.content
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code
    assert body["code"].startswith("000.20.20.H56-")
    assert body["tracking_secret"] == dossier.tracking_secret
    assert (body["status"], body["created"]) == (1, True)
    assert body["status_url"] == f"http://testserver/api/v1/dossiers/{dossier.code}/status"
    assert body["dossier_url"] == f"http://testserver/api/v1/my/dossiers/{dossier.code}"
    assert dossier.applicant == api_desk.desk.citizen
    assert dossier.channel == Dossier.Channel.ONLINE
    assert dossier.owner["full_name"] == "Trần Thị Mai"
    assert sorted(DossierAttachment.objects.values_list("document_code", flat=True)) == [
        "identity_document",
        "request_form",
    ]


def test_the_same_key_again_answers_the_same_dossier(api_desk: ApiDesk) -> None:
    first = api_desk.submit(key="same")
    again = api_desk.submit(key="same")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    assert again.json()["created"] is False
    assert Dossier.objects.count() == 1


def test_the_form_and_the_documents_are_checked_as_on_the_pages(api_desk: ApiDesk) -> None:
    data = {"owner_name": "", "owner_id_number": "123", "graduation_year": 1800}
    with translation.override("en"):
        response = api_desk.submit(
            body=payload(api_desk.desk, data=data),
            documents={"request_form": b"not a pdf", "unknown": PDF_BYTES},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["owner_name"] == ["This field is required."]
    assert "owner_id_number" in errors and "graduation_year" in errors
    assert errors["documents.request_form"] == ["Only PDF, JPEG and PNG files are accepted."]
    assert errors["documents.unknown"] == ["This document is not part of the case."]
    assert errors["documents.identity_document"] == ["This document is required."]
    assert not Dossier.objects.exists()


def test_messages_follow_accept_language_vietnamese_by_default(api_desk: ApiDesk) -> None:
    body = payload(api_desk.desk, data={**payload(api_desk.desk)["data"], "owner_name": ""})

    english = api_desk.submit(body=body, HTTP_ACCEPT_LANGUAGE="en")
    default = api_desk.submit(body=body)

    assert english.json()["errors"]["owner_name"] == ["This field is required."]
    vietnamese = default.json()["errors"]["owner_name"]
    assert vietnamese != ["This field is required."] and vietnamese[0]


def test_a_json_body_without_files_is_checked_too(api_desk: ApiDesk) -> None:
    response = api_desk.client.post(
        "/api/v1/dossiers",
        json.dumps(payload(api_desk.desk)),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="json-1",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    assert response.json()["errors"]["documents.request_form"] == ["This document is required."]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"HTTP_IDEMPOTENCY_KEY": ""}, "Idempotency-Key"),
        ({"HTTP_IDEMPOTENCY_KEY": "x" * 201}, "Idempotency-Key"),
    ],
)
def test_the_idempotency_key_is_required(
    api_desk: ApiDesk, change: dict[str, str], where: str
) -> None:
    response = api_desk.client.post(
        "/api/v1/dossiers", {"payload": json.dumps(payload(api_desk.desk))}, **change
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [where]


def test_a_payload_that_is_not_json_or_lacks_fields(api_desk: ApiDesk) -> None:
    client = api_desk.client
    for parts, where in [
        ({"payload": "{not json"}, "payload"),
        ({}, "payload"),
        ({"payload": json.dumps({"case": "x"})}, "version"),
        ({"payload": json.dumps({"version": "one", "case": "x"})}, "version"),
    ]:
        response = client.post("/api/v1/dossiers", parts, HTTP_IDEMPOTENCY_KEY="p")
        assert response.status_code == 422, parts
        assert where in response.json()["errors"], (parts, response.json())
    response = client.post(
        "/api/v1/dossiers", "x=1", content_type="text/plain", HTTP_IDEMPOTENCY_KEY="p"
    )
    assert (response.status_code, list(response.json()["errors"])) == (422, ["payload"])


def test_a_file_part_not_named_for_a_document(api_desk: ApiDesk) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api_desk.client.post(
        "/api/v1/dossiers",
        {
            "payload": json.dumps(payload(api_desk.desk)),
            "file": SimpleUploadedFile("a.pdf", PDF_BYTES),
        },
        HTTP_IDEMPOTENCY_KEY="stray",
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["file"]


def test_an_unknown_or_draft_version_is_404_an_unknown_case_or_agency_422(
    api_desk: ApiDesk,
) -> None:
    d = api_desk.desk
    draft = ProcedureVersionFactory()

    assert api_desk.submit(body=payload(d, version=999999)).status_code == 404
    assert api_desk.submit(body=payload(d, version=draft.pk)).status_code == 404
    unknown_case = api_desk.submit(body=payload(d, case="nope"))
    assert (unknown_case.status_code, list(unknown_case.json()["errors"])) == (422, ["case"])
    unknown_agency = api_desk.submit(body=payload(d, receiving_agency="999.99.99.X"))
    assert unknown_agency.status_code == 422
    assert list(unknown_agency.json()["errors"]) == ["receiving_agency"]
    # a province-wide version has no agency to default to
    no_agency = api_desk.submit(body=payload(d, receiving_agency=None))
    assert list(no_agency.json()["errors"]) == ["receiving_agency"]
    # an agency outside the version's scope or inactive: the service's own check
    d.centre.active = False
    d.centre.save(update_fields=["active"])
    inactive = api_desk.submit()
    assert list(inactive.json()["errors"]) == ["receiving_agency"]


def test_consent_is_required_when_the_form_shows_a_privacy_notice() -> None:
    d = desk(privacy=CHILD_PRIVACY)
    client = bearer(token_for(d.citizen))
    consent = {"full_name": "Trần Văn Bình", "relationship": "father", "notice_version": "2026-01"}

    refused = submit(client, d, HTTP_ACCEPT_LANGUAGE="en")
    wrong = submit(client, d, body=payload(d, consent={**consent, "relationship": "self"}))
    given = submit(client, d, body=payload(d, consent=consent))

    assert refused.status_code == 422
    assert refused.json()["errors"]["consent"] == ["Consent to the privacy notice is required."]
    assert list(wrong.json()["errors"]) == ["consent"]
    assert given.status_code == 201
    assert Dossier.objects.get().consent.notice_version == "2026-01"


def test_without_a_valid_credential_401(api_desk: ApiDesk) -> None:
    for client in (Client(), bearer("mc_not-a-token"), bearer("nonsense")):
        response = submit(client, api_desk.desk)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "detail" in response.json()
    assert not Dossier.objects.exists()


def test_a_session_submits_with_the_csrf_token_only(api_desk: ApiDesk) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(api_desk.desk.citizen)

    without = submit(client, api_desk.desk)
    client.get("/api/v1/my/dossiers")  # any page sets the cookie; take it from the test client
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    with_token = submit(client, api_desk.desk, HTTP_X_CSRFTOKEN=secret)

    assert without.status_code == 403
    assert with_token.status_code == 201, with_token.content


def test_bearer_writes_need_no_csrf_token(api_desk: ApiDesk) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {api_desk.raw}")

    assert submit(client, api_desk.desk).status_code == 201


def test_writes_are_rate_limited_per_account(api_desk: ApiDesk, settings: Any) -> None:
    settings.MOTCUA_API_WRITE_RATE = "2/m"

    answers = [api_desk.submit().status_code for _ in range(3)]

    assert answers == [201, 201, 429]
    limited = api_desk.submit()
    assert int(limited["Retry-After"]) >= 1
    assert "detail" in limited.json()


def test_an_agency_out_of_codes_for_the_day_is_503(api_desk: ApiDesk, settings: Any) -> None:
    settings.MOTCUA_DOSSIER_CODE_WIDTH = 1
    DossierCodeSequence.objects.create(
        agency=api_desk.desk.centre, day=timezone.localdate(), last=9
    )

    response = api_desk.submit()

    assert response.status_code == 503
    assert "detail" in response.json()
    assert not Dossier.objects.exists()
