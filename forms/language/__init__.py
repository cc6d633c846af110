"""The form language ``motcua/form@1``: read a schema, check it, load it (docs/forms.md)."""

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from forms.errors import FormSchemaInvalid

from .model import FORMAT, Field, Form, Option, Privacy, Repeat
from .reader import SchemaReader
from .semantics import SemanticChecker

__all__ = [
    "FORMAT",
    "Field",
    "Form",
    "Option",
    "Privacy",
    "Repeat",
    "form_schema_check",
    "load_form",
]


def _read(schema: Any) -> tuple[Form, list[str]]:
    reader = SchemaReader()
    form = reader.read(schema)
    return form, reader.errors + SemanticChecker().check(form)


def form_schema_check(schema: Mapping[str, Any]) -> list[str]:
    """Every problem of ``schema``, one message each naming where; ``[]``: it is valid."""
    return _read(schema)[1]


@lru_cache(maxsize=256)
def _load_cached(text: str) -> Form:
    form, errors = _read(json.loads(text))
    if errors:
        raise FormSchemaInvalid(errors)
    return form


def load_form(schema: Mapping[str, Any]) -> Form:
    """The parsed form; FormSchemaInvalid if ``schema`` fails ``form_schema_check``."""
    try:
        text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        form, errors = _read(schema)  # not JSON (dates from YAML): read it uncached
        if errors:
            raise FormSchemaInvalid(errors) from None
        return form
    return _load_cached(text)
