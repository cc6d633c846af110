"""Definition -> BPMN 2.0 XML (the supported subset, see docs/bpmn.md), with a diagram (DI).

Every node becomes one flow element with the node's id; what BPMN cannot say travels in
``motcua:*`` attributes. User task outcomes are conditional sequence flows
(``outcome == "accept"``) carrying ``motcua:outcome``; boundary timers and the service task's
error path are boundary events; the diagram comes from ``layout``.
"""

import json

from django.utils.translation import gettext as _
from lxml import etree

from workflows.definitions.loader import dump_source
from workflows.definitions.model import Definition, Node, NodeKind

from . import durations
from .errors import BpmnExportError
from .layout import Layout, error_boundary_id, layout
from .namespaces import BPMN, BPMNDI, DC, DI, NSMAP, XSI, bpmn, ext

TAGS = {
    NodeKind.START: "startEvent",
    NodeKind.END: "endEvent",
    NodeKind.USER_TASK: "userTask",
    NodeKind.SERVICE_TASK: "serviceTask",
    NodeKind.EXCLUSIVE_GATEWAY: "exclusiveGateway",
    NodeKind.PARALLEL_SPLIT: "parallelGateway",
    NodeKind.PARALLEL_JOIN: "parallelGateway",
    NodeKind.TIMER: "intermediateCatchEvent",
    NodeKind.WAIT_EVENT: "intermediateCatchEvent",
}


