"""BPMN 2.0 XML -> Definition. Accepts files drawn in bpmn.io / Camunda Modeler.

The diagram (DI), documentation, lanes, annotations and foreign extension elements are
ignored; any other element outside the supported subset (docs/bpmn.md) is an error that
names its tag and id. All problems are collected and raised together in ``BpmnImportError``.
"""

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from workflows.definitions.loader import load_source
from workflows.definitions.model import (
    FORMAT,
    AgencyRef,
    AgencySource,
    BoundaryTimer,
    Branch,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
    Source,
)

from . import durations
from .errors import BpmnImportError
from .namespaces import bpmn, ext, local_name, prefixed
from .xmlsafe import parse_xml

NODE_TAGS = {  # BPMN tag -> the reader method
    "startEvent": "_start_event",
    "endEvent": "_end_event",
    "userTask": "_user_task",
    "serviceTask": "_service_task",
    "exclusiveGateway": "_exclusive_gateway",
    "parallelGateway": "_parallel_gateway",
    "intermediateCatchEvent": "_catch_event",
}
IGNORED = {"documentation", "extensionElements", "laneSet", "textAnnotation", "association"}
FLOW_CHILDREN = {"documentation", "extensionElements", "conditionExpression"}
BASE_CHILDREN = {"documentation", "extensionElements", "incoming", "outgoing"}
_OUTCOME_CONDITION = re.compile(r"""\s*outcome\s*==\s*["']([^"']+)["']\s*\Z""")
_EXPRESSION = re.compile(r"\s*\$\{(.*)\}\s*\Z", re.DOTALL)


def _describe(element: etree._Element) -> str:
    return f"{prefixed(element.tag)} {element.get('id', '')!r}"


