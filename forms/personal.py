"""Personal data out of the form's data: ``personal: owner.<key>`` fields go to
``Dossier.personal`` (encrypted), the rest stays as the dossier's data."""

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
