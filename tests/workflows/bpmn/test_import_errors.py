import pytest

from workflows.bpmn import BpmnImportError, definition_from_bpmn
from workflows.bpmn.xmlsafe import parse_xml

HEAD = (
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xmlns:motcua="urn:motcua:bpmn:1" id="d" targetNamespace="t">'
)


def doc(body: str, outside: str = "") -> str:
    return f'{HEAD}{outside}<bpmn:process id="p">{body}</bpmn:process></bpmn:definitions>'


START = (
    '<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>'
    '<bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="x"/>'
)


def errors_of(data: str | bytes) -> list[str]:
    with pytest.raises(BpmnImportError) as caught:
        definition_from_bpmn(data)
    return caught.value.errors


@pytest.mark.parametrize(
    ("element", "named"),
    [
        ('<bpmn:scriptTask id="x"/>', "unsupported element bpmn:scriptTask 'x'"),
        ('<bpmn:inclusiveGateway id="x"/>', "unsupported element bpmn:inclusiveGateway 'x'"),
        ('<bpmn:subProcess id="x"/>', "unsupported element bpmn:subProcess 'x'"),
        ('<bpmn:task id="x"/>', "unsupported element bpmn:task 'x'"),
        ('<bpmn:callActivity id="x"/>', "unsupported element bpmn:callActivity 'x'"),
        ('<bpmn:eventBasedGateway id="x"/>', "unsupported element bpmn:eventBasedGateway 'x'"),
        ('<bpmn:intermediateThrowEvent id="x"/>', "bpmn:intermediateThrowEvent 'x'"),
        (
            '<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>',
            "unsupported element bpmn:multiInstanceLoopCharacteristics in bpmn:userTask 'x'",
        ),
        (
            '<bpmn:intermediateCatchEvent id="x"><bpmn:signalEventDefinition/>'
            "</bpmn:intermediateCatchEvent>",
            "unsupported element bpmn:signalEventDefinition in bpmn:intermediateCatchEvent 'x'",
        ),
        (
            '<bpmn:endEvent id="x"><bpmn:terminateEventDefinition/></bpmn:endEvent>',
            "unsupported element bpmn:terminateEventDefinition in bpmn:endEvent 'x'",
        ),
    ],
)
def test_an_unsupported_element_is_named_by_tag_and_id(element, named):
    assert any(named in error for error in errors_of(doc(START + element)))


def test_a_timer_start_event_is_named():
    body = '<bpmn:startEvent id="s"><bpmn:timerEventDefinition/></bpmn:startEvent>'
    assert errors_of(doc(body)) == [
        "unsupported element bpmn:timerEventDefinition in bpmn:startEvent 's'"
    ]


def test_boundary_events_other_than_timers_on_user_tasks_and_errors_on_services():
    body = (
        '<bpmn:serviceTask id="svc"/><bpmn:userTask id="ut"/>'
        '<bpmn:boundaryEvent id="b1" attachedToRef="svc"><bpmn:timerEventDefinition/>'
        "</bpmn:boundaryEvent>"
        '<bpmn:boundaryEvent id="b2" attachedToRef="ut"><bpmn:messageEventDefinition/>'
        "</bpmn:boundaryEvent>"
        '<bpmn:boundaryEvent id="b3" attachedToRef="nowhere"><bpmn:timerEventDefinition/>'
        "</bpmn:boundaryEvent>"
    )
    errors = errors_of(doc(body))
    assert (
        "bpmn:boundaryEvent 'b1' with bpmn:timerEventDefinition on bpmn:serviceTask 'svc'"
        " is not supported"
    ) in errors
    assert any("bpmn:boundaryEvent 'b2' with bpmn:messageEventDefinition" in e for e in errors)
    assert "bpmn:boundaryEvent 'b3' is attached to 'nowhere', not a task" in errors


