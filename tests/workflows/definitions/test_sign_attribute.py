"""A user task's ``sign``: loaded, dumped back, its outcome checked at publish."""

from typing import Any

from workflows.definitions import dump, load, validate
from workflows.definitions.model import Signing

from .conftest import OPEN, nodes

START = {"id": "start", "kind": "start", "next": "approval"}
END = {"id": "done", "kind": "end", "result": "processed"}


def approval(**sign: Any) -> dict[str, Any]:
    return {
        "id": "approval",
        "kind": "user_task",
        "role": "leader",
        "agency": {"from": "competent"},
        "outcomes": {"approve": "done", "send_back": "done"},
        "sign": sign,
    }


def test_sign_loads_with_its_defaults_and_dumps_back_canonically() -> None:
    raw = nodes(START, approval(document="result-diploma-copy"), END)

    node = load(raw).node("approval")

    assert node.sign == Signing(
        document="result-diploma-copy",
        outcome="approve",
        symbol="QĐ",
        signatures=("personal", "agency"),
    )
    dumped = dump(load(raw))
    assert dumped["nodes"][1]["sign"] == {
        "document": "result-diploma-copy",
        "outcome": "approve",
        "symbol": "QĐ",
        "signatures": ["personal", "agency"],
    }
    assert load(dumped) == load(raw)
    assert validate(load(raw), context=OPEN) == []


def test_a_step_without_sign_has_none() -> None:
    raw = nodes(START, {**approval(document="x"), "sign": None}, END)
    del raw["nodes"][1]["sign"]
    assert load(raw).node("approval").sign is None
    assert "sign" not in dump(load(raw))["nodes"][1]


def test_the_signing_outcome_must_be_one_of_the_steps() -> None:
    raw = nodes(START, approval(document="result-diploma-copy", outcome="sign_it"), END)

    errors = validate(load(raw), context=OPEN)

    assert [(e.code, e.node) for e in errors] == [("sign_outcome", "approval")]
    assert "sign.outcome sign_it is not one of the step's outcomes" in errors[0].message


def test_the_shape_of_sign_is_checked_by_the_schema() -> None:
    from workflows.definitions import DefinitionInvalid

    bad = [
        approval(),  # no document
        approval(document="Result Copy"),  # not a template code
        approval(document="r", signatures=[]),
        approval(document="r", signatures=["personal", "personal"]),
        approval(document="r", signatures=["notary"]),
        approval(document="r", symbol="QĐ/SGD"),
        approval(document="r", colour="red"),
    ]
    for task in bad:
        try:
            load(nodes(START, task, END))
        except DefinitionInvalid:
            continue
        raise AssertionError(f"accepted: {task['sign']}")