class _Reader:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.errors: list[str] = []
        self.messages = {
            m.get("id", ""): m.get("name", "") for m in root.iterchildren(bpmn("message"))
        }
        self.outgoing: dict[str, list[etree._Element]] = {}
        self.boundaries: dict[str, list[etree._Element]] = {}
        self.merges: dict[str, etree._Element] = {}  # merging gateway id -> its one flow out

    def error(self, message: str) -> None:
        self.errors.append(message)

    def read(self) -> Definition:
        if self.root.tag != bpmn("definitions"):
            found = prefixed(self.root.tag)
            raise BpmnImportError(
                [_("the root element is %(tag)s, not bpmn:definitions") % {"tag": found}]
            )
        processes = [p for p in self.root.iterchildren(bpmn("process")) if len(p)]
        if len(processes) != 1:
            message = _("expected one process with elements, found %(count)s")
            raise BpmnImportError([message % {"count": len(processes)}])
        process = processes[0]
        elements = self._classify(process)
        nodes = [node for node in (self._node(e) for e in elements) if node is not None]
        if self.errors:
            raise BpmnImportError(self.errors)
        return Definition(
            nodes=tuple(nodes),
            name=process.get("name", ""),
            format=process.get(ext("format"), FORMAT),
            sources=self._sources(process),
        )

    def _sources(self, process: etree._Element) -> tuple[Source, ...]:
        text = process.get(ext("sources"), "")
        if not text:
            return ()
        try:
            raw = json.loads(text)
            return tuple(load_source(item) for item in raw)
        except (ValueError, TypeError, KeyError):
            raise BpmnImportError([_("motcua:sources is not a list of sources")]) from None

    def _classify(self, process: etree._Element) -> list[etree._Element]:
        elements: list[etree._Element] = []
        seen: set[str] = set()
        flows: list[etree._Element] = []
        boundaries: list[etree._Element] = []
        for child in process.iterchildren(tag=etree.Element):
            name = local_name(child.tag)
            in_bpmn = child.tag == bpmn(name)
            if in_bpmn and name in IGNORED:
                continue
            if not child.get("id"):
                self.error(_("%(tag)s without an id") % {"tag": prefixed(child.tag)})
                continue
            if child.get("id") in seen:
                self.error(_("%(element)s: the id is used twice") % {"element": _describe(child)})
            seen.add(child.get("id", ""))
            if in_bpmn and name == "sequenceFlow":
                flows.append(child)
            elif in_bpmn and name == "boundaryEvent":
                boundaries.append(child)
            elif in_bpmn and name in NODE_TAGS:
                elements.append(child)
            else:
                self.error(_("unsupported element %(element)s") % {"element": _describe(child)})
        sources = {e.get("id") for e in elements} | {b.get("id") for b in boundaries}
        for flow in flows:
            self._check_children(flow, FLOW_CHILDREN)
            source = flow.get("sourceRef", "")
            if source not in sources:
                self.error(
                    _("%(flow)s starts at %(source)r, not a supported element")
                    % {"flow": _describe(flow), "source": source}
                )
            self.outgoing.setdefault(source, []).append(flow)
        for event in boundaries:
            self.boundaries.setdefault(event.get("attachedToRef", ""), []).append(event)
        hosts = {e.get("id"): e for e in elements}
        for host_id, events in self.boundaries.items():
            host = hosts.get(host_id)
            wanted = {"userTask": "timerEventDefinition", "serviceTask": "errorEventDefinition"}
            for event in events:
                kinds = [local_name(c.tag) for c in event.iterchildren(tag=etree.Element)]
                kinds = [k for k in kinds if k.endswith("EventDefinition")]
                if host is None:
                    self.error(
                        _("%(event)s is attached to %(host)r, not a task")
                        % {"event": _describe(event), "host": host_id}
                    )
                elif kinds != [wanted.get(local_name(host.tag))]:
                    shown = ", ".join(f"bpmn:{k}" for k in kinds) or _("no event definition")
                    self.error(
                        _("%(event)s with %(definition)s on %(host)s is not supported")
                        % {"event": _describe(event), "definition": shown, "host": _describe(host)}
                    )
        return self._without_merges(elements)

    def _without_merges(self, elements: list[etree._Element]) -> list[etree._Element]:
        """Modelers draw an exclusive gateway where paths meet (before a task reached from
        several places): the language has no such node, so flows into it go on to its target."""
        for element in elements:
            flows = self._targets(element)
            if (
                element.tag == bpmn("exclusiveGateway")
                and element.get("gatewayDirection") != "Diverging"
                and not element.get("default")
                and len(flows) == 1
                and flows[0].find(bpmn("conditionExpression")) is None
            ):
                self.merges[element.get("id", "")] = flows[0]
        return [e for e in elements if e.get("id") not in self.merges]

    def _target(self, flow: etree._Element) -> str:
        target, seen = flow.get("targetRef", ""), set()
        while target in self.merges and target not in seen:
            seen.add(target)
            target = self.merges[target].get("targetRef", "")
        return target

    def _check_children(self, element: etree._Element, allowed: set[str]) -> None:
        for child in element.iterchildren(tag=etree.Element):
            name = local_name(child.tag)
            if child.tag != bpmn(name) or name not in allowed:
                self.error(
                    _("unsupported element %(child)s in %(element)s")
                    % {"child": prefixed(child.tag), "element": _describe(element)}
                )

    def _targets(self, element: etree._Element) -> list[etree._Element]:
        return self.outgoing.get(element.get("id", ""), [])

    def _single_next(self, element: etree._Element) -> str:
        flows = self._targets(element)
        if len(flows) > 1:
            self.error(
                _("%(element)s has %(count)s outgoing flows: one is allowed")
                % {"element": _describe(element), "count": len(flows)}
            )
        for flow in flows:
            if flow.find(bpmn("conditionExpression")) is not None:
                self.error(
                    _("%(flow)s: a condition is allowed only after a gateway")
                    % {"flow": _describe(flow)}
                )
        return self._target(flows[0]) if flows else ""

    def _node(self, element: etree._Element) -> Node | None:
        name = local_name(element.tag)
        fields: dict[str, Any] = {"id": element.get("id", ""), "name": element.get("name", "")}
        reader = getattr(self, NODE_TAGS[name])
        kind = reader(element, fields)
        if element.get(ext("status")):
            fields["status"] = element.get(ext("status"))
        return None if kind is None else Node(kind=kind, **fields)

    def _start_event(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        fields["next"] = self._single_next(element)
        return NodeKind.START

    def _end_event(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        if self._targets(element):
            self.error(
                _("%(element)s is an end: it cannot have outgoing flows")
                % {"element": _describe(element)}
            )
        fields["result"] = element.get(ext("result"), "")
        return NodeKind.END

    def _user_task(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        fields["role"] = element.get(ext("role"), "")
        fields["form"] = element.get(ext("form"), "")
        source = element.get(ext("agency"), AgencySource.RECEIVING.value)
        try:
            fields["agency"] = AgencyRef(AgencySource(source), element.get(ext("agencyValue"), ""))
        except ValueError:
            self.error(
                _("%(element)s: unknown motcua:agency %(value)r")
                % {"element": _describe(element), "value": source}
            )
        if element.get(ext("budget")):
            fields["budget"] = self._duration(element, element.get(ext("budget"), ""))
        fields["outcomes"] = tuple(self._outcome(element, f) for f in self._targets(element))
        timers = [self._boundary_timer(e) for e in self.boundaries.get(fields["id"], [])]
        fields["boundary_timers"] = tuple(t for t in timers if t is not None)
        return NodeKind.USER_TASK

    def _outcome(self, task: etree._Element, flow: etree._Element) -> tuple[str, str]:
        code = flow.get(ext("outcome")) or flow.get("name", "").strip()
        condition = flow.findtext(bpmn("conditionExpression")) or ""
        match = _OUTCOME_CONDITION.match(_unwrap(condition))
        if not code and match:
            code = match[1]
        if not code:
            self.error(
                _("%(flow)s from %(task)s has no outcome: name the flow")
                % {"flow": _describe(flow), "task": _describe(task)}
            )
        return code, self._target(flow)

    def _boundary_timer(self, event: etree._Element) -> BoundaryTimer | None:
        definition = event.find(bpmn("timerEventDefinition"))
        if definition is None:
            return None  # reported by _classify
        self._check_children(event, BASE_CHILDREN | {"timerEventDefinition"})
        after = self._timer_duration(event, definition, ext("after"))
        flows = self._targets(event)
        if len(flows) != 1:
            self.error(
                _("%(event)s needs exactly one outgoing flow, not %(count)s")
                % {"event": _describe(event), "count": len(flows)}
            )
        return BoundaryTimer(
            id=event.get("id", ""),
            after=after or Duration(0, DurationUnit.CALENDAR_DAYS),
            next=self._target(flows[0]) if flows else "",
            interrupting=event.get("cancelActivity", "true") != "false",
            name=event.get("name", ""),
        )

    def _service_task(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        fields["handler"] = element.get(ext("handler"), "")
        retries = element.get(ext("retries"), "3")
        if retries.isdigit():
            fields["retries"] = int(retries)
        else:
            self.error(
                _("%(element)s: motcua:retries %(value)r is not a number")
                % {"element": _describe(element), "value": retries}
            )
        fields["next"] = self._single_next(element)
        for event in self.boundaries.get(fields["id"], []):
            if event.find(bpmn("errorEventDefinition")) is not None:
                self._check_children(event, BASE_CHILDREN | {"errorEventDefinition"})
                fields["on_error"] = self._single_next(event)
        return NodeKind.SERVICE_TASK

    def _exclusive_gateway(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        default_flow = element.get("default", "")
        branches: list[Branch] = []
        for flow in self._targets(element):
            condition = _unwrap(flow.findtext(bpmn("conditionExpression")) or "")
            if flow.get("id") == default_flow:
                fields["default"] = self._target(flow)
            elif condition.strip():
                branches.append(Branch(condition, self._target(flow)))
            else:
                self.error(
                    _("%(flow)s from %(gateway)s has no condition and is not the gateway's default")
                    % {"flow": _describe(flow), "gateway": _describe(element)}
                )
        fields["branches"] = tuple(branches)
        return NodeKind.EXCLUSIVE_GATEWAY

    def _parallel_gateway(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind:
        self._check_children(element, BASE_CHILDREN)
        flows = self._targets(element)
        direction = element.get("gatewayDirection", "")
        if direction not in ("Diverging", "Converging"):
            direction = "Diverging" if len(flows) > 1 else "Converging"
        if direction == "Converging":
            fields["next"] = self._single_next(element)
            return NodeKind.PARALLEL_JOIN
        for flow in flows:
            if flow.find(bpmn("conditionExpression")) is not None:
                self.error(
                    _("%(flow)s: a parallel gateway's flows have no condition")
                    % {"flow": _describe(flow)}
                )
        fields["targets"] = tuple(self._target(f) for f in flows)
        return NodeKind.PARALLEL_SPLIT

    def _catch_event(self, element: etree._Element, fields: dict[str, Any]) -> NodeKind | None:
        self._check_children(
            element, BASE_CHILDREN | {"timerEventDefinition", "messageEventDefinition"}
        )
        definitions = [c for c in element if local_name(c.tag).endswith("EventDefinition")]
        if len(definitions) != 1:
            self.error(
                _("%(element)s needs exactly one timer or message definition")
                % {"element": _describe(element)}
            )
            return None
        fields["next"] = self._single_next(element)
        definition = definitions[0]
        if definition.tag == bpmn("messageEventDefinition"):
            message = self.messages.get(definition.get("messageRef", ""), "")
            fields["event"] = element.get(ext("event")) or message
            return NodeKind.WAIT_EVENT
        if definition.find(bpmn("timeDate")) is not None or element.get(ext("at")):
            at = element.get(ext("at")) or definition.findtext(bpmn("timeDate")) or ""
            fields["at"] = _unwrap(at).strip()
        else:
            fields["wait"] = self._timer_duration(element, definition, ext("wait"))
        return NodeKind.TIMER

    def _timer_duration(
        self, element: etree._Element, definition: etree._Element, attribute: str
    ) -> Duration | None:
        if element.get(attribute):
            return self._duration(element, element.get(attribute, ""))
        iso = definition.findtext(bpmn("timeDuration"))
        if iso is None:
            self.error(
                _("%(element)s: a timer needs a duration (timeDuration)")
                % {"element": _describe(element)}
            )
            return None
        try:
            return durations.from_iso(iso)
        except ValueError as exc:
            self.error(f"{_describe(element)}: {exc}")
            return None

    def _duration(self, element: etree._Element, text: str) -> Duration | None:
        try:
            return durations.from_text(text)
        except ValueError as exc:
            self.error(f"{_describe(element)}: {exc}")
            return None


def _unwrap(expression: str) -> str:
    """``${data.x > 1}`` (as Camunda writes expressions) -> ``data.x > 1``."""
    match = _EXPRESSION.match(expression)
    return match[1] if match else expression


def definition_from_bpmn(data: bytes | str) -> Definition:
    """Read a BPMN 2.0 document into a Definition; BpmnImportError lists every problem."""
    return _Reader(parse_xml(data)).read()
