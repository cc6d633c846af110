"""Routing from the form: an ``agency`` field with ``route: competent`` names the agency
that decides the dossier (a school transfer goes to the receiving school)."""

from collections.abc import Mapping
from typing import Any

from forms.language import Field, load_form


def _routes(fields: tuple[Field, ...], data: Mapping[str, Any], found: dict[str, str]) -> None:
    for field in fields:
        value = data.get(field.id)
        if field.route is not None and isinstance(value, str) and value:
            found[field.route] = value
        elif field.is_group and field.repeat is None and isinstance(value, Mapping):
            _routes(field.fields, value, found)


def form_routes(schema: Mapping[str, Any], cleaned: Mapping[str, Any]) -> dict[str, str]:
    """``{"competent": "<agency code>"}`` from the route fields that have a value."""
    found: dict[str, str] = {}
    _routes(load_form(schema).fields, cleaned, found)
    return found
