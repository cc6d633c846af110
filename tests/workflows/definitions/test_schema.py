import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from workflows.definitions import DefinitionInvalid, load, loads
from workflows.definitions.model import END_RESULTS, EVENTS, FORMAT, DurationUnit, NodeKind
from workflows.definitions.schema import _convert, schema, schema_errors

from .conftest import SMALL, nodes


def _codes(raw: Any) -> list[tuple[str, str]]:
    return [(e.code, e.node) for e in schema_errors(raw)]


def test_the_schema_is_a_valid_json_schema_and_matches_the_model():
    Draft202012Validator.check_schema(schema())
    defs = schema()["$defs"]
    node_branches = {
        rule["if"]["properties"]["kind"]["const"]: rule["then"] for rule in defs["node"]["allOf"]
    }
    assert defs["node"]["properties"]["kind"]["enum"] == [str(k) for k in NodeKind]
    assert set(node_branches) == {str(k) for k in NodeKind}
    assert defs["duration"]["properties"]["unit"]["enum"] == [str(u) for u in DurationUnit]
    assert node_branches["end"]["properties"]["result"]["enum"] == list(END_RESULTS)
    assert node_branches["wait_event"]["properties"]["event"]["enum"] == list(EVENTS)
    assert schema()["properties"]["format"]["const"] == FORMAT


def test_the_command_prints_the_schema():
    out = StringIO()
    call_command("workflow_schema", stdout=out)
    assert json.loads(out.getvalue()) == schema()


def test_a_valid_definition_has_no_schema_errors():
    assert schema_errors(SMALL) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([1, 2], [("definition_type", "")]),
        ({"format": FORMAT}, [("definition_required", "")]),
        ({**SMALL, "extra": 1}, [("definition_unknown_field", "")]),
        ({**SMALL, "format": "bpmn"}, [("definition_format", "")]),
        ({**SMALL, "nodes": []}, [("definition_invalid", "")]),
        (nodes("start"), [("node_type", "#1")]),
        (nodes({"id": "a", "kind": "wait_event", "next": "b"}), [("required", "a")]),
        (nodes({"id": "a", "kind": "end"}), []),  # the end of a non-interrupting timer's branch
        (
            nodes({"id": "a", "kind": "end", "result": "refused", "next": "b"}),
            [("unknown_field", "a")],
        ),
        (nodes({"id": "a", "kind": "loop"}), [("choice", "a")]),
        (nodes({"id": "a", "kind": "end", "result": "lost"}), [("choice", "a")]),
        (nodes({"id": "a", "kind": "start", "next": 3}), [("type", "a")]),
        (nodes({"id": "Bad-Id", "kind": "start", "next": "b"}), [("form", "Bad-Id")]),
        (nodes({"id": "a", "kind": "start", "next": "b", "name": "x" * 256}), [("too_long", "a")]),
    ],
)
def test_each_kind_of_schema_error_names_its_node(raw, expected):
    assert _codes(raw) == expected


def _task(**fields: Any) -> dict[str, Any]:
    return {"id": "t", "kind": "user_task", "role": "leader", "outcomes": {"ok": "e"}, **fields}


@pytest.mark.parametrize(
    ("node", "code", "field"),
    [
        (_task(budget={"amount": 0, "unit": "days"}), "too_small", "budget.amount"),
        (_task(outcomes={}), "too_few", "outcomes"),
        (_task(agency={"from": "receiving", "fixed": "X1"}), "too_many", "agency"),
        (_task(outcomes={"Bad": "e"}), "form", "outcomes"),
        (_task(agency={"fixed": "no spaces"}), "form", "agency.fixed"),
        (_task(timers=[{"id": "x", "after": {"amount": 1}, "next": "e"}]), "required", ""),
        (
            {"id": "t", "kind": "service_task", "handler": "h", "next": "e", "retries": 50},
            "too_large",
            "retries",
        ),
        (
            {"id": "t", "kind": "exclusive_gateway", "branches": [{"when": "", "next": "e"}]},
            "too_short",
            "branches[1].when",
        ),
        ({"id": "t", "kind": "parallel_split", "next": ["a", "a"]}, "repeated", "next"),
        ({"id": "t", "kind": "parallel_split", "next": "a"}, "type", "next"),
        ({"id": "t", "kind": "wait_event", "event": "rain", "next": "e"}, "choice", "event"),
    ],
)
def test_field_errors_name_the_node_and_the_field(node, code, field):
    errors = schema_errors(nodes(node))
    assert [(e.code, e.node) for e in errors] == [(code, "t")]
    if field:
        assert errors[0].params["field"] == field


def test_a_missing_timer_field_is_named_with_its_position():
    errors = schema_errors(nodes(_task(timers=[{"id": "x", "after": {"amount": 1}, "next": "e"}])))
    assert errors[0].params == {"field": "timers[1].after.unit"}
    assert errors[0].message == "Node t: timers[1].after.unit is required."


def test_keys_must_be_text():
    errors = schema_errors(nodes(_task(outcomes={1: "e"})))
    assert [(e.code, e.node, e.params["field"]) for e in errors] == [("type", "t", "outcomes.1")]


def test_an_unexpected_schema_error_still_names_the_node():
    error = SchemaError("x", validator="dependentRequired", path=["nodes", 0, "role"])
    converted = _convert(nodes({"id": "a", "kind": "user_task"}), error)
    assert [(e.code, e.node, e.message) for e in converted] == [
        ("invalid", "a", "Node a: role is not valid.")
    ]


def test_load_raises_every_schema_error_at_once():
    with pytest.raises(DefinitionInvalid) as caught:
        load(
            nodes(
                {"id": "a", "kind": "wait_event", "next": "b"},
                {"kind": "start"},
                {"id": "c", "kind": "nope"},
            )
        )
    assert [(e.code, e.node) for e in caught.value.errors] == [
        ("required", "a"),
        ("required", "#2"),
        ("required", "#2"),
        ("choice", "c"),
    ]
    assert caught.value.messages[0] == "Node a: event is required."


def test_text_that_does_not_parse_is_a_syntax_error():
    with pytest.raises(DefinitionInvalid) as caught:
        loads("format: motcua/workflow@1\nnodes: [\n")
    (error,) = caught.value.errors
    assert error.code == "syntax"
    assert "line 3" in error.message


def test_yaml_aliases_are_refused():
    text = "format: motcua/workflow@1\nnodes:\n- &n {id: s, kind: start, next: e}\n- *n\n"
    with pytest.raises(DefinitionInvalid) as caught:
        loads(text)
    assert [(e.code, e.params) for e in caught.value.errors] == [("yaml_alias", {"line": 4})]
    assert caught.value.messages == ["The definition may not use YAML aliases (line 4)."]


def test_a_key_given_twice_is_refused():
    text = (
        "format: motcua/workflow@1\n"
        "nodes:\n"
        "- id: t\n"
        "  kind: user_task\n"
        "  role: leader\n"
        "  outcomes: {accept: a, accept: b}\n"
    )
    with pytest.raises(DefinitionInvalid) as caught:
        loads(text)
    assert [(e.code, e.params) for e in caught.value.errors] == [
        ("duplicate_key", {"key": "accept", "line": 6})
    ]


def test_a_mapping_as_a_key_is_a_syntax_error():
    with pytest.raises(DefinitionInvalid) as caught:
        loads("? {a: 1}\n: x\n")
    assert [e.code for e in caught.value.errors] == ["syntax"]
