"""The published JSON Schema of the definition language, and its errors as DefinitionErrors.

``schema.json`` (next to this module) is the schema: editors can use it, ``manage.py
workflow_schema`` prints it. jsonschema's own messages are not translatable, so each of its
errors becomes one of our kinds (``messages.MESSAGES``), naming the node.
"""

import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from .errors import DefinitionError, unique

SCHEMA_PATH = Path(__file__).with_name("schema.json")

TYPE_NAMES = {
    "string": _("text"),
    "integer": _("a whole number"),
    "number": _("a number"),
    "boolean": _("true or false"),
    "array": _("a list"),
    "object": _("a mapping"),
}
PATTERN_HINTS = {
    "^[a-z](_?[a-z0-9])*$": _("lower-case letters, digits and single underscores"),
    "^[a-z][a-z0-9_]*$": _("lower-case letters, digits and underscores"),
    "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$": _("dotted lower-case names, e.g. documents.render"),
    "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$": _("a dotted path, e.g. transfer.school"),
    "^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$": _("an agency code, e.g. 000.00.20.H99"),
}
_LIMITS = {
    "minimum": "too_small",
    "maximum": "too_large",
    "minLength": "too_short",
    "maxLength": "too_long",
    "minItems": "too_few",
    "minProperties": "too_few",
    "maxItems": "too_many",
    "maxProperties": "too_many",
}


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def schema_errors(raw: Any) -> list[DefinitionError]:
    """Everything in ``raw`` (a parsed YAML/JSON value) that the schema refuses."""
    found: list[DefinitionError] = list(_key_errors(raw))
    if not found:
        ordered = sorted(_validator().iter_errors(raw), key=lambda e: [str(p) for p in e.path])
        for error in ordered:
            found += _convert(raw, error)
    return unique(found)


def _key_errors(raw: Any) -> Iterator[DefinitionError]:
    """Mapping keys must be text (YAML can make numbers, booleans or dates of them)."""

    def walk(value: Any, path: tuple[Any, ...]) -> Iterator[DefinitionError]:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(key, str):
                    yield from walk(item, (*path, key))
                else:
                    node, field = _locate(raw, (*path, str(key)))
                    yield DefinitionError("type", node, {"field": field, "expected": _("text")})
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    return walk(raw, ())


def _node_label(raw: Any, index: int) -> str:
    nodes = raw.get("nodes") if isinstance(raw, Mapping) else None
    node = nodes[index] if isinstance(nodes, list) and index < len(nodes) else None
    if isinstance(node, Mapping) and isinstance(node.get("id"), str) and node["id"]:
        return str(node["id"])
    return f"#{index + 1}"


def _field_name(parts: Sequence[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locate(raw: Any, path: Sequence[Any]) -> tuple[str, str]:
    """(node label, field name) for a path into the definition; node "" for top level."""
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "nodes" and isinstance(parts[1], int):
        return _node_label(raw, parts[1]), _field_name(parts[2:])
    return "", _field_name(parts)


def _convert(raw: Any, error: SchemaError) -> list[DefinitionError]:
    path = list(error.absolute_path)
    node, field = _locate(raw, path)
    kind = str(error.validator)
    value: Any = error.validator_value  # what the schema asked for
    allowed: set[str] = set(_properties(error))
    instance = error.instance
    if not (len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int)):
        return [_top_level(kind, value, allowed, instance, field)]
    if len(path) == 2 and kind == "type":
        return [DefinitionError("node_type", node)]
    if kind == "required" and isinstance(instance, Mapping):
        missing = [name for name in value if name not in instance]
        return [DefinitionError("required", node, {"field": _join(field, n)}) for n in missing]
    if kind == "additionalProperties" and isinstance(instance, Mapping):
        node_kind = _node_kind(raw, path[1])
        return [
            DefinitionError("unknown_field", node, {"field": _join(field, name), "kind": node_kind})
            for name in instance
            if name not in allowed
        ]
    if kind in ("enum", "const"):
        shown = ", ".join(str(choice) for choice in (value if kind == "enum" else [value]))
        return [DefinitionError("choice", node, {"field": field, "choices": shown})]
    if kind == "type":
        expected = TYPE_NAMES.get(str(value), str(value))
        return [DefinitionError("type", node, {"field": field, "expected": expected})]
    if kind == "pattern":
        hint = PATTERN_HINTS.get(str(value), str(value))
        return [DefinitionError("form", node, {"field": field, "hint": hint})]
    if kind in _LIMITS:
        return [DefinitionError(_LIMITS[kind], node, {"field": field, "limit": value})]
    if kind == "uniqueItems":
        return [DefinitionError("repeated", node, {"field": field})]
    return [DefinitionError("invalid", node, {"field": field})]


def _properties(error: SchemaError) -> list[str]:
    subschema: Any = error.schema
    return list(subschema.get("properties", {})) if isinstance(subschema, Mapping) else []


def _top_level(
    kind: str, value: Any, allowed: set[str], instance: Any, field: str
) -> DefinitionError:
    if not field:
        if kind == "required" and isinstance(instance, Mapping):
            missing = [name for name in value if name not in instance]
            return DefinitionError("definition_required", "", {"field": ", ".join(missing)})
        if kind == "additionalProperties" and isinstance(instance, Mapping):
            extra = [name for name in instance if name not in allowed]
            return DefinitionError("definition_unknown_field", "", {"field": ", ".join(extra)})
        return DefinitionError("definition_type", "")
    if field == "format":
        return DefinitionError("definition_format", "", {"expected": value})
    return DefinitionError("definition_invalid", "", {"field": field})


def _node_kind(raw: Any, index: Any) -> str:
    node = raw["nodes"][index]
    return str(node.get("kind", "")) if isinstance(node, Mapping) else ""


def _join(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name
