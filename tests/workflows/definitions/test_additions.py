"""The language's additions: a node's ``status``, the ``sources`` of a definition and the
shape the reserved outcomes (accept, supplement, refuse) must have."""

import copy
from typing import Any

import pytest

from workflows.bpmn import definition_from_bpmn, definition_to_bpmn
from workflows.definitions import DefinitionInvalid, dump, load, validate
from workflows.definitions.model import Source

from .conftest import OPEN, SMALL, nodes

START = {"id": "start", "kind": "start", "next": "reception"}
REFUSED = {"id": "refused", "kind": "end", "result": "refused"}
DONE = {"id": "done", "kind": "end", "result": "returned"}
WAIT = {
    "id": "wait",
    "kind": "wait_event",
    "event": "supplementation_received",
    "next": "reception",
}


def reception(**outcomes: str) -> dict[str, Any]:
    return {
        "id": "reception",
        "kind": "user_task",
        "role": "reception",
        "agency": {"from": "receiving"},
        "outcomes": outcomes or {"accept": "review", "supplement": "wait", "refuse": "refused"},
    }


def review(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "review",
        "kind": "user_task",
        "role": "specialist",
        "agency": {"from": "competent"},
    }
    return {**base, "outcomes": {"propose": "done"}, **fields}


def codes(raw: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e.code, e.node) for e in validate(load(raw), context=OPEN)]


def full() -> dict[str, Any]:
    return nodes(START, reception(), WAIT, review(status="processing"), DONE, REFUSED)


def test_a_complete_reception_is_valid():
    assert codes(full()) == []


# status


@pytest.mark.parametrize("kind", ["user_task", "service_task", "wait_event"])
def test_status_is_kept_and_written_back(kind):
    raw = full()
    extra = {
        "user_task": review(status="processed"),
        "service_task": {
            "id": "review",
            "kind": "service_task",
            "handler": "docs.render",
            "retries": 3,
            "next": "done",
            "status": "fee_owed",
        },
        "wait_event": {
            "id": "review",
            "kind": "wait_event",
            "event": "payment_confirmed",
            "next": "done",
            "status": "fee_owed",
        },
    }[kind]
    raw["nodes"][3] = extra
    definition = load(raw)
    assert definition.node("review").status == extra["status"]
    assert dump(definition)["nodes"][3] == extra
    assert codes(raw) == []


def test_an_unknown_status_is_refused():
    raw = nodes(START, reception(), WAIT, review(status="returned"), DONE, REFUSED)
    with pytest.raises(DefinitionInvalid) as caught:
        load(raw)
    (error,) = caught.value.errors
    assert (error.code, error.node) == ("choice", "review")
    assert error.message == "Node review: status must be one of processing, fee_owed, processed."


@pytest.mark.parametrize(
    "node", [{**DONE, "status": "processed"}, {**START, "status": "processing"}]
)
def test_status_belongs_to_tasks_and_waits_only(node):
    raw = full()
    raw["nodes"][0 if node["kind"] == "start" else 4] = node
    with pytest.raises(DefinitionInvalid) as caught:
        load(raw)
    assert [(e.code, e.params["field"]) for e in caught.value.errors] == [
        ("unknown_field", "status")
    ]


# sources

SOURCES = [
    {
        "about": ["documents", "fee"],
        "title": "Quyết định công bố thủ tục hành chính",
        "url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html",
        "note": "Thành phần hồ sơ, lệ phí.",
    },
    {"about": ["deadline"], "title": "Nghị định 23/2015/NĐ-CP, Điều 16"},
]


def test_sources_are_kept_in_order_and_written_back():
    raw = {**full(), "sources": copy.deepcopy(SOURCES)}
    definition = load(raw)
    assert definition.sources[0] == Source(
        about=("documents", "fee"),
        title=SOURCES[0]["title"],
        url=SOURCES[0]["url"],
        note=SOURCES[0]["note"],
    )
    assert definition.sources[1].url == ""
    written = dump(definition)
    assert list(written) == ["format", "sources", "nodes"]
    assert written["sources"] == SOURCES
    assert codes(raw) == []


