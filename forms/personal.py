"""Personal data out of the form's data: ``personal: owner.<key>`` fields go to
``Dossier.personal`` (encrypted), the rest stays as the dossier's data; and back again
(to fill the form anew: a supplementation, a draft)."""

import copy
from collections.abc import Mapping
from typing import Any

from forms.language import Field, load_form


def _split(
    fields: tuple[Field, ...], data: dict[str, Any], personal: dict[str, dict[str, Any]]
) -> None:
    for field in fields:
        if field.personal is not None and field.id in data:
            who, _dot, key = field.personal.partition(".")
            personal.setdefault(who, {})[key] = data.pop(field.id)
        elif field.is_group and field.repeat is None and isinstance(data.get(field.id), dict):
            _split(field.fields, data[field.id], personal)


def form_personal_split(
    schema: Mapping[str, Any], cleaned: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(personal, data): ``{"owner": {...}, "applicant": {...}}`` (the people with a value
    only) and a copy of ``cleaned`` without those values. An address stays structured
    ({"province", "commune", "street"}); ``forms.addresses.address_text`` writes it out."""
    data = copy.deepcopy(dict(cleaned))
    personal: dict[str, dict[str, Any]] = {}
    _split(load_form(schema).fields, data, personal)
    return personal, data


def _merge(fields: tuple[Field, ...], data: dict[str, Any], personal: Mapping[str, Any]) -> None:
    for field in fields:
        if field.personal is not None:
            who, _dot, key = field.personal.partition(".")
            value = (personal.get(who) or {}).get(key)
            if value not in (None, "", [], {}):
                data[field.id] = copy.deepcopy(value)
        elif field.is_group and field.repeat is None:
            inner = data.get(field.id)
            group = dict(inner) if isinstance(inner, Mapping) else {}
            _merge(field.fields, group, personal)
            if group:
                data[field.id] = group


def form_personal_merge(
    schema: Mapping[str, Any], personal: Mapping[str, Any], data: Mapping[str, Any]
) -> dict[str, Any]:
    """The form's data with its personal fields put back from ``personal`` (the inverse of
    ``form_personal_split``): what to clean again when the applicant changes the form."""
    merged = copy.deepcopy(dict(data))
    _merge(load_form(schema).fields, merged, personal)
    return merged
