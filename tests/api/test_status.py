"""GET /api/v1/dossiers/<code>/status: public, the tracking page's fields and nothing
personal; 404 for an unknown code; rate-limited per client IP (429 with Retry-After)."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from api.schemas import PublicStatusOut, TimelineItemOut
from workflows.services.reception import MissingItem, dossier_request_supplementation

from .conftest import ApiDesk, reception_task, submitted

pytestmark = pytest.mark.django_db


def test_the_status_has_the_public_fields_and_the_timeline(api_desk: ApiDesk) -> None:
    dossier = submitted(api_desk)
    dossier_request_supplementation(
        task_id=reception_task(dossier).pk,
        user=api_desk.desk.officer,
        items=[MissingItem("Bản sao căn cước")],
    )

    response = Client().get(
        f"/api/v1/dossiers/{dossier.code.lower()}/status", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == dossier.code
    assert body["procedure"]["code"] == dossier.version.procedure.code
    assert (body["status"], body["status_label"]) == (5, "Supplementation requested")
    kinds = [item["kind"] for item in body["timeline"]]
    assert kinds[0] == "submitted" and "pause" in kinds
    with translation.override("en"):
        assert body["timeline"][0]["label"] == "Dossier submitted"
    text = json.dumps(body, ensure_ascii=False)
    for personal in ("Trần Thị Mai", "001203004567", "0912", "tracking_secret", "Bản sao"):
        assert personal not in text
    assert dossier.tracking_secret not in text


def test_an_unknown_code_is_404() -> None:
    response = Client().get("/api/v1/dossiers/000.00.00.H00-000000-0000/status")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_lookups_are_rate_limited_per_client_ip(settings: Any) -> None:
    settings.MOTCUA_API_STATUS_RATE = "3/m"
    client = Client()

    answers = [client.get("/api/v1/dossiers/NOPE/status").status_code for _ in range(4)]
    other_ip = Client(REMOTE_ADDR="10.0.0.9").get("/api/v1/dossiers/NOPE/status")

    assert answers == [404, 404, 404, 429]
    limited = client.get("/api/v1/dossiers/NOPE/status")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert other_ip.status_code == 404


def test_the_answer_fits_its_documented_schema(api_desk: ApiDesk) -> None:
    dossier = submitted(api_desk)

    body = Client().get(f"/api/v1/dossiers/{dossier.code}/status").json()

    parsed = PublicStatusOut.model_validate(body)  # raises if it does not fit
    assert set(body) == set(PublicStatusOut.model_fields)
    assert parsed.submitted_at == dossier.submitted_at
    assert set(body["timeline"][0]) == set(TimelineItemOut.model_fields)
