"""Log entries → notifications: each event's mapping, its context, the applicant's channels,
entries written by the engine's batch, officers' emails."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from core import outbox
from integrations.notify.models import FakeSms
from integrations.notify.service import notifications_for
from workflows.engine import process_start, task_complete
from workflows.models import Dossier, DossierApology, DossierFee, ProcessingLogEntry
from workflows.services.notification_catch_up import notify_catch_up
from workflows.services.notifications import dossier_notify, log_event, officer_notify
from workflows.services.processing_log import dossier_log

from ..engine.helpers import dossier_on
from ..engine.test_runtime import officer, open_task
from ..engine.test_status_on_entry import with_status
from ..factories import AgencyFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Dossier.Status


def committed():  # type: ignore[no-untyped-def]
    """The block's writes as if committed: the log entries' commit hooks run at its end."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def log(**fields):  # type: ignore[no-untyped-def]
    with committed():
        return dossier_log(actor=None, **fields)


def entry(action: str = "status_changed", to: int | None = None, frm: int | None = 1):
    return ProcessingLogEntry(action=action, from_status=frm, to_status=to)


@pytest.mark.parametrize(
    ("logged", "event"),
    [
        (entry("submitted", to=1, frm=None), "received"),
        (entry(to=S.ACCEPTED), "accepted"),
        (entry("finished", to=S.NOT_ACCEPTED), "refused"),
        (entry(to=S.SUPPLEMENTATION_REQUESTED), "supplementation_requested"),
        (entry(to=S.FEE_OWED), "fee_due"),
        (entry("finished", to=S.STOPPED), "stopped"),
        (entry("finished", to=S.PROCESSED), "result_ready"),
        (entry("finished", to=S.RESULT_RETURNED), "result_returned"),
        (entry("apology_issued"), "late_apology"),
        (entry("shipment_created"), "shipped"),
        (entry("fee_paid"), "fee_paid"),
        (entry(to=S.PROCESSING), None),
        (entry(to=S.FEE_OWED, frm=S.FEE_OWED), None),
        (entry("outcome:forward"), None),
    ],
)
def test_each_log_entry_maps_to_its_event(logged, event):
    assert log_event(logged) == event


def a_dossier(**kwargs) -> Dossier:
    dossier = DossierFactory(code="H98-261128-0001", **kwargs)
    dossier.personal = {"owner": {**dossier.owner, "email": "mai@example.vn"}}
    dossier.appointment_date = datetime.date(2026, 12, 5)
    dossier.save()
    return dossier


def test_an_accepted_dossier_is_emailed_with_its_appointment_date():
    dossier = a_dossier()
    log(dossier=dossier, action="status_changed", from_status=1, to_status=2)
    outbox.drain()
    [message] = mail.outbox
    assert message.to == ["mai@example.vn"]
    assert "H98-261128-0001" in message.subject
    assert "05/12/2026" in message.body
    assert "/track/H98-261128-0001/" in message.body
    [row] = notifications_for(reference=f"dossier:{dossier.pk}")
    assert (row.event, row.channel, row.status) == ("accepted", "email", "sent")


def test_the_chosen_channels_are_used_and_sms_goes_to_the_phone():
    dossier = a_dossier(notify_channels=["sms"])
    log(dossier=dossier, action="fee_paid")
    outbox.drain()
    assert mail.outbox == []
    [row] = notifications_for(reference=f"dossier:{dossier.pk}")
    assert (row.channel, row.recipient_masked, row.status) == ("sms", "84******678", "delivered")


def test_without_an_email_on_the_form_the_account_email_is_used():
    dossier = DossierFactory(code="H98-1", applicant=UserFactory(email="acct@example.vn"))
    dossier_notify(dossier=dossier, event="result_ready")
    outbox.drain()
    assert [m.to for m in mail.outbox] == [["acct@example.vn"]]


def test_no_known_address_no_notification():
    dossier = DossierFactory(code="H98-2", applicant=None)
    assert dossier_notify(dossier=dossier, event="result_ready") == []


def test_a_replayed_entry_notifies_once():
    dossier = a_dossier(notify_channels=["email", "sms"])
    entry = log(dossier=dossier, action="finished", from_status=4, to_status=9)
    outbox.drain()  # the commit hook's row: one email, one SMS
    first = notifications_for(reference=f"dossier:{dossier.pk}")
    again = dossier_notify(dossier=dossier, event="result_ready", entry=entry)
    assert outbox.drain() == {}
    assert sorted(n.channel for n in again) == sorted(n.channel for n in first)
    assert notify_catch_up() >= 1  # the catch-up finds it, and adds nothing
    assert outbox.drain() == {}
    assert len(mail.outbox) == 1
    assert len(notifications_for(reference=f"dossier:{dossier.pk}")) == 2


