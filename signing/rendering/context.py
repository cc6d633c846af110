"""What a template may see: plain data only, every string in Unicode NFC.

A context holds strings, numbers, booleans, dates and times, and lists and dicts of
them. Anything else (a model instance, a request, a settings object) is refused: a
template that could walk from a dossier to ``created_by.password`` or from an object to
its module would not be sandboxed whatever the engine allows. Strings are normalised to
NFC, the composed form the fonts have glyphs for (a decomposed "ễ" would come out as
"e" and two floating marks) and that text extracted from the PDF is compared in.
"""

import unicodedata
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

from .errors import DocumentTemplateError

_SCALARS = (bool, int, float, Decimal, date, datetime, time, timedelta)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def plain(value: Any, path: str = "context") -> Any:
    """A copy of ``value`` made of plain data, strings in NFC; anything else is an error."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, SafeData) and isinstance(value, str):
        return mark_safe(nfc(str.__str__(value)))  # noqa: S308 - the caller marked it safe
    if isinstance(value, str | Promise | uuid.UUID):
        return nfc(str(value))
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise DocumentTemplateError(f"{path} has a key that is not a string: {key!r}")
            result[nfc(key)] = plain(item, f"{path}.{key}")
        return result
    if isinstance(value, list | tuple):
        return [plain(item, f"{path}[{index}]") for index, item in enumerate(value)]
    raise DocumentTemplateError(
        f"{path} is a {type(value).__name__}: a document's context holds plain data only "
        "(strings, numbers, dates, lists and dicts of them)"
    )


def context_plain(context: Mapping[str, Any]) -> dict[str, Any]:
    result = plain(context)
    assert isinstance(result, dict)
    return result
