"""Clean a form's data: every field in order, conditions, groups and repeats.

Per object (the form, a group, one row of a repeating group):

1. keys that are no field of it are refused ("unknown field");
2. each field's value is cleaned on its own (type, bounds, options...);
3. in the fields' order, ``visible_if`` is evaluated over the data cleaned so far, the
   objects around merged in (a row sees its own fields over the form's): a hidden field is
   dropped, and so are its errors; groups are cleaned when they are visible;
4. a visible field that is empty is an error if ``required`` (a checkbox: if not ticked)
   or ``required_if`` holds; not for a draft (``partial``), nor a repeat's ``min``.

A condition that cannot be computed on the data (``data.copies > 1`` while copies is
empty) does not hold.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.expressions import ExpressionError, condition_holds
from forms.language.model import Field

from .values import EMPTY, ValueInvalid, value_clean

Errors = dict[str, list[str]]


def _holds(source: str, scope: Mapping[str, Any]) -> bool:
    try:
        return condition_holds(source, data=scope)
    except ExpressionError:
        return False


class DataCleaner:
    def __init__(self, *, partial: bool) -> None:
        self.partial = partial
        self.errors: Errors = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def clean_object(
        self, fields: tuple[Field, ...], raw: Any, *, prefix: str, outer: Mapping[str, Any]
    ) -> dict[str, Any]:
        if not isinstance(raw, Mapping):
            self.add(prefix.rstrip(".") or "__all__", _("Send the fields as an object."))
            return {}
        known = {field.id for field in fields}
        for key in raw:
            if key not in known:
                self.add(f"{prefix}{key}", _("Unknown field."))
        values: dict[str, Any] = {}
        failed: dict[str, str] = {}
        for field in fields:
            if field.is_group:
                continue
            try:
                value = self._value(field, raw)
            except ValueInvalid as error:
                failed[field.id] = error.message
            else:
                if value is not EMPTY:
                    values[field.id] = value
        cleaned: dict[str, Any] = {}
        for field in fields:
            scope = {**outer, **values}
            if field.visible_if and not _holds(field.visible_if, scope):
                values.pop(field.id, None)
                continue
            path = prefix + field.id
            if field.is_group:
                values[field.id] = cleaned[field.id] = self._group(
                    field, raw.get(field.id), path, scope
                )
            elif field.id in failed:
                self.add(path, failed[field.id])
            elif field.id in values:
                cleaned[field.id] = values[field.id]
                if field.type == "checkbox" and not values[field.id]:
                    self._required(field, path, scope)
            else:
                self._required(field, path, scope)
        return cleaned

    def _value(self, field: Field, raw: Mapping[str, Any]) -> Any:
        if field.id in raw:
            return value_clean(field, raw[field.id], partial=self.partial)
        if field.type == "checkbox":
            return False  # a browser sends nothing for a box left unticked
        if field.has_default:
            return value_clean(field, field.default, partial=self.partial)
        return EMPTY

    def _required(self, field: Field, path: str, scope: Mapping[str, Any]) -> None:
        if self.partial:
            return
        if field.required or (field.required_if and _holds(field.required_if, scope)):
            if field.type == "checkbox":
                self.add(path, _("Tick this box to go on."))
            else:
                self.add(path, _("This field is required."))

    def _group(self, field: Field, raw: Any, path: str, scope: Mapping[str, Any]) -> Any:
        if field.repeat is None:
            return self.clean_object(
                field.fields, {} if raw is None else raw, prefix=f"{path}.", outer=scope
            )
        rows = [] if raw is None else raw
        if not isinstance(rows, list):
            self.add(path, _("Send a list of entries."))
            return []
        high, low = field.repeat.max, field.repeat.min
        if high is not None and len(rows) > high:
            self.add(path, _("Enter at most %(n)s entries.") % {"n": high})
        elif len(rows) < low and not self.partial:
            self.add(path, _("Enter at least %(n)s entries.") % {"n": low})
        return [
            self.clean_object(field.fields, row, prefix=f"{path}.{index}.", outer=scope)
            for index, row in enumerate(rows[: high if high is not None else None])
        ]
