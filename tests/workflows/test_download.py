import pytest
from django.urls import reverse

from core.audit.models import AccessLogEntry
from tests.workflows.factories import (
    PDF_BYTES,
    AgencyFactory,
    DossierAttachmentFactory,
    DossierFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]


@pytest.fixture
def attachment():
    receiving = AgencyFactory(code="000.00.90.H98")
    competent = AgencyFactory(code="000.00.20.H98")
    dossier = DossierFactory(receiving_agency=receiving, competent_agency=competent)
    return DossierAttachmentFactory(dossier=dossier, original_name="Đơn đề nghị.pdf")


def _url(attachment) -> str:  # type: ignore[no-untyped-def]
    return reverse("workflows:attachment-download", args=[attachment.pk])


def test_the_applicant_downloads_the_file(client, attachment):
    client.force_login(attachment.dossier.applicant)
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%C4%90%C6%A1n" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_download_is_written_to_the_access_log(client, attachment):
    client.force_login(attachment.dossier.applicant)
    client.get(_url(attachment))
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.DOWNLOAD)
    assert entry.actor == attachment.dossier.applicant
    assert (entry.object_type, entry.object_id) == ("workflows.dossier", str(attachment.dossier_id))
    assert entry.path == _url(attachment)


@pytest.mark.parametrize("agency", ["receiving_agency", "competent_agency"])
def test_officers_of_the_dossier_agencies_download(client, attachment, agency):
    officer = UserFactory()
    MembershipFactory(user=officer, agency=getattr(attachment.dossier, agency))
    client.force_login(officer)
    assert client.get(_url(attachment)).status_code == 200


def test_a_superuser_downloads(client, attachment):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(_url(attachment)).status_code == 200


def test_everyone_else_gets_404_and_nothing_is_logged(client, attachment):
    parent_officer = UserFactory()
    MembershipFactory(user=parent_officer, agency=AgencyFactory())
    lapsed = UserFactory()
    MembershipFactory(user=lapsed, agency=attachment.dossier.competent_agency, active=False)
    other_citizen = UserFactory()
    staff = UserFactory(is_staff=True)
    for user in (parent_officer, lapsed, other_citizen, staff):
        client.force_login(user)
        assert client.get(_url(attachment)).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DOWNLOAD).exists()


def test_a_missing_attachment_is_404(client, attachment):
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("workflows:attachment-download", args=[attachment.pk + 1000])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, attachment):
    response = client.get(_url(attachment))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not AccessLogEntry.objects.exists()


def test_only_reads_are_allowed(client, attachment):
    client.force_login(attachment.dossier.applicant)
    assert client.post(_url(attachment)).status_code == 405
