"""An end without a result: allowed only on a non-interrupting boundary timer's branch."""

from typing import Any

from django.utils import translation

from workflows.definitions import dump, load, validate

from .conftest import OPEN, nodes

DAY = {"amount": 1, "unit": "working_days"}


def guarded(*, interrupting: bool = False, **task: Any) -> dict[str, Any]:
    """start -> review (approve -> done) with a boundary timer -> remind -> reminded (no result)."""
    review = {
        "id": "review",
        "kind": "user_task",
        "role": "specialist",
        "outcomes": {"approve": "done"},
        "timers": [{"id": "late", "after": DAY, "next": "remind", "interrupting": interrupting}],
        **task,
    }
    return nodes(
        {"id": "start", "kind": "start", "next": "review"},
        review,
        {"id": "remind", "kind": "service_task", "handler": "docs.render", "next": "reminded"},
        {"id": "reminded", "kind": "end", "name": "Đã nhắc việc"},
        {"id": "done", "kind": "end", "result": "processed"},
    )


def errors_of(raw: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e.code, e.node) for e in validate(load(raw), context=OPEN)]


def test_an_end_without_result_after_a_non_interrupting_timer_is_allowed():
    raw = guarded()
    assert errors_of(raw) == []
    definition = load(raw)
    assert definition.node("reminded").result == ""
    assert "result" not in dump(definition)["nodes"][3]  # left out, like every empty field
    assert load(dump(definition)) == definition


def test_an_end_without_result_after_an_interrupting_timer_is_refused():
    errors = validate(load(guarded(interrupting=True)), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [("end_without_result", "reminded")]
    assert errors[0].message == (
        "Node reminded: an end without a result is only allowed after a non-interrupting "
        "boundary timer; here the dossier would finish without a result status."
    )


def test_an_end_without_result_also_reached_on_the_main_path_is_refused():
    raw = guarded(outcomes={"approve": "done", "skip": "remind"})
    assert errors_of(raw) == [("end_without_result", "reminded")]


def test_an_end_without_result_right_after_the_start_is_refused():
    raw = nodes(
        {"id": "start", "kind": "start", "next": "t"},
        {"id": "t", "kind": "user_task", "role": "specialist", "outcomes": {"ok": "e", "no": "r"}},
        {"id": "e", "kind": "end"},
        {"id": "r", "kind": "end", "result": "refused"},
    )
    assert errors_of(raw) == [("end_without_result", "e")]


def test_the_main_path_needs_an_end_with_a_result():
    raw = nodes(
        {"id": "start", "kind": "start", "next": "t"},
        {"id": "t", "kind": "user_task", "role": "specialist", "outcomes": {"ok": "e"}},
        {"id": "e", "kind": "end"},
    )
    errors = validate(load(raw), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [
        ("end_without_result", "e"),
        ("no_result_end", ""),
    ]
    assert errors[1].message == (
        "The definition has no end node with a result that the dossier can reach from the "
        "start node."
    )


def test_an_end_with_a_result_reached_only_through_a_reminder_does_not_count():
    raw = guarded(outcomes={"approve": "review"})  # the main path loops; only the timer ends
    raw["nodes"][3]["result"] = "processed"
    raw["nodes"] = [n for n in raw["nodes"] if n["id"] != "done"]
    assert ("no_result_end", "") in errors_of(raw)


def test_the_message_is_translated_into_vietnamese():
    (error,) = validate(load(guarded(interrupting=True)), context=OPEN)
    with translation.override("vi"):
        assert error.message.startswith("Nút reminded: nút kết thúc không có kết quả")
