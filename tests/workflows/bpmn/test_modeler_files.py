"""Files as bpmn.io / Camunda Modeler write them: DI, incoming/outgoing, foreign extensions."""

from pathlib import Path

from tests.workflows.bpmn.samples import realistic
from workflows.bpmn import definition_from_bpmn
from workflows.definitions.model import AgencySource, Duration, DurationUnit, NodeKind

MODELER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:motcua="urn:motcua:bpmn:1"
  id="Definitions_0a1b2c3" targetNamespace="http://bpmn.io/schema/bpmn"
  exporter="Camunda Modeler" exporterVersion="5.20.0">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="UBND xã" processRef="Process_0x1" />
  </bpmn:collaboration>
  <bpmn:message id="Message_2p4" name="payment_confirmed" />
  <bpmn:process id="Process_0x1" name="Đăng ký khai sinh" isExecutable="true">
    <bpmn:documentation>Vẽ bằng Camunda Modeler</bpmn:documentation>
    <bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_1" name="Một cửa" /></bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_1" name="Nộp">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="reception" name="Tiếp nhận" camunda:candidateGroups="reception"
        motcua:role="reception">
      <bpmn:extensionElements>
        <camunda:properties><camunda:property name="x" value="y" /></camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_ok</bpmn:outgoing>
      <bpmn:outgoing>Flow_no</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="late" attachedToRef="reception">
      <bpmn:outgoing>Flow_late</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_1">
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT4H</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="Gateway_1" default="Flow_small">
      <bpmn:incoming>Flow_ok</bpmn:incoming>
    </bpmn:exclusiveGateway>
    <bpmn:intermediateCatchEvent id="pay">
      <bpmn:messageEventDefinition id="MessageEventDefinition_1" messageRef="Message_2p4" />
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:parallelGateway id="fork" />
    <bpmn:parallelGateway id="join" />
    <bpmn:endEvent id="done" />
    <bpmn:textAnnotation id="TextAnnotation_1"><bpmn:text>ghi chú</bpmn:text></bpmn:textAnnotation>
    <bpmn:association id="Association_1" sourceRef="reception" targetRef="TextAnnotation_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="reception" />
    <bpmn:sequenceFlow id="Flow_ok" name="accept" sourceRef="reception" targetRef="Gateway_1" />
    <bpmn:sequenceFlow id="Flow_no" sourceRef="reception" targetRef="done">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"
        >${outcome == 'refuse'}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_late" sourceRef="late" targetRef="done" />
    <bpmn:sequenceFlow id="Flow_big" sourceRef="Gateway_1" targetRef="pay">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"
        >${data.fee &gt; 0}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_small" sourceRef="Gateway_1" targetRef="fork" />
    <bpmn:sequenceFlow id="Flow_paid" sourceRef="pay" targetRef="fork" />
    <bpmn:sequenceFlow id="Flow_a" sourceRef="fork" targetRef="wait" />
    <bpmn:sequenceFlow id="Flow_b" sourceRef="fork" targetRef="join" />
    <bpmn:sequenceFlow id="Flow_c" sourceRef="wait" targetRef="join" />
    <bpmn:sequenceFlow id="Flow_d" sourceRef="join" targetRef="done" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="179" y="79" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="215" y="97" /><di:waypoint x="270" y="97" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def test_a_file_drawn_in_a_modeler_is_read_ignoring_the_diagram_and_foreign_extensions():
    definition = definition_from_bpmn(MODELER.encode())
    assert definition.name == "Đăng ký khai sinh"
    assert [n.id for n in definition.nodes] == [
        "StartEvent_1",
        "reception",
        "Gateway_1",
        "pay",
        "wait",
        "fork",
        "join",
        "done",
    ]
    reception = definition.node("reception")
    assert reception.kind is NodeKind.USER_TASK
    assert reception.role == "reception"
    assert reception.agency.source is AgencySource.RECEIVING
    assert reception.outcomes == (("accept", "Gateway_1"), ("refuse", "done"))
    (late,) = reception.boundary_timers
    assert (late.id, late.next, late.interrupting) == ("late", "done", True)
    assert late.after == Duration(4, DurationUnit.HOURS)
    gateway = definition.node("Gateway_1")
    assert gateway.default == "fork"
    assert [(b.condition, b.next) for b in gateway.branches] == [("data.fee > 0", "pay")]
    assert definition.node("pay").event == "payment_confirmed"
    assert definition.node("wait").wait == Duration(2, DurationUnit.CALENDAR_DAYS)
    assert definition.node("fork").kind is NodeKind.PARALLEL_SPLIT
    assert definition.node("fork").targets == ("wait", "join")
    assert definition.node("join").kind is NodeKind.PARALLEL_JOIN
    assert definition.node("join").next == "done"
    assert definition.node("done").result == ""


def test_a_string_is_accepted_as_well_as_bytes():
    text = MODELER.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    assert definition_from_bpmn(text).node("StartEvent_1").name == "Nộp"


def test_our_export_saved_again_by_bpmn_io_imports_to_the_same_definition():
    """data/realistic_saved_by_bpmn_moddle.bpmn: ``definition_to_bpmn(realistic())`` read and
    written again by bpmn-moddle 9 (the model layer of bpmn.io and Camunda Modeler), which
    reported no warnings; it drops default attributes such as ``cancelActivity="true"``."""
    data = (Path(__file__).parent / "data" / "realistic_saved_by_bpmn_moddle.bpmn").read_bytes()
    assert b'cancelActivity="true"' not in data
    assert definition_from_bpmn(data) == realistic()


MERGE = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:motcua="urn:motcua:bpmn:1" id="d" targetNamespace="t">
  <bpmn:process id="p">
    <bpmn:startEvent id="start"/>
    <bpmn:exclusiveGateway id="again"/>
    <bpmn:exclusiveGateway id="again_too"/>
    <bpmn:userTask id="reception" motcua:role="reception"/>
    <bpmn:intermediateCatchEvent id="wait" motcua:event="supplementation_received">
      <bpmn:messageEventDefinition/>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="done" motcua:result="processed"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="again"/>
    <bpmn:sequenceFlow id="f2" sourceRef="again" targetRef="again_too"/>
    <bpmn:sequenceFlow id="f3" sourceRef="again_too" targetRef="reception"/>
    <bpmn:sequenceFlow id="f4" sourceRef="reception" targetRef="done" name="accept"/>
    <bpmn:sequenceFlow id="f5" sourceRef="reception" targetRef="wait" name="supplement"/>
    <bpmn:sequenceFlow id="f6" sourceRef="wait" targetRef="again"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_a_merging_exclusive_gateway_is_read_as_the_paths_meeting_at_its_target():
    definition = definition_from_bpmn(MERGE)
    assert [n.id for n in definition.nodes] == ["start", "reception", "wait", "done"]
    assert definition.node("start").next == "reception"
    assert definition.node("wait").next == "reception"
    assert definition.node("reception").outcomes == (("accept", "done"), ("supplement", "wait"))
