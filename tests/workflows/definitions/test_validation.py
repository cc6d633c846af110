"""One test per kind of validation error; every message names the node it is about."""

from typing import Any

import pytest

from tests.workflows.factories import AgencyFactory
from workflows.definitions import (
    DefinitionError,
    DefinitionInvalid,
    ValidationContext,
    definition_check,
    load,
    validate,
)
from workflows.definitions.messages import MESSAGES
from workflows.definitions.model import Definition, Node, NodeKind
from workflows.definitions.registry import service_handlers, step_forms

from .conftest import OPEN, SMALL, nodes

START = {"id": "start", "kind": "start", "next": "t"}
END = {"id": "e", "kind": "end", "result": "processed"}


def task(node_id: str = "t", **fields: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "user_task",
        "role": "specialist",
        "outcomes": {"done": "e"},
        **fields,
    }


def errors_of(raw: dict[str, Any], context: ValidationContext = OPEN) -> list[tuple[str, str]]:
    return [(e.code, e.node) for e in validate(load(raw), context=context)]


def test_a_valid_definition_has_no_errors():
    assert errors_of(SMALL) == []
    assert definition_check(SMALL, context=OPEN) == load(SMALL)


def test_duplicate_ids_between_nodes_and_timers():
    timer = {"id": "start", "after": {"amount": 1, "unit": "days"}, "next": "e"}
    raw = nodes(START, task(timers=[timer]), END, {**END, "result": "refused"})
    errors = validate(load(raw), context=OPEN)
    assert [(e.code, e.node, e.params["id"]) for e in errors] == [
        ("duplicate_id", "t", "start"),
        ("duplicate_id", "e", "e"),
    ]
    assert errors[0].message == "Node t: the id start is already used by another node or timer."


@pytest.mark.parametrize("node_id", ["lock", "instance", "urls", "index_path", "nodes"])
def test_ids_that_clash_with_viewflow_are_reserved(node_id):
    raw = nodes({**START, "next": node_id}, task(node_id), END)
    assert errors_of(raw) == [("reserved_id", node_id)]
    (error,) = validate(load(raw), context=OPEN)
    assert node_id in error.message and "viewflow" in error.message


def test_a_reserved_timer_id_names_its_task():
    timer = {"id": "reverse", "after": {"amount": 1, "unit": "days"}, "next": "e"}
    assert errors_of(nodes(START, task(timers=[timer]), END)) == [("reserved_id", "t")]


def test_there_is_exactly_one_start_node():
    assert ("no_start", "") in errors_of(nodes(task(), END))
    raw = nodes(START, {**START, "id": "again"}, task(), END)
    assert errors_of(raw) == [("many_starts", "again"), ("unreachable", "again")]


def test_nothing_leads_back_to_the_start():
    raw = nodes(START, task(outcomes={"done": "e", "again": "start"}), END)
    assert errors_of(raw) == [("start_targeted", "start")]


def test_references_to_missing_nodes():
    raw = nodes(START, task(outcomes={"done": "e", "lost": "nowhere"}), END)
    errors = validate(load(raw), context=OPEN)
    assert [(e.code, e.node) for e in errors] == [("unknown_target", "t")]
    assert errors[0].message == "Node t: outcomes.lost leads to nowhere, which is not a node."


def test_unknown_roles_forms_handlers_and_agencies():
    raw = nodes(
        START,
        task(role="astrologer", form="horoscope", agency={"fixed": "000.00.00.X01"}),
        {"id": "s", "kind": "service_task", "handler": "magic", "next": "e"},
        END,
    )
    raw["nodes"][1]["outcomes"] = {"done": "s"}
    assert errors_of(raw) == [
        ("unknown_role", "t"),
        ("unknown_form", "t"),
        ("unknown_agency", "t"),
        ("unknown_handler", "s"),
    ]


@pytest.mark.django_db
def test_the_default_context_reads_the_database_and_the_registries():
    agency = AgencyFactory()
    raw = nodes(
        START,
        task(
            role="leader", form="tests.review", agency={"fixed": agency.code}, outcomes={"ok": "s"}
        ),
        {"id": "s", "kind": "service_task", "handler": "tests.render", "next": "e"},
        END,
    )
    assert [e.code for e in validate(load(raw))] == ["unknown_form", "unknown_handler"]
    step_forms.add("tests.review", object)
    service_handlers.add("tests.render", lambda **kwargs: None)
    try:
        assert validate(load(raw)) == []
        raw["nodes"][1]["role"] = "astrologer"
        raw["nodes"][1]["agency"] = {"fixed": "999.99.99.X99"}
        assert [e.code for e in validate(load(raw))] == ["unknown_role", "unknown_agency"]
    finally:
        step_forms.remove("tests.review")
        service_handlers.remove("tests.render")


def test_unreachable_nodes():
    raw = nodes(START, task(), END, task("orphan"))
    assert errors_of(raw) == [("unreachable", "orphan")]


