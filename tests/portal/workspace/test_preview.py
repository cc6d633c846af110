"""Files shown inline in the task page: same checks as the download, sandboxed, framable
by this site only."""

import pytest
from django.urls import reverse

from core.audit.models import AccessLogEntry
from tests.workflows.factories import PDF_BYTES, UserFactory
from workflows.services.reception import dossier_accept

pytestmark = pytest.mark.django_db


def test_an_officer_of_the_agency_sees_the_file_inline(desk):
    response = desk.client(desk.state.receptionist).get(
        reverse("workspace:attachment-preview", args=[desk.attachment.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert AccessLogEntry.objects.filter(
        actor=desk.state.receptionist, object_id=str(desk.dossier.pk), path__contains="preview"
    ).exists()


@pytest.mark.parametrize("who", ["stranger", "citizen"])
def test_anyone_else_gets_404(desk, client, who):
    user = desk.stranger if who == "stranger" else UserFactory()
    client.force_login(user)
    for name, pk in [
        ("workspace:attachment-preview", desk.attachment.pk),
        ("workspace:attachment-preview", desk.attachment.pk + 100),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404


def test_issued_documents_are_shown_to_the_agency_only(desk):
    dossier_accept(task_id=desk.task().pk, user=desk.state.receptionist)
    document = desk.dossier.documents.get()
    preview = reverse("workspace:document-preview", args=[document.pk])
    response = desk.client(desk.state.receptionist).get(preview)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert desk.client(desk.stranger).get(preview).status_code == 404
