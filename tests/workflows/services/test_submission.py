"""Submission: every refusal with nothing saved, each channel's dossier, idempotency."""

import datetime as dt
import threading
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core import outbox
from core.outbox.models import OutboxMessage
from workflows.engine import process_of
from workflows.errors import DossierCodeExhausted, NotAReceptionOfficer, SubmissionInvalid
from workflows.models import (
    Dossier,
    DossierAttachment,
    DossierCodeSequence,
    DossierConsent,
    DossierDocument,
    DossierRevision,
    ProcedureVersion,
    ProcessingLogEntry,
)
from workflows.services import submission as submission_module
from workflows.services.procedure_versions import procedure_version_retire
from workflows.services.submission import (
    ConsentGiven,
    Submission,
    SubmittedDocument,
    dossier_submit,
)

from ..factories import (
    PDF_BYTES,
    AgencyFactory,
    MembershipFactory,
    ProcedureCaseFactory,
    RoleFactory,
    UserFactory,
)
from .submission_setup import CHILD_PRIVACY, DATA, FILES, PARENT, Desk, desk, publish

pytestmark = pytest.mark.django_db
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = dt.datetime(2026, 11, 28, 9, 15, tzinfo=VIETNAM)


@pytest.fixture(autouse=True)
def _english_at_nine() -> Any:
    with translation.override("en"), time_machine.travel(MORNING, tick=False):
        yield


def submit(d: Desk, **kwargs: Any) -> Submission:
    arguments: dict[str, Any] = {
        "version": d.version,
        "case": d.case,
        "channel": Dossier.Channel.ONLINE,
        "data": dict(DATA),
        "documents": list(FILES),
        "receiving_agency": d.centre,
        "submission_key": "client-key-1",
        "applicant": d.citizen,
        **kwargs,
    }
    return dossier_submit(**arguments)


def refused(d: Desk, **kwargs: Any) -> dict[str, list[str]]:
    with pytest.raises(SubmissionInvalid) as caught:
        submit(d, **kwargs)
    assert_nothing_saved()
    return caught.value.errors


def stored_files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return [path for path in root.rglob("*") if path.is_file()]


def assert_nothing_saved() -> None:
    assert not Dossier.objects.exists()
    assert not DossierAttachment.objects.exists()
    assert not DossierCodeSequence.objects.exists()
    assert not ProcessingLogEntry.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert stored_files() == []


# --- the happy paths ---------------------------------------------------------------------


def test_online_a_coded_new_dossier_with_its_revision_log_process_and_acknowledgement() -> None:
    d = desk()

    result = submit(d)

    dossier = Dossier.objects.get()
    assert result == Submission(dossier, created=True)
    assert dossier.code == "000.20.20.H56-261128-0001"
    assert dossier.status == Dossier.Status.NEW
    assert dossier.channel == Dossier.Channel.ONLINE
    assert dossier.submitted_at == MORNING
    assert dossier.received_at is None
    assert (dossier.receiving_agency, dossier.competent_agency) == (d.centre, d.centre)
    assert dossier.applicant == d.citizen
    assert dossier.personal == {
        "owner": {"full_name": "Trần Thị Mai", "id_number": "001203004567", "phone": "0912345678"}
    }
    assert dossier.data == {"graduation_year": 2010}
    assert len(dossier.submission_key or "") == 64
    attachments = list(dossier.attachments.order_by("pk"))
    assert [(a.document_code, a.content_type) for a in attachments] == [
        ("request_form", "application/pdf"),
        ("identity_document", "image/png"),
    ]
    assert attachments[0].uploaded_by == d.citizen
    revision = dossier.revisions.get()
    assert (revision.number, revision.reason, revision.actor) == (1, "submitted", d.citizen)
    assert revision.data == dossier.data and revision.personal == dossier.personal
    assert revision.attachment_ids == [a.pk for a in attachments]
    log = list(dossier.log_entries.order_by("at", "id"))
    assert [(e.action, e.to_status, e.actor) for e in log[:2]] == [
        ("submitted", Dossier.Status.NEW, d.citizen),
        ("process_started", None, d.citizen),
    ]
    assert process_of(dossier) is not None
    message = OutboxMessage.objects.get()
    assert message.kind == "workflows.dossier_document"
    assert message.payload == {"dossier": dossier.pk, "kind": "acknowledgement"}
    assert message.idempotency_key == f"dossier-doc:{dossier.pk}:acknowledgement"
    assert not DossierConsent.objects.exists()  # the form shows no privacy notice


