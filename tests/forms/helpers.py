"""One-field forms for the cleaning tests."""

from typing import Any

from forms import FormDataInvalid, form_data_clean


def one_field(kind: str, **keys: Any) -> dict[str, Any]:
    return {"format": "motcua/form@1", "fields": [{"id": "f", "type": kind, "label": "x", **keys}]}


def clean_one(kind: str, value: Any, **keys: Any) -> Any:
    """The cleaned value of ``value`` in a one-field form (absent: ``None``)."""
    return form_data_clean(one_field(kind, **keys), {"f": value}).get("f")


def errors_of(schema: dict[str, Any], data: Any, *, partial: bool = False) -> dict[str, list[str]]:
    try:
        form_data_clean(schema, data, partial=partial)
    except FormDataInvalid as error:
        return error.errors
    raise AssertionError("the data was accepted")


def error_one(kind: str, value: Any, **keys: Any) -> str:
    """The single message for ``value`` in a one-field form."""
    errors = errors_of(one_field(kind, **keys), {"f": value})
    assert list(errors) == ["f"] and len(errors["f"]) == 1, errors
    return errors["f"][0]
