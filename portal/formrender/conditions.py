"""Conditional fields: whether each is visible on the data shown, and a note for readers
without JavaScript ("Only if Người nộp là is Người được ủy quyền")."""

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.expressions import ExpressionError, condition_holds
from forms.cleaning.values import EMPTY, ValueInvalid, value_clean
from forms.language import Field

_NAME = re.compile(r"""data(?:\.([a-z][a-z0-9_]*)|\[\s*["']([a-z][a-z0-9_]*)["']\s*\])""")
_EQUALS = re.compile(
    r"""^\s*data(?:\.([a-z][a-z0-9_]*)|\[\s*["']([a-z][a-z0-9_]*)["']\s*\])\s*==\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?)|(True|False))\s*$"""
)
_TRUTHY = re.compile(r"""^\s*data(?:\.([a-z][a-z0-9_]*)|\[\s*["']([a-z][a-z0-9_]*)["']\s*\])\s*$""")


def names_read(fields: tuple[Field, ...]) -> set[str]:
    """The ids that some condition of these fields (at any depth) reads."""
    names: set[str] = set()
    for field in fields:
        for source in (field.visible_if, field.required_if):
            for match in _NAME.finditer(source or ""):
                names.add(match.group(1) or match.group(2))
        names |= names_read(field.fields)
    return names


def scope_values(fields: tuple[Field, ...], raw: Any) -> dict[str, Any]:
    """The cleanable values of one object's plain fields (errors and blanks left out)."""
    values: dict[str, Any] = {}
    if not isinstance(raw, Mapping):
        return values
    for field in fields:
        if field.is_group:
            continue
        value: Any = raw.get(field.id) if field.id in raw else None
        if field.id not in raw and field.type != "checkbox" and field.has_default:
            value = field.default
        try:
            cleaned = value_clean(field, value, partial=True, lookup=False)
        except ValueInvalid:
            continue
        if cleaned is not EMPTY:
            values[field.id] = cleaned
    return values


def is_visible(field: Field, scope: Mapping[str, Any]) -> bool:
    if not field.visible_if:
        return True
    try:
        return condition_holds(field.visible_if, data=scope)
    except ExpressionError:
        return False


def condition_note(source: str | None, labels: Mapping[str, Field]) -> str:
    """A reader's version of a condition; a general note when it is not a simple one."""
    if not source:
        return ""
    if match := _EQUALS.match(source):
        field = labels.get(match.group(1) or match.group(2))
        value = next((g for g in match.groups()[2:] if g is not None), "")
        if field is not None:
            shown = next((o.label for o in field.options if o.value == value), value)
            if field.type == "checkbox":
                return _("Only if “%(field)s” is ticked.") % {"field": field.label}
            return _("Only if “%(field)s” is “%(value)s”.") % {
                "field": field.label,
                "value": shown,
            }
    if match := _TRUTHY.match(source):
        field = labels.get(match.group(1) or match.group(2))
        if field is not None:
            if field.type == "checkbox":
                return _("Only if “%(field)s” is ticked.") % {"field": field.label}
            return _("Only if “%(field)s” is filled in.") % {"field": field.label}
    return _("Only in some cases, depending on your other answers.")
