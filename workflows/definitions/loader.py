"""Source (YAML/JSON text, or the parsed mapping) ↔ ``Definition``.

``load`` checks the shape against the JSON Schema and builds the frozen model; ``dump``
writes the canonical mapping back: fields in a fixed order, empty optional fields left out,
a user task's ``agency`` and a service task's ``retries`` always written. So
``dump(load(x)) == x`` for any canonical ``x``, and ``load(dump(d)) == d``.
"""

import json
from collections.abc import Mapping
from typing import Any

import yaml

from .errors import DefinitionInvalid
from .model import (
    AgencyRef,
    AgencySource,
    BoundaryTimer,
    Branch,
    Definition,
    Duration,
    DurationUnit,
    Escalation,
    Node,
    NodeKind,
    Signing,
    Source,
)
from .schema import schema_errors
from .text import parse_text

__all__ = ["dump", "dumps", "load", "loads", "parse_text"]


def loads(text: str) -> Definition:
    return load(parse_text(text))


def load(raw: Any) -> Definition:
    """A parsed source → ``Definition``; DefinitionInvalid with every schema error."""
    errors = schema_errors(raw)
    if errors:
        raise DefinitionInvalid(errors)
    return Definition(
        nodes=tuple(_node(item) for item in raw["nodes"]),
        name=raw.get("name", ""),
        format=raw["format"],
        sources=tuple(load_source(item) for item in raw.get("sources", ())),
    )


def load_source(raw: Mapping[str, Any]) -> Source:
    return Source(
        about=tuple(raw["about"]),
        title=raw["title"],
        url=raw.get("url", ""),
        note=raw.get("note", ""),
    )


def _duration(raw: Mapping[str, Any] | None) -> Duration | None:
    return None if raw is None else Duration(int(raw["amount"]), DurationUnit(raw["unit"]))


def _agency(raw: Mapping[str, Any] | None) -> AgencyRef:
    if not raw:
        return AgencyRef()
    if "from" in raw:
        return AgencyRef(AgencySource(raw["from"]))
    if "fixed" in raw:
        return AgencyRef(AgencySource.FIXED, raw["fixed"])
    return AgencyRef(AgencySource.FIELD, raw["field"])


def _escalation(raw: Mapping[str, Any] | None) -> Escalation | None:
    if raw is None:
        return None
    return Escalation(
        warn_before=_duration(raw.get("warn_before")),
        on_overdue=tuple(raw.get("on_overdue", Escalation.on_overdue)),
        reassign_to=(raw.get("reassign_to") or {}).get("role", ""),
    )


def _signing(raw: Mapping[str, Any] | None) -> Signing | None:
    if raw is None:
        return None
    return Signing(
        document=raw["document"],
        outcome=raw.get("outcome", Signing.outcome),
        symbol=raw.get("symbol", Signing.symbol),
        signatures=tuple(raw.get("signatures", Signing.signatures)),
    )


def _node(raw: Mapping[str, Any]) -> Node:
    kind = NodeKind(raw["kind"])
    common: dict[str, Any] = {"id": raw["id"], "kind": kind, "name": raw.get("name", "")}
    if kind is NodeKind.PARALLEL_SPLIT:
        return Node(**common, targets=tuple(raw["next"]))
    return Node(
        **common,
        next=raw.get("next", ""),
        role=raw.get("role", ""),
        agency=_agency(raw.get("agency")),
        form=raw.get("form", ""),
        sign=_signing(raw.get("sign")),
        outcomes=tuple(raw.get("outcomes", {}).items()),
        budget=_duration(raw.get("budget")),
        boundary_timers=tuple(
            BoundaryTimer(
                id=t["id"],
                after=Duration(int(t["after"]["amount"]), DurationUnit(t["after"]["unit"])),
                next=t["next"],
                interrupting=bool(t.get("interrupting", False)),
                name=t.get("name", ""),
            )
            for t in raw.get("timers", ())
        ),
        escalation=_escalation(raw.get("escalation")),
        handler=raw.get("handler", ""),
        retries=int(raw.get("retries", Node.retries)),
        on_error=raw.get("on_error", ""),
        branches=tuple(Branch(b["when"], b["next"]) for b in raw.get("branches", ())),
        default=raw.get("default", ""),
        wait=_duration(raw.get("wait")),
        at=raw.get("at", ""),
        event=raw.get("event", ""),
        result=raw.get("result", ""),
        status=raw.get("status", ""),
    )


