"""Cleaning a form's data against its schema."""

from collections.abc import Mapping
from typing import Any

from forms.errors import FormDataInvalid
from forms.language import load_form

from .walk import DataCleaner

__all__ = ["form_data_clean"]


def form_data_clean(
    schema: Mapping[str, Any], data: Any, *, partial: bool = False
) -> dict[str, Any]:
    """The cleaned data (JSON values), or FormDataInvalid with every field's errors.

    ``partial`` (a draft) skips the required checks but checks everything sent. The empty
    schema ``{}`` is "no form": only ``{}`` is accepted. A schema that fails the schema
    check raises FormSchemaInvalid (published versions have passed it).
    """
    form = load_form(schema)
    cleaner = DataCleaner(partial=partial)
    cleaned = cleaner.clean_object(form.fields, data, prefix="", outer={})
    if cleaner.errors:
        raise FormDataInvalid(cleaner.errors)
    return cleaned
