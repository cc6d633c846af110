from datetime import timedelta

import pytest

from tests.workflows.factories import DossierFactory, UserFactory
from workflows.errors import ProcessingLogAppendOnly
from workflows.models import Dossier, ProcessingLogEntry
from workflows.services.processing_log import dossier_log

pytestmark = pytest.mark.django_db


def test_dossier_log_appends_an_entry():
    dossier = DossierFactory()
    officer = UserFactory()
    entry = dossier_log(
        dossier=dossier,
        actor=officer,
        action="accepted",
        step="reception",
        from_status=Dossier.Status.NEW,
        to_status=Dossier.Status.ACCEPTED,
        comment="Đủ thành phần hồ sơ",
        budget_used=timedelta(hours=2),
        budget_allowed=timedelta(hours=4),
        timing=ProcessingLogEntry.Timing.EARLY,
    )
    dossier_log(dossier=dossier, actor=None, action="reminder sent")
    entries = list(dossier.log_entries.all())
    assert entries[0] == entry
    assert (entry.actor, entry.from_status, entry.to_status) == (officer, 1, 2)
    assert entries[1].actor is None and entries[1].timing == ""
    assert entries[0].at <= entries[1].at


def test_an_unknown_timing_is_refused():
    with pytest.raises(ValueError):
        dossier_log(dossier=DossierFactory(), actor=None, action="x", timing="soonish")


def test_entries_are_never_updated_or_deleted():
    entry = dossier_log(dossier=DossierFactory(), actor=None, action="submitted")
    entry.comment = "rewritten"
    with pytest.raises(ProcessingLogAppendOnly):
        entry.save()
    with pytest.raises(ProcessingLogAppendOnly):
        entry.delete()
    with pytest.raises(ProcessingLogAppendOnly):
        ProcessingLogEntry.objects.filter(pk=entry.pk).update(comment="rewritten")
    with pytest.raises(ProcessingLogAppendOnly):
        ProcessingLogEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.comment == ""


def test_a_dossier_with_a_log_is_not_deleted():
    from django.db.models import ProtectedError

    dossier = DossierFactory()
    dossier_log(dossier=dossier, actor=None, action="submitted")
    with pytest.raises(ProtectedError):
        dossier.delete()
