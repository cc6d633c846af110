"""Source ↔ Definition: dump(load(x)) == x for canonical sources, load(dump(d)) == d."""

import json
from typing import Any

import pytest

from workflows.definitions import dump, dumps, load, loads, parse_text
from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    BoundaryTimer,
    Branch,
    Duration,
    DurationUnit,
    NodeKind,
)

from .conftest import SMALL, nodes

# One canonical node of every kind and every optional field (as dump writes them).
CANONICAL_NODES: list[dict[str, Any]] = [
    {"id": "start", "kind": "start", "name": "Nộp hồ sơ", "next": "reception"},
    {
        "id": "reception",
        "kind": "user_task",
        "name": "Tiếp nhận",
        "role": "reception",
        "agency": {"from": "receiving"},
        "form": "reception.check",
        "budget": {"amount": 4, "unit": "working_hours"},
        "outcomes": {"accept": "route", "supplement": "wait_docs", "no": "refused"},
        "timers": [
            {
                "id": "remind",
                "name": "Nhắc",
                "after": {"amount": 2, "unit": "working_hours"},
                "next": "reception_late",
                "interrupting": True,
            }
        ],
    },
    {
        "id": "reception_late",
        "kind": "user_task",
        "role": "leader",
        "agency": {"from": "competent"},
        "outcomes": {"on": "route"},
    },
    {
        "id": "wait_docs",
        "kind": "wait_event",
        "event": "supplementation_received",
        "next": "reception",
    },
    {
        "id": "route",
        "kind": "exclusive_gateway",
        "branches": [{"when": 'data.channel == "post"', "next": "split"}],
        "default": "review",
    },
    {"id": "split", "kind": "parallel_split", "next": ["review", "ship"]},
    {
        "id": "review",
        "kind": "user_task",
        "role": "specialist",
        "agency": {"fixed": "000.00.20.H99"},
        "outcomes": {"done": "join"},
    },
    {
        "id": "ship",
        "kind": "user_task",
        "role": "result_desk",
        "agency": {"field": "transfer.receiving_school"},
        "outcomes": {"done": "join"},
    },
    {"id": "join", "kind": "parallel_join", "next": "pause"},
    {"id": "pause", "kind": "timer", "wait": {"amount": 1, "unit": "days"}, "next": "until"},
    {"id": "until", "kind": "timer", "at": "appointment.date", "next": "render"},
    {
        "id": "render",
        "kind": "service_task",
        "handler": "documents.render_result",
        "retries": 5,
        "next": "done",
        "on_error": "review",
    },
    {"id": "done", "kind": "end", "name": "Xong", "result": "processed"},
    {"id": "refused", "kind": "end", "result": "refused"},
]
CANONICAL = {"format": "motcua/workflow@1", "name": "Mọi loại nút", "nodes": CANONICAL_NODES}


def test_dump_of_load_gives_back_a_canonical_source():
    assert dump(load(CANONICAL)) == CANONICAL
    assert dump(load(SMALL)) == SMALL


def test_load_of_dump_gives_back_the_definition():
    definition = load(CANONICAL)
    assert load(dump(definition)) == definition
    assert loads(dumps(definition)) == definition
    assert loads(dumps(definition, as_json=True)) == definition


def test_the_text_forms_keep_the_field_order_and_vietnamese():
    text = dumps(load(CANONICAL))
    assert text.startswith("format: motcua/workflow@1\nname: Mọi loại nút\nnodes:\n- id: start\n")
    assert json.loads(dumps(load(CANONICAL), as_json=True)) == CANONICAL


def test_the_model_is_built_from_the_source_fields():
    definition = load(CANONICAL)
    assert definition.start.id == "start"
    reception = definition.node("reception")
    assert reception.kind is NodeKind.USER_TASK
    assert reception.outcomes == (
        ("accept", "route"),
        ("supplement", "wait_docs"),
        ("no", "refused"),
    )
    assert reception.budget == Duration(4, DurationUnit.WORKING_HOURS)
    assert reception.boundary_timers == (
        BoundaryTimer(
            "remind", Duration(2, DurationUnit.WORKING_HOURS), "reception_late", True, "Nhắc"
        ),
    )
    assert definition.node("review").agency == AgencyRef(AgencySource.FIXED, "000.00.20.H99")
    assert definition.node("ship").agency == AgencyRef(
        AgencySource.FIELD, "transfer.receiving_school"
    )
    assert definition.node("route").branches == (Branch('data.channel == "post"', "split"),)
    assert definition.node("split").targets == ("review", "ship")
    assert definition.node("until").at == "appointment.date"
    assert definition.node("render").retries == 5


def test_omitted_defaults_are_written_out_in_the_canonical_form():
    short = nodes(
        {"id": "s", "kind": "start", "next": "t"},
        {"id": "t", "kind": "user_task", "role": "leader", "outcomes": {"ok": "x"}},
        {
            "id": "x",
            "kind": "user_task",
            "role": "leader",
            "outcomes": {"ok": "h"},
            "timers": [{"id": "late", "after": {"amount": 1, "unit": "days"}, "next": "h"}],
        },
        {"id": "h", "kind": "service_task", "handler": "h", "next": "e"},
        {"id": "e", "kind": "end", "result": "processed", "name": ""},
    )
    canonical = dump(load(short))
    assert canonical["nodes"][1]["agency"] == {"from": "receiving"}
    assert canonical["nodes"][2]["timers"][0]["interrupting"] is False
    assert canonical["nodes"][3]["retries"] == 3
    assert "name" not in canonical["nodes"][4]
    assert dump(load(canonical)) == canonical


def test_json_text_loads_like_yaml():
    assert loads(json.dumps(SMALL)) == load(SMALL)


@pytest.mark.parametrize("word", ["no", "on", "off", "yes", "y"])
def test_yaml_1_1_booleans_stay_text(word):
    text = f"outcomes: {{{word}: x}}\nflag: true\n"
    assert parse_text(text) == {"outcomes": {word: "x"}, "flag": True}
