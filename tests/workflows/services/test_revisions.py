"""Every edit is kept: revisions snapshot a dossier's content."""

import pytest

from workflows.models import DossierRevision
from workflows.services.revisions import dossier_revision_add

from ..factories import DossierAttachmentFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_revision_snapshots_personal_data_and_attachments() -> None:
    dossier = DossierFactory()
    first = DossierAttachmentFactory(dossier=dossier)
    officer = UserFactory()

    revision = dossier_revision_add(
        dossier=dossier, reason=DossierRevision.Reason.SUBMITTED, actor=officer, note="at the desk"
    )

    revision.refresh_from_db()
    assert revision.number == 1
    assert revision.reason == "submitted"
    assert revision.actor == officer
    assert revision.personal["owner"]["id_number"] == "001203004567"
    assert revision.data == {"graduation_year": 2010, "school": "THCS Nguyễn Du"}
    assert revision.attachment_ids == [first.pk]
    assert revision.note == "at the desk"


def test_later_revisions_number_on_and_keep_the_earlier_content() -> None:
    dossier = DossierFactory()
    dossier_revision_add(dossier=dossier, reason=DossierRevision.Reason.SUBMITTED, actor=None)
    dossier.data = {**dossier.data, "graduation_year": 2011}
    dossier.save()
    second = DossierAttachmentFactory(dossier=dossier, document_code="identity_document")

    revision = dossier_revision_add(
        dossier=dossier, reason=DossierRevision.Reason.SUPPLEMENTED, actor=dossier.applicant
    )

    first = dossier.revisions.get(number=1)
    assert revision.number == 2
    assert first.data["graduation_year"] == 2010
    assert revision.data["graduation_year"] == 2011
    assert first.attachment_ids == []
    assert revision.attachment_ids == [second.pk]
    assert first.actor is None


def test_an_unknown_reason_is_refused() -> None:
    dossier = DossierFactory()

    with pytest.raises(ValueError, match="unknown revision reason"):
        dossier_revision_add(dossier=dossier, reason="edited", actor=None)

    assert not dossier.revisions.exists()
