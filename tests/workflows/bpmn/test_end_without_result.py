"""An end without a result (a non-interrupting timer's branch) through BPMN and back."""

from lxml import etree

from workflows.bpmn import definition_from_bpmn, definition_to_bpmn
from workflows.bpmn.namespaces import BPMN, MOTCUA
from workflows.definitions import validate
from workflows.definitions.model import (
    BoundaryTimer,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.definitions.validation import ValidationContext

K = NodeKind
OPEN = ValidationContext(roles={"leader"}, forms=(), handlers={"notify.remind"}, agencies=())


def reminded() -> Definition:
    return Definition(
        name="Nhắc việc",
        nodes=(
            Node(id="submitted", kind=K.START, next="approval"),
            Node(
                id="approval",
                kind=K.USER_TASK,
                role="leader",
                outcomes=(("approve", "done"),),
                boundary_timers=(
                    BoundaryTimer(
                        id="approval_late",
                        after=Duration(1, DurationUnit.WORKING_DAYS),
                        next="remind",
                        interrupting=False,
                    ),
                ),
            ),
            Node(id="remind", kind=K.SERVICE_TASK, handler="notify.remind", next="reminded"),
            Node(id="reminded", kind=K.END, name="Đã nhắc việc"),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )


def test_an_end_without_result_survives_export_then_import():
    definition = reminded()
    assert validate(definition, context=OPEN) == []
    xml = definition_to_bpmn(definition)
    again = definition_from_bpmn(xml)
    assert again == definition
    assert again.node("reminded").result == ""
    assert definition_to_bpmn(again) == xml


def test_the_export_writes_no_result_attribute_for_it():
    root = etree.fromstring(definition_to_bpmn(reminded()))
    ends = {e.get("id"): e for e in root.iter(f"{{{BPMN}}}endEvent")}
    assert ends["reminded"].get(f"{{{MOTCUA}}}result") is None
    assert ends["done"].get(f"{{{MOTCUA}}}result") == "processed"