@pytest.mark.parametrize(
    ("source", "field"),
    [
        ({"about": ["price"], "title": "x"}, "sources[1].about[1]"),
        ({"about": [], "title": "x"}, "sources[1].about"),
        ({"about": ["fee"]}, ""),
        ({"about": ["fee"], "title": "x", "url": "ftp://example.org/a"}, "sources[1].url"),
        ({"about": ["fee"], "title": "x", "page": 3}, ""),
    ],
)
def test_a_bad_source_is_refused(source, field):
    with pytest.raises(DefinitionInvalid) as caught:
        load({**full(), "sources": [source]})
    (error,) = caught.value.errors
    assert error.code == "definition_invalid"
    assert error.params["field"] == (field or "sources[1]")
    assert error.message.startswith("The definition's field sources[1]")


def test_status_and_sources_survive_bpmn():
    definition = load({**full(), "sources": copy.deepcopy(SOURCES)})
    assert definition_from_bpmn(definition_to_bpmn(definition)) == definition


# the reserved outcomes


def test_supplement_must_wait_for_the_supplementation_and_come_back():
    wrong_event = {**WAIT, "event": "payment_confirmed"}
    raw = nodes(START, reception(), wrong_event, review(), DONE, REFUSED)
    errors = validate(load(raw), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [("supplement_target", "reception")]
    assert errors[0].message == (
        "Node reception: the outcome supplement must lead to a wait_event on "
        "supplementation_received whose next is reception (it leads to wait)."
    )
    elsewhere = {**WAIT, "next": "review"}
    assert codes(nodes(START, reception(), elsewhere, review(), DONE, REFUSED)) == [
        ("supplement_target", "reception")
    ]
    straight = reception(accept="review", supplement="review", refuse="refused")
    assert codes(nodes(START, straight, review(), DONE, REFUSED)) == [
        ("supplement_target", "reception")
    ]


def test_a_later_step_may_ask_for_its_own_supplementation():
    wait_review = {**WAIT, "id": "wait_review", "next": "review"}
    asking = review(outcomes={"propose": "done", "supplement": "wait_review"})
    raw = nodes(START, reception(), WAIT, asking, wait_review, DONE, REFUSED)
    assert codes(raw) == []


def test_refuse_must_end_refused():
    stopped = {"id": "refused", "kind": "end", "result": "stopped"}
    errors = validate(load(nodes(START, reception(), WAIT, review(), DONE, stopped)), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [("refuse_target", "reception")]
    assert errors[0].message == (
        "Node reception: the outcome refuse must lead to an end with the result refused "
        "(it leads to refused)."
    )
    to_task = reception(accept="review", supplement="wait", refuse="review")
    assert codes(nodes(START, to_task, WAIT, review(), DONE)) == [("refuse_target", "reception")]


def test_accept_receives_the_dossier_once():
    again = review(outcomes={"accept": "done", "refuse": "refused"})
    errors = validate(load(nodes(START, reception(), WAIT, again, DONE, REFUSED)), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [("second_reception", "review")]
    assert errors[0].message == (
        "Node review: the outcome accept receives the dossier once: this step must be "
        "reachable from the start node without passing another step with accept (reception)."
    )


def test_two_receptions_on_separate_paths_are_allowed():
    route = {
        "id": "route",
        "kind": "exclusive_gateway",
        "branches": [{"when": "data.by_post", "next": "post_desk"}],
        "default": "reception",
    }
    post_desk = {
        **reception(),
        "id": "post_desk",
        "outcomes": {"accept": "review", "refuse": "refused"},
    }
    raw = nodes(
        {**START, "next": "route"}, route, reception(), post_desk, WAIT, review(), DONE, REFUSED
    )
    assert codes(raw) == []


def test_the_small_definition_still_validates():
    assert codes(SMALL) == []


def test_bpmn_with_broken_sources_is_refused():
    from workflows.bpmn import BpmnImportError

    xml = definition_to_bpmn(load({**full(), "sources": copy.deepcopy(SOURCES)}))
    broken = xml.replace(b'motcua:sources="[', b'motcua:sources="{[', 1)
    assert broken != xml
    with pytest.raises(BpmnImportError):
        definition_from_bpmn(broken)