def test_flows_the_language_cannot_express_are_named():
    body = (
        '<bpmn:startEvent id="s"/><bpmn:userTask id="u"/>'
        '<bpmn:exclusiveGateway id="g" gatewayDirection="Diverging"/>'
        '<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>'
        '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u"/>'
        '<bpmn:sequenceFlow id="f2" sourceRef="s" targetRef="g"/>'
        '<bpmn:sequenceFlow id="f3" sourceRef="u" targetRef="g"/>'
        '<bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="e"/>'
        '<bpmn:sequenceFlow id="f5" sourceRef="e" targetRef="e2"/>'
        '<bpmn:sequenceFlow id="f6" sourceRef="ghost" targetRef="e2"/>'
        '<bpmn:parallelGateway id="fork" gatewayDirection="Diverging"/>'
        '<bpmn:sequenceFlow id="f7" sourceRef="fork" targetRef="e">'
        "<bpmn:conditionExpression>data.x</bpmn:conditionExpression></bpmn:sequenceFlow>"
    )
    errors = errors_of(doc(body))
    assert "bpmn:startEvent 's' has 2 outgoing flows: one is allowed" in errors
    assert "bpmn:sequenceFlow 'f3' from bpmn:userTask 'u' has no outcome: name the flow" in errors
    assert (
        "bpmn:sequenceFlow 'f4' from bpmn:exclusiveGateway 'g' has no condition"
        " and is not the gateway's default"
    ) in errors
    assert "bpmn:endEvent 'e' is an end: it cannot have outgoing flows" in errors
    assert "bpmn:sequenceFlow 'f6' starts at 'ghost', not a supported element" in errors
    assert "bpmn:sequenceFlow 'f7': a parallel gateway's flows have no condition" in errors


def test_timer_problems_are_named():
    body = (
        '<bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition>'
        "<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>"
        "</bpmn:intermediateCatchEvent>"
        '<bpmn:intermediateCatchEvent id="t2"><bpmn:timerEventDefinition>'
        "<bpmn:timeDuration>P1Y2M</bpmn:timeDuration></bpmn:timerEventDefinition>"
        "</bpmn:intermediateCatchEvent>"
        '<bpmn:intermediateCatchEvent id="t3" motcua:wait="3 fortnights">'
        "<bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>"
        '<bpmn:userTask id="u" motcua:agency="elsewhere" motcua:budget="soon"/>'
        '<bpmn:serviceTask id="svc" motcua:retries="many"/>'
    )
    errors = errors_of(doc(body))
    assert "bpmn:intermediateCatchEvent 't1': a timer needs a duration (timeDuration)" in errors
    assert any(e.startswith("bpmn:intermediateCatchEvent 't2': unsupported ISO") for e in errors)
    assert any(
        e.startswith("bpmn:intermediateCatchEvent 't3': unknown duration unit") for e in errors
    )
    assert "bpmn:userTask 'u': unknown motcua:agency 'elsewhere'" in errors
    assert any(e.startswith("bpmn:userTask 'u': not a duration: 'soon'") for e in errors)
    assert "bpmn:serviceTask 'svc': motcua:retries 'many' is not a number" in errors


def test_the_document_must_be_bpmn_with_one_process():
    assert errors_of("<svg/>") == ["the root element is svg, not bpmn:definitions"]
    assert errors_of(f"{HEAD}</bpmn:definitions>") == [
        "expected one process with elements, found 0"
    ]
    two = doc(START, outside='<bpmn:process id="q"><bpmn:endEvent id="z"/></bpmn:process>')
    assert errors_of(two) == ["expected one process with elements, found 2"]
    assert errors_of(doc('<bpmn:endEvent id="e"/><bpmn:endEvent id="e"/>')) == [
        "bpmn:endEvent 'e': the id is used twice"
    ]


def test_not_xml_is_refused():
    assert errors_of(b"<bpmn:definitions")[0].startswith("not well-formed XML")
    assert errors_of(b"   ")[0].startswith("not well-formed XML")


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</bpmn:definitions>
"""


@pytest.mark.parametrize("data", [BOMB, XXE, BOMB.decode().lower().encode()])
def test_doctypes_and_entities_are_refused_before_parsing(data):
    assert errors_of(data) == ["a DOCTYPE or entity declaration is not allowed"]


def test_an_oversized_file_is_refused():
    with pytest.raises(BpmnImportError, match="larger than 100 bytes"):
        parse_xml(b"<a>" + b" " * 100 + b"</a>", max_bytes=100)


def test_deep_nesting_is_refused_by_the_parser_limits():
    deep = b"<a>" * 10_000 + b"</a>" * 10_000  # 70 kB, far under the size limit
    assert errors_of(deep)[0].startswith("not well-formed XML")
