"""The public status by code: only public fields, a timeline from the log, two queries on a
miss and none on a hit, the cache dropped when the dossier or its log changes."""

import json

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from workflows.engine import task_complete
from workflows.models import Dossier, ProcessingLogEntry
from workflows.selectors.public_status import PublicStatus, public_status, public_status_read
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_request_supplementation,
)
from workflows.services.supplementation import dossier_supplement

from ..services.reception_setup import CODE, OWNER, local, reception

pytestmark = pytest.mark.django_db
Status = Dossier.Status


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def test_an_unknown_or_absurd_code_has_no_status():
    assert public_status("000.00.20.H56-260212-9999") is None
    assert public_status("") is None
    assert public_status("X" * 500) is None


def test_the_code_is_found_whatever_its_case_and_spaces():
    state = reception()
    found = public_status(f"  {CODE.lower()} ")
    assert isinstance(found, PublicStatus)
    assert found.code == CODE
    assert found.procedure_code == "3.000467.H18"
    assert found.status == state.dossier.status


def test_a_miss_reads_two_rows_sets_and_a_hit_reads_none(django_assert_num_queries):
    reception()
    with django_assert_num_queries(2):
        first = public_status(CODE)
    with django_assert_num_queries(0):
        again = public_status(CODE)
    assert again == first


def test_accepting_the_dossier_drops_the_cached_status():
    state = reception()
    assert public_status(CODE).status == Status.NEW
    with time_machine.travel(local(2026, 2, 12, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist)
    found = public_status(CODE)
    assert found is not None
    assert found.status == Status.ACCEPTED
    assert found.received_at == local(2026, 2, 12, 9, 0)
    assert found.appointment_date is not None


def test_the_timeline_has_steps_pauses_and_the_end_and_nothing_personal():
    state = reception()
    with time_machine.travel(local(2026, 2, 12, 9, 0), tick=False):
        dossier_accept(task_id=state.task().pk, user=state.receptionist, comment="Đủ hồ sơ")
    assert [item.kind for item in public_status(CODE).timeline] == ["step"]
    with time_machine.travel(local(2026, 2, 13, 9, 0), tick=False):
        dossier_request_supplementation(
            task_id=state.task("review").pk,
            user=state.specialist,
            items=[MissingItem("Bản sao sổ gốc có xác nhận")],
            reason="Thiếu bản sao",
        )
    paused = public_status(CODE)
    assert paused is not None and paused.status == Status.SUPPLEMENTATION_REQUESTED
    assert paused.timeline[-1].kind == "pause" and paused.timeline[-1].until is None
    with time_machine.travel(local(2026, 2, 16, 9, 0), tick=False):
        dossier_supplement(dossier=state.refresh(), by=None, note="Đã nộp")
    with time_machine.travel(local(2026, 2, 17, 9, 0), tick=False):
        task_complete(
            task_id=state.task("review").pk,
            user=state.specialist,
            outcome="approve",
            comment="Nhận xét nội bộ",
        )
    found = public_status(CODE)
    assert found is not None
    assert found.status == Status.PROCESSED
    kinds = [(item.kind, item.name) for item in found.timeline]
    assert kinds == [
        ("step", "reception"),
        ("step", "review"),
        ("pause", ""),
        ("step", "review"),
        ("finished", ""),
    ]
    pause = found.timeline[2]
    assert (pause.at, pause.until) == (local(2026, 2, 13, 9, 0), local(2026, 2, 16, 9, 0))
    assert found.timeline[0].timing in {"early", "on_time", "late"}
    with translation.override("en"):
        assert pause.label == "Waiting for the applicant's supplementation"
        assert found.timeline[-1].label == "Processed"
        text = json.dumps(found.as_json(), ensure_ascii=False)
    for secret in [*OWNER.values(), "Đủ hồ sơ", "Thiếu bản sao", "Nhận xét nội bộ", "Đã nộp"]:
        assert secret not in text
    assert found.as_json()["status_label"]
    assert public_status_read(CODE) == found


def test_the_step_names_come_from_the_definition():
    state = reception()
    definition = dict(state.dossier.version.definition)
    for node in definition["nodes"]:
        if node["id"] == "reception":
            node["name"] = "Tiếp nhận hồ sơ"
    from workflows.selectors.timeline import step_names, timeline_from_log

    names = step_names(definition)
    assert names["reception"] == "Tiếp nhận hồ sơ"
    assert names["review"] == "review"  # no name: the step's id
    assert "submitted" not in names  # only user tasks
    rows = [
        {
            "action": "outcome:accept",
            "step": "reception",
            "at": local(2026, 2, 12, 9, 0),
            "due_at": None,
            "timing": "early",
            "to_status": None,
        },
        {
            "action": "status_changed",
            "step": "review",
            "at": local(2026, 2, 12, 9, 0),
            "due_at": None,
            "timing": "",
            "to_status": 4,
        },
        {
            "action": "clock_resumed",
            "step": "",
            "at": local(2026, 2, 12, 9, 0),
            "due_at": None,
            "timing": "",
            "to_status": None,
        },
    ]
    [item] = timeline_from_log(rows, names=names)
    assert (item.name, item.timing) == ("Tiếp nhận hồ sơ", "early")


def test_a_log_row_known_only_by_the_dossier_id_drops_the_cached_status():
    state = reception()
    assert public_status(CODE).timeline == ()
    ProcessingLogEntry.objects.create(
        dossier_id=state.dossier.pk, action="clock_paused", at=local(2026, 2, 13, 9, 0)
    )
    assert [item.kind for item in public_status(CODE).timeline] == ["pause"]
