"""The result signed as the approval step completes: rendered, numbered, awaiting signature,
signed on a worker (the leader's signature, then the agency's seal), the step completed;
failures leave the step open with the reason and "sign again" signs the same document."""

import hashlib
import io
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from signing.models import SignerProfile
from tests.workflows.procedures.test_end_to_end import PATHS, submit
from tests.workflows.signing_setup import demo_with_signers, dev_signing_settings, sign_result
from workflows.demo_dossiers import open_task
from workflows.engine import task_complete
from workflows.errors import OutcomeNeedsService
from workflows.models import DocumentNumberSequence, Dossier, DossierDocument, ProcessingLogEntry
from workflows.selectors.verification import document_verify, document_verify_token
from workflows.services.reception import dossier_accept
from workflows.services.result_signing import (
    SigningNotPossible,
    result_signature_request,
    result_signature_retry,
    task_signing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):  # type: ignore[no-untyped-def]
    dev_signing_settings(settings, tmp_path)
    return demo_with_signers()


State = DossierDocument.SignatureState
# procedure -> the leader who signs, the symbol of the result, its template, words it prints
SIGNED = {
    "diploma_copy": ("demo_leader", "BS-SGDĐT", "result-diploma-copy", "TỪ SỔ GỐC"),
    "school_transfer": (
        "demo_school_leader",
        "QĐ-THCSLQĐ",
        "result-school-transfer",
        "tiếp nhận học sinh chuyển trường",
    ),
    "grade_6_enrolment": (
        "demo_school_leader",
        "TB-THCSLQĐ",
        "result-grade6-enrolment",
        "trúng tuyển vào lớp 6",
    ),
    "staff_transfer": ("demo_leader", "QĐ-SGDĐT", "result-staff-transfer", "chuyển công tác"),
}


def at_approval(demo: dict[str, Any], name: str, key: str = "") -> Dossier:
    """A dossier of ``name`` (test_end_to_end's paths) accepted and walked to its approval."""
    users = demo["users"]
    dossier = submit(demo, name, key=key)
    dossier_accept(task_id=open_task(dossier, "reception"), user=users["demo_reception"])
    for step, who, outcome in PATHS[name][5]:
        if step == "approval":
            break
        task_complete(task_id=open_task(dossier, step), user=users[who], outcome=outcome)
    return dossier


def stored(document: DossierDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("name", list(SIGNED))
def test_each_result_is_signed_through_the_workflow_and_verifies(demo, name):
    leader_name, symbol, template, words = SIGNED[name]
    leader = demo["users"][leader_name]
    dossier = at_approval(demo, name)
    task_id = open_task(dossier, "approval")

    document = result_signature_request(task_id=task_id, user=leader, outcome="approve")

    # awaiting: rendered and numbered, the step still open, the signing queued
    assert (document.kind, document.signature_state) == ("result", State.AWAITING)
    assert (document.number, document.symbol) == (1, symbol)
    assert document.template is not None and document.template.code == template
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored(document))).pages)
    assert words in text and f"01/{symbol}" in text
    task = Task.objects.get(pk=task_id)
    assert task.status == STATUS.ASSIGNED and task.owner == leader
    assert task_signing(task)["state"] == State.AWAITING
    assert document_verify(pdf=stored(document)).valid is False  # not signed yet

    outbox.drain()

    document.refresh_from_db()
    data = stored(document)
    assert document.signature_state == State.SIGNED and document.signed_at is not None
    assert document.sha256 == hashlib.sha256(data).hexdigest() and document.size == len(data)
    assert [s["kind"] for s in document.signers] == ["personal", "agency"]
    assert document.signers[0]["name"] == (leader.get_full_name() or leader.username)
    assert Task.objects.get(pk=task_id).status == STATUS.DONE
    open_task(dossier, "issue")  # the process moved on with the leader's outcome
    actions = list(
        ProcessingLogEntry.objects.filter(dossier=dossier).values_list("action", flat=True)
    )
    assert actions.index("signature_requested") < actions.index("result_signed")
    assert actions.index("result_signed") < actions.index("outcome:approve")

    verdict = document_verify(pdf=data)
    assert verdict.valid and verdict.issued_here and verdict.signatures_valid, verdict.problems
    assert len(verdict.signatures) == 2
    assert verdict.document is not None and verdict.document.number == 1
    assert verdict.document.symbol == symbol
    by_token = document_verify_token(token=verdict.document.token)
    assert by_token is not None and by_token.valid


