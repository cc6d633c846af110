"""The applicant's answer to a supplementation request: data and files, a revision, the clock
resumed (days added across a holiday), the dossier back at the step that asked."""

import pytest
import time_machine

from forms import FormDataInvalid
from workflows.errors import SupplementationNotOpen
from workflows.models import ClockPause, Dossier, DossierRevision, ProcessingLogEntry
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_request_supplementation,
)
from workflows.services.submission import SubmittedDocument
from workflows.services.supplementation import dossier_supplement

from ..factories import PDF_BYTES
from .reception_setup import CODE, OWNER, local, reception

pytestmark = pytest.mark.django_db
Status = Dossier.Status
SCHEMA = {
    "format": "motcua/form@1",
    "fields": [
        {
            "id": "owner_name",
            "type": "text",
            "label": "Họ và tên",
            "required": True,
            "personal": "owner.full_name",
        },
        {"id": "school", "type": "text", "label": "Trường", "required": True},
        {"id": "graduation_year", "type": "integer", "label": "Năm tốt nghiệp", "min": 1950},
    ],
}


def test_a_pause_at_review_spanning_the_april_holidays_moves_the_due_date():
    state = reception()
    with time_machine.travel(local(2026, 4, 28, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist)
    dossier = state.refresh()
    # 5 working days, the first not counted: 29/04, (30/04 and 01/05 holidays, the weekend)
    # 04, 05, 06, 07/05
    assert dossier.due_at == local(2026, 5, 7, 17, 0)

    with time_machine.travel(local(2026, 4, 29, 9, 0), tick=False):
        dossier_request_supplementation(
            task_id=state.task("review").pk,
            user=state.specialist,
            items=[MissingItem("Bản sao sổ gốc có xác nhận")],
        )
    pause = ClockPause.objects.get(dossier=dossier)
    assert (pause.step, pause.status_before) == ("review", Status.ACCEPTED)
    assert pause.due_before == local(2026, 5, 7, 17, 0)
    assert state.refresh().status == Status.SUPPLEMENTATION_REQUESTED

    with time_machine.travel(local(2026, 5, 7, 9, 0), tick=False):
        dossier = dossier_supplement(dossier=dossier, by=None, note="Đã nộp bản sao")

    # 39 office hours were left (29/04 09:00 to 07/05 17:00); from 07/05 09:00 they end
    # at the close of 13/05: the days 08, 11, 12 and 13/05 were added
    assert dossier.due_at == local(2026, 5, 13, 17, 0)
    assert dossier.appointment_date.isoformat() == "2026-05-13"
    assert dossier.first_appointment_date.isoformat() == "2026-05-07"
    assert (dossier.status, dossier.code) == (Status.ACCEPTED, CODE)
    pause.refresh_from_db()
    assert pause.ended_at == local(2026, 5, 7, 9, 0)
    assert (pause.working_days_added, pause.due_after) == (4, local(2026, 5, 13, 17, 0))
    resumed = ProcessingLogEntry.objects.get(dossier=dossier, action="clock_resumed")
    assert (resumed.step, resumed.comment, resumed.actor) == ("review", "4", None)
    assert resumed.due_at == local(2026, 5, 13, 17, 0)
    assert state.task("review").status == "NEW"  # back at the step that asked
    request = dossier.supplementation
    assert request.answered_at == local(2026, 5, 7, 9, 0)
    assert request.answer_note == "Đã nộp bản sao"
    revision = DossierRevision.objects.get(dossier=dossier)
    assert revision.reason == DossierRevision.Reason.SUPPLEMENTED
    assert revision.note == "Đã nộp bản sao"
    assert ProcessingLogEntry.objects.filter(
        dossier=dossier,
        action="supplemented",
        from_status=Status.SUPPLEMENTATION_REQUESTED,
        to_status=Status.ACCEPTED,
    ).exists()


def test_the_answer_merges_data_keeps_personal_fields_and_adds_files():
    state = reception(form_schema=SCHEMA)
    dossier_request_supplementation(
        task_id=state.task().pk, user=state.receptionist, items=[MissingItem("Tên trường")]
    )
    officer = state.receptionist  # a paper answer recorded at the counter
    document = SubmittedDocument("identity_document", "cccd.pdf", PDF_BYTES)
    dossier = dossier_supplement(
        dossier=state.dossier, by=officer, data={"school": "THCS Lê Lợi"}, documents=[document]
    )
    assert dossier.data == {"school": "THCS Lê Lợi", "graduation_year": 2010}
    assert dossier.owner["full_name"] == OWNER["full_name"]
    assert dossier.owner["id_number"] == OWNER["id_number"]
    [attachment] = dossier.attachments.all()
    assert (attachment.document_code, attachment.original_name) == ("identity_document", "cccd.pdf")
    revision = DossierRevision.objects.get(dossier=dossier)
    assert revision.attachment_ids == [attachment.pk] and revision.actor == officer
    assert revision.data["school"] == "THCS Lê Lợi"
    assert dossier.status == Status.NEW
    assert state.task("reception").status == "NEW"


def test_invalid_data_changes_nothing():
    state = reception(form_schema=SCHEMA)
    dossier_request_supplementation(
        task_id=state.task().pk, user=state.receptionist, items=[MissingItem("Tên trường")]
    )
    with pytest.raises(FormDataInvalid):
        dossier_supplement(dossier=state.dossier, by=None, data={"graduation_year": 1900})
    dossier = state.refresh()
    assert dossier.status == Status.SUPPLEMENTATION_REQUESTED
    assert dossier.data["graduation_year"] == 2010
    assert dossier.supplementation.answered_at is None
    assert not DossierRevision.objects.filter(dossier=dossier).exists()


def test_only_an_open_request_is_answered():
    state = reception()
    with pytest.raises(SupplementationNotOpen):
        dossier_supplement(dossier=state.dossier, by=None)
    dossier_request_supplementation(
        task_id=state.task().pk, user=state.receptionist, items=[MissingItem("Đơn")]
    )
    dossier_supplement(dossier=state.dossier, by=None)
    with pytest.raises(SupplementationNotOpen):
        dossier_supplement(dossier=state.dossier, by=None)
    assert DossierRevision.objects.filter(dossier=state.dossier).count() == 1
