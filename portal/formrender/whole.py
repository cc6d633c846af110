"""A post read as the whole form: what a browser leaves out stands for "nothing".

``form_data_from_post`` reads only what was sent, which is right for a new application
(cleaning fills the rest). An answer merged over earlier data (a supplementation: "what is
sent replaces") needs the absences said: an unticked checkbox is ``False`` and a repeating
group with every row removed is ``[]``, else the earlier values would stay."""

from collections.abc import Mapping
from typing import Any

from forms import load_form
from forms.language import Field


def form_data_whole(schema: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return _fill(load_form(schema).fields, dict(data))


def _fill(fields: tuple[Field, ...], data: dict[str, Any]) -> dict[str, Any]:
    for field in fields:
        if field.type == "checkbox":
            data.setdefault(field.id, False)
        elif field.is_group and field.repeat is not None:
            rows = data.setdefault(field.id, [])
            if isinstance(rows, list):
                data[field.id] = [_fill(field.fields, dict(r)) for r in rows if isinstance(r, dict)]
        elif field.is_group:
            group = data.get(field.id)
            data[field.id] = _fill(field.fields, dict(group) if isinstance(group, dict) else {})
    return data