def test_the_engine_refuses_the_signing_outcome_given_directly(demo):
    dossier = at_approval(demo, "diploma_copy")

    with pytest.raises(OutcomeNeedsService):
        task_complete(
            task_id=open_task(dossier, "approval"),
            user=demo["users"]["demo_leader"],
            outcome="approve",
        )


def test_other_outcomes_of_the_step_complete_as_before(demo):
    dossier = at_approval(demo, "diploma_copy")
    task_complete(
        task_id=open_task(dossier, "approval"),
        user=demo["users"]["demo_leader"],
        outcome="send_back",
    )
    open_task(dossier, "review")
    assert not DossierDocument.objects.filter(dossier=dossier, kind="result").exists()


def test_without_a_seal_the_request_is_refused_and_nothing_is_numbered(demo):
    SignerProfile.objects.filter(kind="agency").update(active=False)
    dossier = at_approval(demo, "diploma_copy")

    with translation.override("en"), pytest.raises(SigningNotPossible, match="no seal signer"):
        result_signature_request(
            task_id=open_task(dossier, "approval"),
            user=demo["users"]["demo_leader"],
            outcome="approve",
        )

    assert not DossierDocument.objects.filter(dossier=dossier, kind="result").exists()
    assert not DocumentNumberSequence.objects.exists()


def test_a_second_request_while_awaiting_is_refused(demo):
    leader = demo["users"]["demo_leader"]
    dossier = at_approval(demo, "diploma_copy")
    task_id = open_task(dossier, "approval")
    result_signature_request(task_id=task_id, user=leader, outcome="approve")

    with pytest.raises(SigningNotPossible):
        result_signature_request(task_id=task_id, user=leader, outcome="approve")
    assert DossierDocument.objects.filter(dossier=dossier, kind="result").count() == 1


def test_a_failed_signature_leaves_the_step_open_and_sign_again_uses_the_same_number(demo):
    leader = demo["users"]["demo_leader"]
    dossier = at_approval(demo, "diploma_copy")
    task_id = open_task(dossier, "approval")
    document = result_signature_request(task_id=task_id, user=leader, outcome="approve")
    seals = SignerProfile.objects.filter(kind="agency")
    seals.update(active=False)  # the seal is withdrawn while the request waits

    with translation.override("en"):
        outbox.drain()

    document.refresh_from_db()
    task = Task.objects.get(pk=task_id)
    assert document.signature_state == State.FAILED
    assert task.status == STATUS.ASSIGNED  # the step stays open
    assert "agency" in task_signing(task)["error"]
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="signature_failed").exists()

    seals.update(active=True)
    result_signature_retry(task_id=task_id, user=leader)
    outbox.drain()

    document.refresh_from_db()
    assert document.signature_state == State.SIGNED and document.number == 1
    assert DossierDocument.objects.filter(dossier=dossier, kind="result").count() == 1
    assert Task.objects.get(pk=task_id).status == STATUS.DONE
    assert document_verify(pdf=stored(document)).valid


def test_sign_again_needs_a_failure(demo):
    leader = demo["users"]["demo_leader"]
    dossier = at_approval(demo, "diploma_copy")
    task_id = open_task(dossier, "approval")
    result_signature_request(task_id=task_id, user=leader, outcome="approve")

    with pytest.raises(SigningNotPossible):
        result_signature_retry(task_id=task_id, user=leader)


def test_numbers_follow_each_other_per_agency_and_series(demo):
    leader = demo["users"]["demo_leader"]
    first = sign_result(at_approval(demo, "diploma_copy", key="one"), leader)
    second = sign_result(at_approval(demo, "diploma_copy", key="two"), leader)
    transfer = sign_result(at_approval(demo, "staff_transfer"), leader)

    assert [(d.number, d.symbol) for d in (first, second, transfer)] == [
        (1, "BS-SGDĐT"),
        (2, "BS-SGDĐT"),
        (1, "QĐ-SGDĐT"),
    ]


def test_a_changed_byte_and_bytes_appended_are_not_valid(demo):
    document = sign_result(at_approval(demo, "diploma_copy"), demo["users"]["demo_leader"])
    data = stored(document)
    position = data.index(b"/Type /Page") + 1  # the T, in the first (signed) revision
    changed = data[:position] + b"t" + data[position + 1 :]

    with translation.override("en"):
        for tampered in (changed, data + b"\n% appended\n"):
            verdict = document_verify(pdf=tampered)
            assert not verdict.valid and verdict.problems
            assert not verdict.issued_here  # the hash is not on record either