def test_dead_ends():
    raw = nodes(
        START,
        task(outcomes={"done": "e", "wait": "w"}),
        {"id": "w", "kind": "wait_event", "event": "payment_confirmed", "next": "loop"},
        task("loop", outcomes={"again": "w"}),
        END,
    )
    assert errors_of(raw) == [("dead_end", "w"), ("dead_end", "loop")]


def test_a_gateway_needs_a_default():
    gateway = {"id": "g", "kind": "exclusive_gateway", "branches": [{"when": "True", "next": "e"}]}
    raw = nodes({**START, "next": "g"}, gateway, END)
    assert errors_of(raw) == [("no_default", "g")]


def test_conditions_that_do_not_parse():
    gateway = {
        "id": "g",
        "kind": "exclusive_gateway",
        "branches": [
            {"when": "data.copies > 1", "next": "e"},
            {"when": "data.copies >", "next": "e"},
            {"when": "data.__class__", "next": "e"},
        ],
        "default": "e",
    }
    errors = validate(load(nodes({**START, "next": "g"}, gateway, END)), context=OPEN)
    assert [(e.code, e.node, e.params["branch"]) for e in errors] == [
        ("bad_condition", "g", 2),
        ("bad_condition", "g", 3),
    ]
    assert errors[0].message.startswith("Node g: the condition of branch 2 is not valid: syntax")


def _split(*targets: str) -> dict[str, Any]:
    return {"id": "split", "kind": "parallel_split", "next": list(targets)}


def test_a_join_needs_two_incoming_paths():
    raw = nodes(
        {**START, "next": "split"},
        _split("a", "b"),
        task("a", outcomes={"done": "join"}),
        task("b", outcomes={"done": "e"}),
        {"id": "join", "kind": "parallel_join", "next": "e"},
        END,
    )
    assert errors_of(raw) == [("join_one_input", "join")]


def test_a_join_that_can_never_fire():
    raw = nodes(
        {**START, "next": "split"},
        _split("a", "b", "c"),
        task("a", outcomes={"done": "join"}),
        task("b", outcomes={"done": "join"}),
        task("c", outcomes={"done": "e"}),
        {"id": "join", "kind": "parallel_join", "next": "e"},
        END,
    )
    assert errors_of(raw) == [("join_never_fires", "join")]
    raw["nodes"][4]["outcomes"] = {"done": "join", "give_up": "e"}
    assert errors_of(raw) == []


def test_nested_splits_and_joins_are_fine():
    raw = nodes(
        {**START, "next": "outer"},
        {"id": "outer", "kind": "parallel_split", "next": ["a", "inner"]},
        {"id": "inner", "kind": "parallel_split", "next": ["b", "c"]},
        task("a", outcomes={"done": "join_outer"}),
        task("b", outcomes={"done": "join_inner"}),
        task("c", outcomes={"done": "join_inner"}),
        {"id": "join_inner", "kind": "parallel_join", "next": "join_outer"},
        {"id": "join_outer", "kind": "parallel_join", "next": "e"},
        END,
    )
    assert errors_of(raw) == []


def test_a_timer_waits_for_a_duration_or_a_date():
    timer = {"id": "w", "kind": "timer", "next": "e"}
    assert errors_of(nodes({**START, "next": "w"}, timer, END)) == [("timer_spec", "w")]
    both = {**timer, "wait": {"amount": 1, "unit": "days"}, "at": "appointment"}
    assert errors_of(nodes({**START, "next": "w"}, both, END)) == [("timer_spec", "w")]
    assert errors_of(nodes({**START, "next": "w"}, {**timer, "at": "appointment"}, END)) == []


def test_definition_check_raises_every_error_as_a_validation_error():
    raw = nodes(START, task(role="astrologer"), END, task("orphan"))
    with pytest.raises(DefinitionInvalid) as caught:
        definition_check(raw, context=OPEN)
    assert caught.value.messages == [
        "Node t: there is no role astrologer.",
        "Node orphan cannot be reached from the start node.",
    ]
    assert [e.code for e in caught.value.error_list] == ["unknown_role", "unreachable"]


def test_every_message_but_whole_definition_ones_names_its_node():
    whole = {"syntax", "yaml_alias", "duplicate_key", "no_start", "no_result_end"}
    whole |= {key for key in MESSAGES if key.startswith("definition_")}
    for key, message in MESSAGES.items():
        assert ("%(node)s" in str(message)) is (key not in whole), key


def test_a_definition_built_in_code_is_checked_for_its_shape_too():
    built = Definition(
        nodes=(
            Node("start", NodeKind.START, next="t"),
            Node("t", NodeKind.USER_TASK, outcomes=(("done", "e"),)),  # no role
            Node("e", NodeKind.END, result="lost"),
        )
    )
    assert [(e.code, e.node) for e in validate(built, context=OPEN)] == [
        ("form", "t"),
        ("choice", "e"),
    ]


def test_errors_compare_and_hash_by_value():
    first = DefinitionError("unknown_role", "t", {"role": "x"})
    assert first == DefinitionError("unknown_role", "t", {"role": "x"})
    assert len({first, DefinitionError("unknown_role", "t", {"role": "x"})}) == 1