def test_fee_due_says_the_amount_owed():
    dossier = a_dossier()
    DossierFee.objects.create(dossier=dossier, name="Lệ phí", amount=50000)
    DossierFee.objects.create(dossier=dossier, code="phi", name="Phí", amount=1500000)
    log(dossier=dossier, action="status_changed", from_status=4, to_status=6)
    outbox.drain()
    assert "1.550.000 đồng" in mail.outbox[0].body


def test_the_apology_gives_the_new_date_and_its_reason():
    dossier = a_dossier()
    DossierApology.objects.create(
        dossier=dossier,
        reason="Chờ ý kiến của Sở Xây dựng",
        previous_due_at=datetime.datetime(2026, 12, 5, 10, tzinfo=datetime.UTC),
        new_due_at=datetime.datetime(2026, 12, 12, 10, tzinfo=datetime.UTC),
        new_appointment_date=datetime.date(2026, 12, 12),
    )
    log(dossier=dossier, action="apology_issued", comment="12/12/2026")
    outbox.drain()
    body = mail.outbox[0].body
    assert "Chờ ý kiến của Sở Xây dựng" in body
    assert "12/12/2026" in body


def test_the_shipment_gives_the_tracking_number():
    dossier = a_dossier()
    log(dossier=dossier, action="shipment_created", comment="EE123456789VN")
    outbox.drain()
    assert "EE123456789VN" in mail.outbox[0].body


def test_a_refusal_carries_the_officers_reason():
    dossier = a_dossier()
    log(dossier=dossier, action="outcome:refuse", comment="Thiếu bản sao")
    log(dossier=dossier, action="finished", from_status=1, to_status=3)
    outbox.drain()
    assert "Lý do: Thiếu bản sao" in mail.outbox[0].body


def test_a_status_the_engine_logs_in_its_batch_is_notified():
    competent = AgencyFactory()
    dossier = dossier_on(with_status(review="fee_owed"), competent_agency=competent)
    dossier.code = "H98-BATCH-1"
    dossier.personal = {"owner": {"email": "batch@example.vn"}}
    dossier.save()
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier, by=receptionist)
    with committed():
        task_complete(
            task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward"
        )
    outbox.drain()
    assert [r.event for r in notifications_for(reference=f"dossier:{dossier.pk}")] == ["fee_due"]
    assert mail.outbox[0].to == ["batch@example.vn"]


def test_an_officer_is_emailed_a_step_warning_once():
    dossier = a_dossier()
    user = UserFactory(email="officer@example.vn")
    due = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
    for _ in range(2):
        officer_notify(
            user=user,
            event="step_warning",
            dossier=dossier,
            context={"step": "Thẩm định", "due_date": due},
            key="alert:7",
        )
    outbox.drain()
    [message] = mail.outbox
    assert message.to == ["officer@example.vn"]
    assert "Thẩm định" in message.body
    assert "01/12/2026 17:00" in message.body  # local time (Asia/Ho_Chi_Minh)
    assert (
        officer_notify(
            user=UserFactory(email=""), event="step_overdue", dossier=dossier, context={}
        )
        is None
    )


def test_an_entry_whose_commit_hook_never_ran_is_caught_up_once():
    dossier = a_dossier()
    dossier_log(dossier=dossier, actor=None, action="finished", from_status=4, to_status=10)
    assert outbox.drain() == {}  # the process "died" before its commit hook
    assert notify_catch_up() == 1
    notify_catch_up()
    outbox.drain()
    assert [m.subject for m in mail.outbox] == ["Hồ sơ H98-261128-0001 đã trả kết quả"]


def test_the_submission_keeps_the_channels_chosen_and_refuses_others(settings, tmp_path):
    from .submission_setup import desk
    from .test_submission import submit

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    d = desk()
    with committed():
        dossier = submit(d, notify_channels=["sms", "sms", "email"]).dossier
    assert dossier.notify_channels == ["sms", "email"]
    outbox.drain()  # the "received" SMS carries the code, issued after the log entry
    [sms] = FakeSms.objects.all()
    day = f"{timezone.localdate(dossier.submitted_at):%d/%m/%Y}"
    assert sms.message.startswith(f"Đã nhận hồ sơ {dossier.code} ngày {day}. Tra cứu: http")
    assert sms.phone == "84912345678"
    with pytest.raises(ValueError, match="unknown notification channels"):
        submit(d, submission_key="other", notify_channels=["fax"])
