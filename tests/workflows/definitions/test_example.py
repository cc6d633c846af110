"""The shipped example (the diploma-copy procedure) and the documentation's examples."""

import re
from pathlib import Path

import pytest
import yaml

from workflows.definitions import dump, load, loads, parse_text, validate
from workflows.definitions.messages import MESSAGES
from workflows.definitions.model import NodeKind
from workflows.definitions.schema import schema_errors

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "workflows/definitions/examples/diploma_copy.yaml"
DOCS = ROOT / "docs/workflow-language.md"


@pytest.mark.django_db
def test_the_diploma_copy_example_validates():
    definition = loads(EXAMPLE.read_text(encoding="utf-8"))
    assert validate(definition) == []  # the standard roles exist from the migrations
    kinds = {node.kind for node in definition.nodes}
    assert {NodeKind.START, NodeKind.USER_TASK, NodeKind.WAIT_EVENT} <= kinds
    assert definition.node("review").status == "processing"
    assert definition.node("result_desk").status == "processed"
    assert {a for s in definition.sources for a in s.about} >= {"deadline", "documents"}
    assert {n.result for n in definition.nodes if n.kind is NodeKind.END} == {
        "returned",
        "refused",
        "stopped",
    }


def test_the_diploma_copy_example_has_the_procedure_s_paths():
    definition = loads(EXAMPLE.read_text(encoding="utf-8"))
    reception = definition.node("reception")
    assert dict(reception.outcomes).keys() == {"accept", "supplement", "refuse"}
    waiting = definition.node(dict(reception.outcomes)["supplement"])
    assert (waiting.event, waiting.next) == ("supplementation_received", "reception")
    assert definition.node(dict(reception.outcomes)["accept"]).role == "specialist"
    approval = definition.node("approval")
    (timer,) = approval.boundary_timers
    assert approval.role == "leader" and timer.after == approval.budget
    assert definition.node(timer.next).role == "leader"


def test_the_example_file_is_canonical():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert dump(loads(text)) == parse_text(text)


def _doc_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)


def test_every_yaml_example_in_the_docs_has_a_valid_shape():
    blocks = _doc_blocks()
    assert len(blocks) >= len(NodeKind)
    for block in blocks:
        data = yaml.safe_load(block)
        raw = (
            data
            if isinstance(data, dict) and "format" in data
            else {
                "format": "motcua/workflow@1",
                "nodes": data if isinstance(data, list) else [data],
            }
        )
        assert schema_errors(raw) == [], block
        load(raw)


def test_the_docs_show_every_node_kind_and_every_error_kind():
    text = DOCS.read_text(encoding="utf-8")
    for kind in NodeKind:
        assert f"kind: {kind}" in text, kind
    for code in MESSAGES:
        assert f"`{code}`" in text, code


def test_the_docs_example_messages_are_real_messages():
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", DOCS.read_text(encoding="utf-8"), flags=re.M)
    assert {code for code, _ in rows} == set(MESSAGES)
    for code, example in rows:
        parts = re.split(r"%\(\w+\)s", str(MESSAGES[code]))
        pattern = ".+".join(re.escape(part) for part in parts)
        assert re.fullmatch(pattern, example), (code, example)
