"""A dossier's form data as label/value rows, labels from its version's form schema; the
personal fields (kept encrypted apart from the data) put back in their places."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from forms import FormSchemaInvalid, form_personal_merge, load_form
from forms.addresses import address_text
from workflows.models import Dossier


@dataclass
class Item:
    label: str
    value: str = ""
    children: list[list["Item"]] = field(default_factory=list)  # a group's entries


def dossier_items(dossier: Dossier) -> list[Item]:
    schema = dossier.version.form_schema or {}
    try:
        form = load_form(schema)
    except FormSchemaInvalid:
        return [Item(label=key, value=_text(value)) for key, value in (dossier.data or {}).items()]
    data = form_personal_merge(schema, dict(dossier.personal or {}), dict(dossier.data or {}))
    return _items(form.fields, data)


def _items(fields: Any, data: dict[str, Any]) -> list[Item]:
    items = []
    for spec in fields:
        if spec.id not in data:
            continue
        value = data[spec.id]
        if spec.fields:  # a group, repeated or not
            entries = value if isinstance(value, list) else [value]
            children = [_items(spec.fields, entry) for entry in entries if isinstance(entry, dict)]
            items.append(Item(label=spec.label, children=children))
            continue
        items.append(Item(label=spec.label, value=_display(spec, value)))
    return items


def _display(spec: Any, value: Any) -> str:
    if spec.options:
        labels = {option.value: option.label for option in spec.options}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if spec.type == "address":
        return address_text(value)
    return _text(value)


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    return str(value)