def dump(definition: Definition) -> dict[str, Any]:
    """The canonical source mapping of ``definition`` (JSON-ready)."""
    out: dict[str, Any] = {"format": definition.format}
    if definition.name:
        out["name"] = definition.name
    if definition.sources:
        out["sources"] = [dump_source(source) for source in definition.sources]
    out["nodes"] = [_dump_node(node) for node in definition.nodes]
    return out


def dump_source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"about": list(source.about), "title": source.title}
    if source.url:
        out["url"] = source.url
    if source.note:
        out["note"] = source.note
    return out


def dumps(definition: Definition, *, as_json: bool = False) -> str:
    """The canonical source text: YAML (the default) or JSON."""
    data = dump(definition)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _dump_duration(duration: Duration) -> dict[str, Any]:
    return {"amount": duration.amount, "unit": str(duration.unit)}


def _dump_agency(agency: AgencyRef) -> dict[str, str]:
    if agency.source is AgencySource.FIXED:
        return {"fixed": agency.value}
    if agency.source is AgencySource.FIELD:
        return {"field": agency.value}
    return {"from": str(agency.source)}


def _dump_node(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id, "kind": str(node.kind)}
    if node.name:
        out["name"] = node.name
    kind = node.kind
    if kind is NodeKind.USER_TASK:
        out["role"] = node.role
        out["agency"] = _dump_agency(node.agency)
        if node.form:
            out["form"] = node.form
        if node.sign is not None:
            out["sign"] = _dump_signing(node.sign)
        if node.budget is not None:
            out["budget"] = _dump_duration(node.budget)
        if node.status:
            out["status"] = node.status
        out["outcomes"] = dict(node.outcomes)
        if node.boundary_timers:
            out["timers"] = [_dump_timer(timer) for timer in node.boundary_timers]
        if node.escalation is not None:
            out["escalation"] = _dump_escalation(node.escalation)
    elif kind is NodeKind.SERVICE_TASK:
        out |= {"handler": node.handler, "retries": node.retries, "next": node.next}
        if node.on_error:
            out["on_error"] = node.on_error
        if node.status:
            out["status"] = node.status
    elif kind is NodeKind.EXCLUSIVE_GATEWAY:
        out["branches"] = [{"when": b.condition, "next": b.next} for b in node.branches]
        if node.default:
            out["default"] = node.default
    elif kind is NodeKind.PARALLEL_SPLIT:
        out["next"] = list(node.targets)
    elif kind is NodeKind.TIMER:
        if node.wait is not None:
            out["wait"] = _dump_duration(node.wait)
        if node.at:
            out["at"] = node.at
        out["next"] = node.next
    elif kind is NodeKind.WAIT_EVENT:
        out |= {"event": node.event, "next": node.next}
        if node.status:
            out["status"] = node.status
    elif kind is NodeKind.END:
        if node.result:  # none: the end of a non-interrupting boundary timer's branch
            out["result"] = node.result
    else:  # start, parallel_join
        out["next"] = node.next
    return out


def _dump_escalation(escalation: Escalation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if escalation.warn_before is not None:
        out["warn_before"] = _dump_duration(escalation.warn_before)
    out["on_overdue"] = list(escalation.on_overdue)
    if escalation.reassign_to:
        out["reassign_to"] = {"role": escalation.reassign_to}
    return out


def _dump_signing(sign: Signing) -> dict[str, Any]:
    return {
        "document": sign.document,
        "outcome": sign.outcome,
        "symbol": sign.symbol,
        "signatures": list(sign.signatures),
    }


def _dump_timer(timer: BoundaryTimer) -> dict[str, Any]:
    out: dict[str, Any] = {"id": timer.id}
    if timer.name:
        out["name"] = timer.name
    out |= {"after": _dump_duration(timer.after), "next": timer.next}
    out["interrupting"] = timer.interrupting
    return out
