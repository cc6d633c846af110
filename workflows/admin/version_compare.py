"""Comparing two versions' definitions: their YAML side by side, and what changed per node."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .definition_source import normalised, source_text


@dataclass(frozen=True)
class NodeChange:
    node: str
    change: str  # "added", "removed" or "changed"
    fields: tuple[str, ...] = ()  # the fields that differ, for "changed"


def _nodes(raw: Any) -> dict[str, dict[str, Any]]:
    nodes = raw.get("nodes") if isinstance(raw, dict) else None
    if not isinstance(nodes, list):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for position, node in enumerate(nodes, start=1):
        if isinstance(node, dict):
            found[str(node.get("id") or f"#{position}")] = node
    return found


def node_changes(old: Any, new: Any) -> list[NodeChange]:
    """Added, removed and changed nodes from ``old`` to ``new`` (stored sources)."""
    before, after = _nodes(normalised(old)), _nodes(normalised(new))
    changes = [NodeChange(node, "removed") for node in before if node not in after]
    for node, fields in after.items():
        if node not in before:
            changes.append(NodeChange(node, "added"))
            continue
        differ = [
            key
            for key in dict.fromkeys([*before[node], *fields])
            if before[node].get(key) != fields.get(key)
        ]
        if differ:
            changes.append(NodeChange(node, "changed", tuple(differ)))
    return changes


def side_by_side(old: Any, new: Any, *, old_title: str, new_title: str) -> SafeString:
    """An HTML table of both sources as YAML with the differences marked (difflib)."""
    table = difflib.HtmlDiff(tabsize=2, wrapcolumn=80).make_table(
        source_text(normalised(old)).splitlines(),
        source_text(normalised(new)).splitlines(),
        fromdesc=escape(old_title),  # HtmlDiff escapes the lines but not the titles
        todesc=escape(new_title),
    )
    return mark_safe(table)  # noqa: S308 (lines escaped by difflib, titles by us)
