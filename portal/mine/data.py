"""The dossier's data as the applicant reads it: each field's label and its value written
out (option labels, addresses, agencies' names), groups and their rows indented."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from forms import form_personal_merge, load_form
from forms.addresses import address_text
from forms.language import Field
from workflows.models import Agency, Dossier


@dataclass(frozen=True)
class DataRow:
    label: str
    value: str
    depth: int = 0
    heading: bool = False


def dossier_data_rows(dossier: Dossier) -> list[DataRow]:
    schema = dossier.version.form_schema or {}
    merged = form_personal_merge(schema, dossier.personal or {}, dossier.data or {})
    rows: list[DataRow] = []
    _object(load_form(schema).fields, merged, 0, rows)
    return rows


def _object(fields: tuple[Field, ...], values: Any, depth: int, rows: list[DataRow]) -> None:
    values = values if isinstance(values, Mapping) else {}
    for field in fields:
        if field.id not in values:
            continue
        value = values[field.id]
        if field.is_group and field.repeat is not None:
            rows.append(DataRow(field.label, "", depth, heading=True))
            for number, row in enumerate(value or [], start=1):
                entry = _("Entry %(n)s") % {"n": number}
                rows.append(DataRow(entry, "", depth + 1, heading=True))
                _object(field.fields, row, depth + 2, rows)
        elif field.is_group:
            rows.append(DataRow(field.label, "", depth, heading=True))
            _object(field.fields, value, depth + 1, rows)
        else:
            rows.append(DataRow(field.label, _shown(field, value), depth))


def _shown(field: Field, value: Any) -> str:
    labels = {option.value: option.label for option in field.options}
    if field.type in ("select", "radio"):
        return labels.get(str(value), str(value))
    if field.type == "multiselect":
        return ", ".join(labels.get(str(v), str(v)) for v in value or [])
    if field.type == "checkbox":
        return _("Yes") if value else _("No")
    if field.type == "date" and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"  # as dates are written in Vietnam
    if field.type == "address":
        return address_text(value)
    if field.type == "agency":
        name = Agency.objects.filter(code=value).values_list("name", flat=True).first()
        return name or str(value)
    return "" if value is None else str(value)