def test_the_acknowledgement_is_issued_once_after_the_commit() -> None:
    d = desk()
    dossier = submit(d).dossier
    assert not DossierDocument.objects.exists()  # nothing is rendered inside the submission

    outbox.drain()
    submit(d)  # the same key again queues nothing more
    outbox.drain()

    document = DossierDocument.objects.get()
    assert (document.dossier, document.kind) == (dossier, "acknowledgement")


def test_a_submission_stays_a_handful_of_statements() -> None:
    d = desk()
    submit(d, submission_key="warm-up")

    with CaptureQueriesContext(connection) as queries:
        submit(d)
    with CaptureQueriesContext(connection) as replay:
        submit(d)

    # 26 when written (SQLite and PostgreSQL): the key, the dossier, its 2 files, revision 1,
    # the log, the process (5), the code and the outbox row, with their savepoints
    assert len(queries) <= 30
    assert len(replay) == 1  # the key's lookup


@pytest.mark.parametrize("channel", [Dossier.Channel.IN_PERSON, Dossier.Channel.POST])
def test_at_the_counter_and_by_post_the_officer_enters_it(channel: Dossier.Channel) -> None:
    d = desk(privacy=CHILD_PRIVACY)

    result = submit(d, channel=channel, applicant=None, by=d.officer, consent=PARENT)

    dossier = result.dossier
    assert result.created
    assert (dossier.channel, dossier.status) == (channel, Dossier.Status.NEW)
    assert dossier.code == "000.20.20.H56-261128-0001"
    assert dossier.applicant is None
    assert dossier.owner["phone"] == "0912345678"  # the applicant's contact: the form's fields
    assert dossier.revisions.get().actor == d.officer
    assert (dossier.consent.channel, dossier.consent.for_child) == (channel, True)
    assert dossier.log_entries.get(action="submitted").actor == d.officer
    assert process_of(dossier) is not None
    assert [m.payload["dossier"] for m in OutboxMessage.objects.all()] == [dossier.pk]


def test_only_a_reception_officer_of_the_receiving_agency_enters_a_paper_dossier() -> None:
    d = desk()
    elsewhere = UserFactory()
    MembershipFactory(user=elsewhere, agency=d.school, role=RoleFactory(code="reception"))

    for outsider in (UserFactory(), elsewhere):
        with pytest.raises(NotAReceptionOfficer):
            submit(d, channel=Dossier.Channel.IN_PERSON, applicant=None, by=outsider)
    assert_nothing_saved()


def test_codes_follow_on_for_the_agency_and_the_day() -> None:
    d = desk()

    codes = [submit(d, submission_key=f"key-{n}").dossier.code for n in range(3)]

    assert codes == [f"000.20.20.H56-261128-000{n}" for n in (1, 2, 3)]


def test_at_half_past_midnight_the_code_carries_the_local_date() -> None:
    d = desk()
    half_past_midnight = dt.datetime(2026, 1, 1, 0, 30, tzinfo=VIETNAM)  # 31 Dec in UTC

    with time_machine.travel(half_past_midnight, tick=False):
        dossier = submit(d).dossier

    assert dossier.code == "000.20.20.H56-260101-0001"
    assert dossier.submitted_at == half_past_midnight


@override_settings(
    MOTCUA_DOSSIER_CODE_FORMAT="{agency}-{date:%Y%m%d}-{seq}", MOTCUA_DOSSIER_CODE_WIDTH=7
)
def test_the_code_format_and_width_come_from_the_settings() -> None:
    d = desk()

    assert submit(d).dossier.code == "000.20.20.H56-20261128-0000001"


