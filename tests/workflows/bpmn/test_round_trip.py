import pytest
from lxml import etree

from tests.workflows.bpmn.samples import one_of_each, realistic
from workflows.bpmn import definition_from_bpmn, definition_to_bpmn
from workflows.bpmn.namespaces import BPMN, BPMNDI, MOTCUA
from workflows.definitions.model import NodeKind

NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "motcua": MOTCUA}


@pytest.mark.parametrize("kind", list(NodeKind))
def test_every_node_kind_survives_export_then_import(kind):
    definition = one_of_each()[kind]
    assert any(n.kind is kind for n in definition.nodes)
    assert definition_from_bpmn(definition_to_bpmn(definition)) == definition


def test_a_realistic_definition_survives_export_then_import():
    definition = realistic()
    assert {n.kind for n in definition.nodes} == set(NodeKind)
    again = definition_from_bpmn(definition_to_bpmn(definition))
    assert again == definition
    assert [n.id for n in again.nodes] == [n.id for n in definition.nodes]
    # and a second trip gives the same bytes: the export is deterministic
    assert definition_to_bpmn(again) == definition_to_bpmn(definition)


def test_the_export_is_standard_bpmn_with_our_extension_attributes():
    root = etree.fromstring(definition_to_bpmn(realistic()))
    assert root.tag == f"{{{BPMN}}}definitions"
    (process,) = root.findall("bpmn:process", NS)
    assert process.get("isExecutable") == "true"
    reception = process.find("bpmn:userTask[@id='reception']", NS)
    assert reception.get(f"{{{MOTCUA}}}role") == "reception"
    assert reception.get(f"{{{MOTCUA}}}budget") == "1 working_days"
    accept = process.find("bpmn:sequenceFlow[@sourceRef='reception'][@targetRef='route']", NS)
    assert accept.get(f"{{{MOTCUA}}}outcome") == "accept"
    assert accept.findtext("bpmn:conditionExpression", namespaces=NS) == 'outcome == "accept"'
    gateway = process.find("bpmn:exclusiveGateway[@id='route']", NS)
    default = process.find(f"bpmn:sequenceFlow[@id='{gateway.get('default')}']", NS)
    assert default.get("targetRef") == "checks"
    timer = process.find("bpmn:boundaryEvent[@id='survey_remind']", NS)
    assert (timer.get("attachedToRef"), timer.get("cancelActivity")) == ("survey", "false")
    assert timer.findtext("bpmn:timerEventDefinition/bpmn:timeDuration", namespaces=NS) == "PT36H"
    error = process.find("bpmn:boundaryEvent[@attachedToRef='tax']", NS)
    assert error.find("bpmn:errorEventDefinition", NS) is not None
    message = process.find("bpmn:intermediateCatchEvent[@id='pay']/bpmn:messageEventDefinition", NS)
    assert root.find(f"bpmn:message[@id='{message.get('messageRef')}']", NS).get("name") == (
        "payment_confirmed"
    )
    assert process.find("bpmn:parallelGateway[@id='checked']", NS).get("gatewayDirection") == (
        "Converging"
    )


def test_the_export_has_a_diagram_for_every_element_and_flow():
    root = etree.fromstring(definition_to_bpmn(realistic()))
    process = root.find("bpmn:process", NS)
    plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plane.get("bpmnElement") == process.get("id")
    drawn = {shape.get("bpmnElement") for shape in plane}
    elements = {child.get("id") for child in process}
    assert drawn == elements
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for edge in plane.findall("bpmndi:BPMNEdge", NS):
        points = edge.findall("{http://www.omg.org/spec/DD/20100524/DI}waypoint")
        assert len(points) >= 2
    for shape in plane.findall("bpmndi:BPMNShape", NS):
        bounds = shape.find("{http://www.omg.org/spec/DD/20100524/DC}Bounds")
        assert int(bounds.get("width")) > 0 and int(bounds.get("x")) >= 0


def test_labels_with_markup_are_escaped_and_come_back_unchanged():
    definition = realistic()
    data = definition_to_bpmn(definition)
    assert b"&lt;th\xe1\xbb\xada \xc4\x91\xe1\xba\xa5t&gt; &amp;" in data
    assert definition_from_bpmn(data).node("survey").name == "Đo đạc <thửa đất> & kiểm tra"
