"""The form schema as text in the admin: YAML (or JSON, which YAML reads) in, YAML out, and
every problem of the form language's check (docs/forms.md) with the line it is on.

``form_schema_check`` names where a problem is by the field path (``owner_name``,
``siblings.name``, ``fields[3]``, ``form``); the text's YAML nodes give that path's line.
"""

import json
from typing import Any

import yaml
from django.utils.translation import gettext as _

from forms import form_schema_check

MAX_CHARS = 200_000


class SchemaTextInvalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def schema_text(schema: Any) -> str:
    """The stored schema as YAML for the text area ('' for the empty schema)."""
    if not schema:
        return ""
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=100)


def schema_read(text: str) -> dict[str, Any]:
    """YAML/JSON text -> the schema to store (``{}`` for blank text); SchemaTextInvalid lists
    the syntax error or every problem of the check, each prefixed by its line."""
    if len(text) > MAX_CHARS:
        message = _("The form schema is longer than %(limit)s characters.")
        raise SchemaTextInvalid([message % {"limit": MAX_CHARS}])
    if not text.strip():
        return {}
    schema, node = text_load(text)
    if not isinstance(schema, dict):
        raise SchemaTextInvalid([_("The form schema must be a mapping (format, title, fields).")])
    errors = form_schema_check(schema)
    if errors and "\n" in text.strip():  # one line (JSON pasted whole): no line to name
        raise SchemaTextInvalid([_located(error, node) for error in errors])
    if errors:
        raise SchemaTextInvalid(errors)
    return schema


def text_load(text: str) -> tuple[Any, yaml.Node | None]:
    """YAML/JSON text -> (its data as JSON would store it, its YAML node tree for the lines);
    SchemaTextInvalid naming the line and column of a syntax error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            message = _("Not YAML or JSON: %(problem)s") % {"problem": problem}
            raise SchemaTextInvalid([message]) from None
        message = _("Line %(line)s, column %(column)s: not YAML or JSON: %(problem)s")
        raise SchemaTextInvalid(
            [message % {"line": mark.line + 1, "column": mark.column + 1, "problem": problem}]
        ) from None
    # Unquoted YAML dates become ISO text, as JSON stores them.
    return json.loads(json.dumps(loaded, default=str)), node


def _located(error: str, root: yaml.Node | None) -> str:
    where = error.split(":", 1)[0]
    node = _node_at(root, where)
    if node is None:
        return error
    return _("Line %(line)s: %(problem)s") % {"line": node.start_mark.line + 1, "problem": error}


def _node_at(root: yaml.Node | None, where: str) -> yaml.Node | None:
    """The YAML node of a field path (``a.b``, ``fields[2]``, ``fields``, ``form``)."""
    if root is None or where == "form":
        return root
    node: yaml.Node | None = root
    for part in where.split("."):
        fields = _value(node, "fields")
        if part == "fields":
            return fields
        if not isinstance(fields, yaml.SequenceNode):
            return None
        if part.startswith("fields[") and part.endswith("]") and part[7:-1].isdigit():
            index = int(part[7:-1])
            node = fields.value[index] if index < len(fields.value) else None
        else:
            node = next((f for f in fields.value if _scalar(_value(f, "id")) == part), None)
        if node is None:
            return None
    return node


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if _scalar(k) == key), None)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None
