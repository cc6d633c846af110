"""The workflow language's ``escalation`` on user tasks: loaded and dumped back, validated
at publish (budget, warning length, reassign with its role), the default policy; the
reserved outcome ``stop``."""

from typing import Any

import pytest
from django.utils import translation

from workflows.deadlines.policy import step_policy
from workflows.definitions import DefinitionInvalid, ValidationContext, dump, load, validate
from workflows.definitions.model import Duration, DurationUnit, Escalation

ROLES = {"reception", "specialist", "leader"}
CONTEXT = ValidationContext(roles=ROLES, forms=set(), handlers=set(), agencies=())
HOURS = DurationUnit.WORKING_HOURS


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def definition(**review: Any) -> dict[str, Any]:
    return {
        "format": "motcua/workflow@1",
        "nodes": [
            {"id": "start", "kind": "start", "next": "review"},
            {
                "id": "review",
                "kind": "user_task",
                "role": "specialist",
                "agency": {"from": "receiving"},
                "outcomes": {"approve": "done", "stop": "stopped"},
                **review,
            },
            {"id": "done", "kind": "end", "result": "processed"},
            {"id": "stopped", "kind": "end", "result": "stopped"},
        ],
    }


def codes(raw: dict[str, Any]) -> list[str]:
    return [error.code for error in validate(load(raw), context=CONTEXT)]


FULL = {
    "budget": {"amount": 2, "unit": "working_days"},
    "escalation": {
        "warn_before": {"amount": 4, "unit": "working_hours"},
        "on_overdue": ["notify_leader", "reassign"],
        "reassign_to": {"role": "leader"},
    },
}


def test_an_escalation_loads_validates_and_dumps_back() -> None:
    raw = definition(**FULL)
    loaded = load(raw)
    policy = loaded.node("review").escalation
    assert policy == Escalation(Duration(4, HOURS), ("notify_leader", "reassign"), "leader")
    assert validate(loaded, context=CONTEXT) == []
    assert dump(loaded) == raw


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ({"escalation": {"on_overdue": ["notify_leader"]}}, "escalation_without_budget"),
        (
            {
                "budget": {"amount": 2, "unit": "working_hours"},
                "escalation": {"warn_before": {"amount": 2, "unit": "working_hours"}},
            },
            "escalation_warn_budget",
        ),
        (
            {
                "budget": {"amount": 100, "unit": "working_days"},
                "escalation": {"warn_before": {"amount": 21, "unit": "working_days"}},
            },
            "escalation_warn_limit",
        ),
        (
            {**FULL, "escalation": {"on_overdue": ["reassign"]}},
            "escalation_reassign",
        ),
        (
            {
                **FULL,
                "escalation": {"on_overdue": ["notify_leader"], "reassign_to": {"role": "leader"}},
            },
            "escalation_reassign",
        ),
        (
            {**FULL, "escalation": {"on_overdue": ["reassign"], "reassign_to": {"role": "boss"}}},
            "unknown_role",
        ),
    ],
)
def test_an_escalation_that_cannot_work_is_refused(review: dict[str, Any], expected: str) -> None:
    assert codes(definition(**review)) == [expected]


def test_the_schema_refuses_unknown_actions_and_fields() -> None:
    raw = definition(**{**FULL, "escalation": {"on_overdue": ["panic"], "when": 1}})
    with pytest.raises(DefinitionInvalid) as caught:
        load(raw)
    assert [str(error) for error in caught.value.errors] == [
        "Node review: escalation.when is not a field of user_task nodes.",
        "Node review: escalation.on_overdue[1] must be one of notify_leader, notify_assignee, "
        "reassign.",
    ]


def test_the_message_names_the_node() -> None:
    [error] = validate(load(definition(escalation={})), context=CONTEXT)
    assert error.message == (
        "Node review: an escalation needs the step's budget (there is nothing to be late for)."
    )


def test_stop_must_end_with_the_result_stopped() -> None:
    raw = definition()
    raw["nodes"][1]["outcomes"]["stop"] = "done"
    raw["nodes"] = raw["nodes"][:3]
    assert codes(raw) == ["stop_target"]


@pytest.mark.parametrize(
    ("budget", "warning"),
    [
        (Duration(3, DurationUnit.WORKING_DAYS), Duration(1, DurationUnit.WORKING_DAYS)),
        (Duration(2, DurationUnit.CALENDAR_DAYS), Duration(1, DurationUnit.WORKING_DAYS)),
        (Duration(8, HOURS), Duration(1, HOURS)),
        (Duration(90, DurationUnit.MINUTES), Duration(1, HOURS)),
    ],
)
def test_the_default_policy(budget: Duration, warning: Duration) -> None:
    raw = definition(budget={"amount": budget.amount, "unit": str(budget.unit)})
    policy = step_policy(load(raw).node("review"))
    assert policy.warn_before == warning
    assert policy.on_overdue == ("notify_leader",) and policy.reassign_to == ""
