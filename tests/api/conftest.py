"""The API tests' desk: a published procedure (tests/workflows/services/submission_setup), a
citizen with an API token, and a client that sends it."""

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from api.tokens import api_token_create
from tests.workflows.factories import PDF_BYTES, PNG_BYTES, UserFactory
from tests.workflows.services.submission_setup import DATA, Desk, desk


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Any:
    cache.clear()  # the limits count in the cache: every test starts from zero
    yield
    cache.clear()


def bearer(raw: str, **headers: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)


def token_for(user: Any) -> str:
    return api_token_create(user=user, name="test")[1]


def files(**parts: bytes) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        f"documents.{code}": SimpleUploadedFile(f"{code}.bin", content)
        for code, content in parts.items()
    }


def payload(d: Desk, **overrides: Any) -> dict[str, Any]:
    return {
        "version": d.version.pk,
        "case": d.case.code,
        "receiving_agency": d.centre.code,
        "data": dict(DATA),
        **overrides,
    }


def submit(
    client: Client,
    d: Desk,
    *,
    key: str | None = None,
    body: dict[str, Any] | None = None,
    documents: dict[str, bytes] | None = None,
    **headers: str,
) -> Any:
    """POST /api/v1/dossiers as multipart: the payload part and the files."""
    parts: dict[str, Any] = {"payload": json.dumps(body if body is not None else payload(d))}
    documents = (
        {"request_form": PDF_BYTES, "identity_document": PNG_BYTES}
        if documents is None
        else documents
    )
    parts.update(files(**documents))
    extra = {"HTTP_IDEMPOTENCY_KEY": key or str(uuid.uuid4()), **headers}
    return client.post("/api/v1/dossiers", parts, **extra)


@dataclass
class ApiDesk:
    desk: Desk
    raw: str  # the citizen's token
    client: Client  # sending it

    def submit(self, **kwargs: Any) -> Any:
        return submit(self.client, self.desk, **kwargs)


@pytest.fixture
def api_desk(db: Any) -> ApiDesk:
    d = desk()
    raw = token_for(d.citizen)
    return ApiDesk(d, raw, bearer(raw))


@pytest.fixture
def stranger() -> Client:
    return bearer(token_for(UserFactory()))


def reception_task(dossier: Any) -> Any:
    """The dossier's open reception task."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return Task.objects.get(
        process__artifact_object_id=dossier.pk,
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def submitted(api_desk: ApiDesk) -> Any:
    """A dossier the citizen submitted through the API."""
    from workflows.models import Dossier

    response = api_desk.submit()
    assert response.status_code == 201, response.content
    return Dossier.objects.get(code=response.json()["code"])