def test_the_form_route_names_the_competent_agency() -> None:
    d = desk()

    dossier = submit(d, data={**DATA, "school": d.school.code}).dossier

    assert dossier.competent_agency == d.school
    assert dossier.data == {"graduation_year": 2010, "school": d.school.code}


def test_a_competent_agency_given_wins_over_the_route() -> None:
    d = desk()
    department = AgencyFactory(code="000.00.01.H56", parent=d.province)

    dossier = submit(d, data={**DATA, "school": d.school.code}, competent_agency=department).dossier

    assert dossier.competent_agency == department


def test_a_version_of_an_agency_makes_that_agency_competent() -> None:
    d = desk()
    case = publish(d.version.form_schema, agency=d.province)

    dossier = submit(d, version=case.version, case=case).dossier

    assert dossier.competent_agency == d.province


# --- refusals: every problem listed, nothing saved ------------------------------------------


def test_bad_data_is_refused_by_field_path() -> None:
    d = desk()

    errors = refused(
        d, data={"owner_id_number": "12345", "graduation_year": 1900, "nickname": "Mai"}
    )

    assert set(errors) == {"owner_name", "owner_id_number", "graduation_year", "nickname"}
    assert errors["owner_name"] == ["This field is required."]


def test_a_missing_required_document_is_refused() -> None:
    d = desk()

    errors = refused(d, documents=[FILES[0]])

    assert errors == {"documents.identity_document": ["This document is required."]}


def test_optional_documents_may_be_left_out_or_added() -> None:
    d = desk()
    extra = SubmittedDocument("power_of_attorney", "uy-quyen.pdf", PDF_BYTES)

    dossier = submit(d, documents=[*FILES, extra]).dossier

    assert dossier.attachments.filter(document_code="power_of_attorney").count() == 1


def test_files_are_checked_as_attachments_are_and_all_problems_come_together() -> None:
    d = desk()
    documents = [
        SubmittedDocument("request_form", "don.exe", b"MZ\x90\x00 not a document"),
        SubmittedDocument("identity_document", "empty.pdf", b""),
        SubmittedDocument("birth_certificate", "khai-sinh.pdf", PDF_BYTES),
    ]

    with override_settings(MOTCUA_ATTACHMENT_MAX_BYTES=2**20):
        errors = refused(d, documents=documents, data={**DATA, "graduation_year": 3000})

    assert errors == {
        "documents.request_form": ["Only PDF, JPEG and PNG files are accepted."],
        "documents.identity_document": ["The file is empty."],
        "documents.birth_certificate": ["This document is not part of the case."],
        "graduation_year": errors["graduation_year"],
    }


@override_settings(MOTCUA_ATTACHMENT_MAX_BYTES=2**20)
def test_an_oversized_file_is_refused() -> None:
    d = desk()
    big = SubmittedDocument("request_form", "big.pdf", PDF_BYTES + b"0" * 2**20)

    errors = refused(d, documents=[big, FILES[1]])

    assert errors == {"documents.request_form": ["The file is larger than 1 MiB."]}


def test_a_case_of_another_version_is_refused() -> None:
    d = desk()
    other = publish(d.version.form_schema)

    errors = refused(d, case=other)

    assert errors == {"case": ["This case does not belong to the procedure version."]}


def test_a_draft_version_is_refused() -> None:
    d = desk()
    draft_case = ProcedureCaseFactory(required_documents=d.case.required_documents)
    assert draft_case.version.status == ProcedureVersion.Status.DRAFT

    errors = refused(d, version=draft_case.version, case=draft_case, data={})

    assert errors == {"version": ["This procedure version does not take new dossiers."]}


def test_a_retired_version_is_refused() -> None:
    d = desk()
    procedure_version_retire(version=d.version, by=None)
    d.version.refresh_from_db()

    errors = refused(d)

    assert errors == {"version": ["This procedure version does not take new dossiers."]}