class _Writer:
    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.ids = {n.id for n in definition.nodes} | {
            t.id for n in definition.nodes for t in n.boundary_timers
        }
        self.process_id = self._fresh("Process_1")
        self.flows: list[etree._Element] = []
        self.elements: dict[str, etree._Element] = {}
        self.flow_ends: list[tuple[str, str, str]] = []  # (flow id, source, target)

    def _fresh(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{wanted}_{n}"
        self.ids.add(candidate)
        return candidate

    def write(self) -> etree._Element:
        self._check_references()
        root = etree.Element(bpmn("definitions"), nsmap=NSMAP)
        root.set("id", self._fresh("Definitions_1"))
        root.set("targetNamespace", "urn:motcua:workflow")
        root.set("exporter", "motcua")
        root.set("exporterVersion", "1")
        for event in dict.fromkeys(n.event for n in self.definition.nodes if n.event):
            message = etree.SubElement(root, bpmn("message"), id=self._message_id(event))
            message.set("name", event)
        process = etree.SubElement(root, bpmn("process"), id=self.process_id)
        if self.definition.name:
            process.set("name", self.definition.name)
        process.set("isExecutable", "true")
        process.set(ext("format"), self.definition.format)
        if self.definition.sources:  # metadata BPMN has no element for: kept as JSON text
            sources = [dump_source(source) for source in self.definition.sources]
            process.set(ext("sources"), json.dumps(sources, ensure_ascii=False))
        for node in self.definition.nodes:
            self._node(process, node)
        for flow in self.flows:
            process.append(flow)
        self._diagram(root, layout(self.definition))
        return root

    def _check_references(self) -> None:
        known = {n.id for n in self.definition.nodes}
        problems = [
            _("node %(node)r leads to %(target)r, which is not a node")
            % {"node": n.id, "target": target}
            for n in self.definition.nodes
            for target in n.successors()
            if target not in known
        ]
        problems += [
            _("node %(node)r: the id %(id)r of its error boundary is taken")
            % {"node": n.id, "id": error_boundary_id(n)}
            for n in self.definition.nodes
            if n.on_error and error_boundary_id(n) in known
        ]
        if problems:
            raise BpmnExportError(problems)

    def _message_id(self, event: str) -> str:
        return f"Message_{event}"

    def _flow(self, source: str, target: str, *, name: str = "") -> etree._Element:
        flow_id = self._fresh(f"Flow_{source}_{target}")
        flow = etree.Element(bpmn("sequenceFlow"), id=flow_id, sourceRef=source, targetRef=target)
        if name:
            flow.set("name", name)
        self.flows.append(flow)
        self.flow_ends.append((flow_id, source, target))
        return flow

    def _node(self, process: etree._Element, node: Node) -> None:
        element = etree.SubElement(process, bpmn(TAGS[node.kind]), id=node.id)
        if node.name:
            element.set("name", node.name)
        self.elements[node.id] = element
        if node.status:
            element.set(ext("status"), node.status)
        getattr(self, f"_{node.kind.value}")(process, element, node)

    def _start(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        if node.next:
            self._flow(node.id, node.next)

    def _end(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        if node.result:
            element.set(ext("result"), node.result)

    def _user_task(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        if node.role:
            element.set(ext("role"), node.role)
        element.set(ext("agency"), node.agency.source.value)
        if node.agency.value:
            element.set(ext("agencyValue"), node.agency.value)
        if node.form:
            element.set(ext("form"), node.form)
        if node.budget is not None:
            element.set(ext("budget"), durations.to_text(node.budget))
        for code, target in node.outcomes:
            flow = self._flow(node.id, target, name=code)
            flow.set(ext("outcome"), code)
            _condition(flow, f'outcome == "{code}"')
        for timer in node.boundary_timers:
            event = etree.SubElement(process, bpmn("boundaryEvent"), id=timer.id)
            if timer.name:
                event.set("name", timer.name)
            event.set("attachedToRef", node.id)
            event.set("cancelActivity", "true" if timer.interrupting else "false")
            event.set(ext("after"), durations.to_text(timer.after))
            definition = etree.SubElement(event, bpmn("timerEventDefinition"))
            _formal(definition, "timeDuration", durations.to_iso(timer.after))
            if timer.next:
                self._flow(timer.id, timer.next)

    def _service_task(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        if node.handler:
            element.set(ext("handler"), node.handler)
        element.set(ext("retries"), str(node.retries))
        if node.next:
            self._flow(node.id, node.next)
        if node.on_error:
            boundary_id = error_boundary_id(node)
            self.ids.add(boundary_id)
            event = etree.SubElement(process, bpmn("boundaryEvent"), id=boundary_id)
            event.set("attachedToRef", node.id)
            event.set("cancelActivity", "true")
            etree.SubElement(event, bpmn("errorEventDefinition"))
            self._flow(boundary_id, node.on_error)

    def _exclusive_gateway(
        self, process: etree._Element, element: etree._Element, node: Node
    ) -> None:
        element.set("gatewayDirection", "Diverging")
        for branch in node.branches:
            _condition(self._flow(node.id, branch.next), branch.condition)
        if node.default:
            element.set("default", self._flow(node.id, node.default).get("id", ""))

    def _parallel_split(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        element.set("gatewayDirection", "Diverging")
        for target in node.targets:
            self._flow(node.id, target)

    def _parallel_join(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        element.set("gatewayDirection", "Converging")
        if node.next:
            self._flow(node.id, node.next)

    def _timer(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        definition = etree.SubElement(element, bpmn("timerEventDefinition"))
        if node.wait is not None:
            element.set(ext("wait"), durations.to_text(node.wait))
            _formal(definition, "timeDuration", durations.to_iso(node.wait))
        if node.at:
            element.set(ext("at"), node.at)
            _formal(definition, "timeDate", node.at)
        if node.next:
            self._flow(node.id, node.next)

    def _wait_event(self, process: etree._Element, element: etree._Element, node: Node) -> None:
        if node.event:
            element.set(ext("event"), node.event)
            definition = etree.SubElement(element, bpmn("messageEventDefinition"))
            definition.set("messageRef", self._message_id(node.event))
        else:
            etree.SubElement(element, bpmn("messageEventDefinition"))
        if node.next:
            self._flow(node.id, node.next)

    def _diagram(self, root: etree._Element, drawing: Layout) -> None:
        diagram = etree.SubElement(root, f"{{{BPMNDI}}}BPMNDiagram", id=self._fresh("Diagram_1"))
        plane = etree.SubElement(diagram, f"{{{BPMNDI}}}BPMNPlane", id=self._fresh("Plane_1"))
        plane.set("bpmnElement", self.process_id)
        for element_id, box in drawing.boxes.items():
            shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNShape")
            shape.set("id", self._fresh(f"{element_id}_di"))
            shape.set("bpmnElement", element_id)
            element = self.elements.get(element_id)
            if element is not None and element.tag == bpmn("exclusiveGateway"):
                shape.set("isMarkerVisible", "true")
            bounds = etree.SubElement(shape, f"{{{DC}}}Bounds")
            for key, value in (("x", box.x), ("y", box.y), ("width", box.width)):
                bounds.set(key, str(value))
            bounds.set("height", str(box.height))
        pending = list(drawing.edges)
        for flow_id, source, target in self.flow_ends:
            edge = next((e for e in pending if (e.source, e.target) == (source, target)), None)
            if edge is None:
                continue
            pending.remove(edge)
            shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge")
            shape.set("id", self._fresh(f"{flow_id}_di"))
            shape.set("bpmnElement", flow_id)
            for x, y in edge.points:
                etree.SubElement(shape, f"{{{DI}}}waypoint", x=str(x), y=str(y))


def _condition(flow: etree._Element, text: str) -> None:
    _formal(flow, "conditionExpression", text)


def _formal(parent: etree._Element, local: str, text: str) -> None:
    element = etree.SubElement(parent, bpmn(local))
    element.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
    element.text = text


def definition_to_bpmn(definition: Definition) -> bytes:
    """The definition as a BPMN 2.0 XML document (UTF-8, with a diagram)."""
    root = _Writer(definition).write()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


__all__ = ["BPMN", "definition_to_bpmn"]
