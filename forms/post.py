"""An HTML form post in the language's shape, for pages that render a form without JavaScript.

Inputs are named by the field's path: ``owner_name``, ``address.province``,
``address.commune``, ``address.street``, ``parent.name`` (a plain group),
``siblings.0.name`` (a repeating group: rows in the order of their indexes, gaps closed);
a multiselect is the same name repeated; a checkbox is sent only when ticked. Names that are
no field (the CSRF token, the submit button) are ignored here: ``form_data_clean`` then
checks the values as it checks any data.
"""

import re
from collections.abc import Mapping
from typing import Any

from forms.language import Field, load_form

_ADDRESS_PARTS = ("province", "commune", "street")


def _values(post: Mapping[str, Any], name: str) -> list[Any]:
    getlist = getattr(post, "getlist", None)
    if getlist is not None:
        return list(getlist(name))
    value = post[name]
    return list(value) if isinstance(value, list | tuple) else [value]


def _read(fields: tuple[Field, ...], post: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields:
        path = prefix + field.id
        if field.is_group and field.repeat is not None:
            pattern = re.compile(rf"{re.escape(path)}\.(\d+)\.")
            indexes = sorted({int(m.group(1)) for key in post if (m := pattern.match(key))})
            rows = [_read(field.fields, post, f"{path}.{index}.") for index in indexes]
            if rows:
                data[field.id] = rows
        elif field.is_group:
            group = _read(field.fields, post, f"{path}.")
            if group:
                data[field.id] = group
        elif field.type == "address":
            parts = {
                part: _values(post, f"{path}.{part}")[-1]
                for part in _ADDRESS_PARTS
                if f"{path}.{part}" in post
            }
            if parts:
                data[field.id] = parts
        elif path in post:
            values = _values(post, path)
            if field.type == "multiselect":
                data[field.id] = [value for value in values if value != ""]
            elif values:
                data[field.id] = values[-1]
    return data


def form_data_from_post(schema: Mapping[str, Any], post: Mapping[str, Any]) -> dict[str, Any]:
    """The form's data out of ``post`` (a QueryDict, or a mapping of names to values)."""
    return _read(load_form(schema).fields, post, "")