def test_an_agency_outside_the_versions_scope_is_refused() -> None:
    d = desk()
    case = publish(d.version.form_schema, agency=d.school)

    errors = refused(d, version=case.version, case=case)

    assert errors == {
        "receiving_agency": ["This agency does not receive dossiers of this procedure."]
    }


def test_an_inactive_receiving_agency_is_refused() -> None:
    d = desk()
    d.centre.active = False
    d.centre.save(update_fields=["active"])

    errors = refused(d)

    assert list(errors) == ["receiving_agency"]


def test_an_inactive_competent_agency_is_refused() -> None:
    d = desk()
    closed = AgencyFactory(code="000.00.02.H56", parent=d.province, active=False)

    errors = refused(d, competent_agency=closed)

    assert errors == {"competent_agency": ["This agency is no longer active."]}


def test_a_route_to_an_agency_that_is_not_active_is_a_form_error() -> None:
    d = desk()
    d.school.active = False
    d.school.save(update_fields=["active"])

    errors = refused(d, data={**DATA, "school": d.school.code})

    assert list(errors) == ["school"]


# --- the privacy notice and the parent's consent ----------------------------------------------


def test_a_childs_data_needs_a_parents_consent_kept_encrypted_with_the_notice() -> None:
    d = desk(privacy=CHILD_PRIVACY)

    dossier = submit(d, consent=PARENT).dossier

    consent = DossierConsent.objects.get(dossier=dossier)
    assert consent.notice_version == "2026-01"
    assert len(consent.notice_sha256) == 64
    assert consent.given_by == {"full_name": "Trần Văn Bình", "relationship": "father"}
    assert consent.for_child is True
    assert consent.given_at == MORNING
    assert consent.channel == Dossier.Channel.ONLINE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT given_by FROM {DossierConsent._meta.db_table}")  # noqa: S608
        assert "Bình" not in cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("consent", "message"),
    [
        (None, "Consent to the privacy notice is required."),
        (
            ConsentGiven("Trần Văn Bình", "father", "2025-06"),
            "The privacy notice has changed since it was shown: read it again and consent.",
        ),
        (
            ConsentGiven("Trần Thị Mai", "self", "2026-01"),
            "The data is a child's: the father, the mother or a guardian gives consent.",
        ),
        (
            ConsentGiven("Trần Văn Bình", "uncle", "2026-01"),
            "Choose who gives consent: yourself, the father, the mother or a guardian.",
        ),
        (
            ConsentGiven("  ", "mother", "2026-01"),
            "Enter the full name of the person giving consent.",
        ),
    ],
)
def test_a_missing_or_wrong_consent_is_refused(consent: ConsentGiven | None, message: str) -> None:
    d = desk(privacy=CHILD_PRIVACY)

    errors = refused(d, consent=consent)

    assert errors == {"consent": [message]}


def test_an_adults_own_consent_will_do_when_the_data_is_not_a_childs() -> None:
    d = desk(privacy={**CHILD_PRIVACY, "children": False})

    dossier = submit(d, consent=ConsentGiven("Trần Thị Mai", "self", "2026-01")).dossier

    assert dossier.consent.for_child is False
    assert dossier.consent.given_by["relationship"] == "self"


def test_the_admin_page_shows_the_code_the_revisions_and_the_consent(admin_client: Any) -> None:
    d = desk(privacy=CHILD_PRIVACY)
    dossier = submit(d, consent=PARENT).dossier

    page = admin_client.get(
        reverse("admin:workflows_dossier_change", args=[dossier.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert dossier.code in text
    assert "Submitted" in text  # revision 1's reason
    assert "2026-01" in text and "Trần Văn Bình" in text and "father" in text


# --- idempotency ------------------------------------------------------------------------------


def counts() -> tuple[int, ...]:
    return (
        Dossier.objects.count(),
        DossierAttachment.objects.count(),
        DossierRevision.objects.count(),
        ProcessingLogEntry.objects.count(),
        OutboxMessage.objects.count(),
        sum(DossierCodeSequence.objects.values_list("last", flat=True)),
        len(stored_files()),
    )


def test_the_same_key_again_returns_the_first_dossier_and_writes_nothing() -> None:
    d = desk()
    first = submit(d)
    before = counts()

    again = submit(d)

    assert again == Submission(first.dossier, created=False)
    assert counts() == before


def test_the_same_key_with_other_content_still_returns_the_first_dossier() -> None:
    d = desk()
    first = submit(d)

    again = submit(d, data={**DATA, "graduation_year": 2011}, documents=[])

    assert (again.dossier, again.created) == (first.dossier, False)
    assert again.dossier.data == {"graduation_year": 2010}


def test_one_clients_key_never_meets_anothers() -> None:
    d = desk()
    first = submit(d).dossier

    other_citizen = submit(d, applicant=UserFactory()).dossier
    at_the_counter = submit(
        d, channel=Dossier.Channel.IN_PERSON, applicant=None, by=d.officer
    ).dossier

    assert len({first.pk, other_citizen.pk, at_the_counter.pk}) == 3
    assert len({first.submission_key, other_citizen.submission_key}) == 2


# --- failures inside the transaction --------------------------------------------------------


def test_exhausted_codes_refuse_the_submission_and_keep_nothing() -> None:
    d = desk()
    DossierCodeSequence.objects.create(agency=d.centre, day=dt.date(2026, 11, 28), last=9999)

    with pytest.raises(DossierCodeExhausted):
        submit(d)

    assert not Dossier.objects.exists()
    assert stored_files() == []
    assert DossierCodeSequence.objects.get().last == 9999


def test_a_failure_after_the_code_gives_the_number_back(monkeypatch: pytest.MonkeyPatch) -> None:
    d = desk()

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the outbox is away")

    monkeypatch.setattr(submission_module.outbox, "enqueue", broken)
    with pytest.raises(RuntimeError):
        submit(d)
    assert_nothing_saved()
    monkeypatch.undo()

    assert submit(d).dossier.code == "000.20.20.H56-261128-0001"


def test_the_channel_and_the_submitter_must_agree() -> None:
    d = desk()

    with pytest.raises(ValueError, match="online submission"):
        submit(d, applicant=None)
    with pytest.raises(ValueError, match="online submission"):
        submit(d, by=d.officer)
    with pytest.raises(ValueError, match="entered by an officer"):
        submit(d, channel=Dossier.Channel.POST)
    with pytest.raises(ValueError, match="needs a key"):
        submit(d, submission_key=" ")
    assert_nothing_saved()


# --- concurrent submitters (PostgreSQL: real threads, real locks) -----------------------------


def in_threads(count: int, work: Any) -> list[Any]:
    results: list[Any] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except BaseException as exc:  # reported by the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_eight_times_at_once_makes_one_dossier() -> None:
    d = desk()

    results = in_threads(8, lambda n: submit(d))

    assert all(isinstance(r, Submission) for r in results), results
    assert len({r.dossier.pk for r in results}) == 1
    assert sorted(r.created for r in results) == [False] * 7 + [True]
    dossier = Dossier.objects.get()
    assert dossier.code == "000.20.20.H56-261128-0001"
    assert DossierCodeSequence.objects.get().last == 1  # the losers gave their numbers back
    assert dossier.attachments.count() == 2
    assert len(stored_files()) == 2  # and their files
    # the acknowledgement and the submission's notification, once each
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert len(kinds) == len(set(kinds)) == 2, kinds


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submitters_get_distinct_gapless_codes() -> None:
    d = desk()

    def five(n: int) -> list[str]:
        return [str(submit(d, submission_key=f"{n}-{k}").dossier.code) for k in range(5)]

    results = in_threads(8, five)

    assert all(isinstance(r, list) for r in results), results
    codes = [code for batch in results for code in batch]
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 41))
    assert Dossier.objects.count() == 40
