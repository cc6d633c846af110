"""One field's value: from what was sent to its cleaned JSON form, or a message why not.

``value_clean`` returns ``EMPTY`` for nothing sent (None, blank text, an empty list, an
address with no part filled): whether that is allowed is the caller's concern (required,
required_if, partial drafts). Messages never quote the value: it may be personal data.
"""

import datetime
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from forms import addresses, agencies
from forms.language.model import Field
from forms.text import has_control_characters, nfc
from forms.validators import cccd_valid, cmnd_valid, normalise_digits, phone_normalise

EMPTY: Any = object()
DEFAULT_MAX_LENGTH = {"text": 500, "textarea": 5000}
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TRUE = ("true", "on", "1", "yes")
_FALSE = ("false", "off", "0", "no", "")


class ValueInvalid(ValueError):
    """A value its field refuses; ``message`` is for the person who filled the form."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def _text(field: Field, raw: Any, partial: bool) -> Any:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueInvalid(_("Enter text."))
    multiline = field.type == "textarea"
    value = nfc(raw.replace("\r\n", "\n"))
    if has_control_characters(value, multiline=multiline):
        message = _("Enter text without line breaks or control characters.")
        raise ValueInvalid(
            message if not multiline else _("Enter text without control characters.")
        )
    high = field.max_length if field.max_length is not None else DEFAULT_MAX_LENGTH[field.type]
    if len(value) > high:
        raise ValueInvalid(_("Enter at most %(n)s characters.") % {"n": high})
    if field.min_length is not None and len(value) < field.min_length:
        raise ValueInvalid(_("Enter at least %(n)s characters.") % {"n": field.min_length})
    if field.pattern and not re.fullmatch(field.pattern, value):
        raise ValueInvalid(_("The value does not have the expected format."))
    return value


def _in_bounds(field: Field, value: Any, shown: Callable[[Any], str] = str) -> Any:
    low, high = _bound(field.min), _bound(field.max)
    if low is not None and value < low:
        raise ValueInvalid(_("Enter a value of at least %(min)s.") % {"min": shown(low)})
    if high is not None and value > high:
        raise ValueInvalid(_("Enter a value of at most %(max)s.") % {"max": shown(high)})
    return value


def _bound(value: Any) -> Any:
    if value == "today":
        return timezone.localdate()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def _integer(field: Field, raw: Any, partial: bool) -> Any:
    value: Any = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str) and re.fullmatch(r"[+-]?\d{1,15}", raw.strip()):
        value = int(raw.strip())
    if value is None or abs(value) >= 10**15:
        raise ValueInvalid(_("Enter a whole number."))
    return _in_bounds(field, value)


def _number(field: Field, raw: Any, partial: bool) -> Any:
    value: Any = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # the Vietnamese decimal comma
        if re.fullmatch(r"[+-]?(\d{1,15}(\.\d*)?|\.\d+)", text):
            value = float(text)
    if value is None or not math.isfinite(value):
        raise ValueInvalid(_("Enter a number."))
    return _in_bounds(field, value)


def _date(field: Field, raw: Any, partial: bool) -> Any:
    value: datetime.date | None = None
    if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        match = _DMY.fullmatch(text)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                value = datetime.date(year, month, day)
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                value = datetime.date.fromisoformat(text)
        except ValueError:
            value = None
    if value is None:
        raise ValueInvalid(_("Enter a date (YYYY-MM-DD)."))
    return _in_bounds(field, value, shown=lambda d: d.isoformat()).isoformat()


def _choice(field: Field, raw: Any, partial: bool) -> Any:
    if not isinstance(raw, str) or nfc(raw) not in field.option_values():
        raise ValueInvalid(_("Choose one of the options."))
    return nfc(raw)


def _multichoice(field: Field, raw: Any, partial: bool) -> Any:
    chosen = [raw] if isinstance(raw, str) else raw
    if not isinstance(chosen, list) or not all(isinstance(item, str) for item in chosen):
        raise ValueInvalid(_("Choose among the options."))
    values = {nfc(item) for item in chosen if item.strip()}
    if not values <= set(field.option_values()):
        raise ValueInvalid(_("Choose among the options."))
    return [value for value in field.option_values() if value in values] or EMPTY


def _checkbox(field: Field, raw: Any, partial: bool) -> Any:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE + _FALSE:
        return raw.strip().lower() in _TRUE
    raise ValueInvalid(_("Tick the box or leave it empty."))


def _id_number(field: Field, raw: Any, partial: bool) -> Any:
    number = normalise_digits(raw) if isinstance(raw, str) else ""
    if cccd_valid(number) or (field.allow_legacy and cmnd_valid(number)):
        return number
    if field.allow_legacy:
        raise ValueInvalid(
            _("Enter a 12-digit citizen identity number or a 9-digit identity card number.")
        )
    raise ValueInvalid(_("Enter a 12-digit citizen identity number."))


def _phone(field: Field, raw: Any, partial: bool) -> Any:
    number = phone_normalise(raw) if isinstance(raw, str) else None
    if number is None:
        raise ValueInvalid(
            _("Enter a Vietnamese phone number: a 10-digit mobile or an 11-digit landline.")
        )
    return number


def _email(field: Field, raw: Any, partial: bool) -> Any:
    value = nfc(raw) if isinstance(raw, str) else ""
    try:
        validate_email(value)
    except ValidationError:
        raise ValueInvalid(_("Enter a valid email address.")) from None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def _address(field: Field, raw: Any, partial: bool) -> Any:
    if not isinstance(raw, Mapping) or set(raw) - {"province", "commune", "street"}:
        raise ValueInvalid(_("Enter the address as a province, a commune and a street."))
    parts = {key: raw.get(key) for key in ("province", "commune", "street")}
    if all(_is_blank(part) for part in parts.values()):
        return EMPTY
    value: dict[str, str] = {}
    if not _is_blank(parts["province"]):
        province = addresses.province_get(parts["province"])
        if province is None:
            raise ValueInvalid(_("Choose a province."))
        value["province"] = province.code
    if not _is_blank(parts["commune"]):
        commune = addresses.commune_get(parts["commune"], province=value.get("province"))
        if commune is None:
            raise ValueInvalid(_("Choose a commune of the province."))
        value["commune"] = commune.code
    if not _is_blank(parts["street"]):
        if not isinstance(parts["street"], str) or has_control_characters(parts["street"]):
            raise ValueInvalid(_("Enter the street as one line of text."))
        value["street"] = nfc(parts["street"])[:200]
    if not partial and ("province" not in value or "commune" not in value):
        raise ValueInvalid(_("Choose the province and the commune."))
    return value


def _agency(field: Field, raw: Any, partial: bool, *, lookup: bool = True) -> Any:
    if not isinstance(raw, str):
        raise ValueInvalid(_("Choose an agency."))
    code = nfc(raw)
    if not lookup:
        return code
    kind = agencies.agency_kind(code)
    if kind is None:
        raise ValueInvalid(_("There is no such active agency."))
    if field.agency_kinds and kind not in field.agency_kinds:
        raise ValueInvalid(_("This agency cannot be chosen here."))
    return code


CLEANERS: dict[str, Callable[[Field, Any, bool], Any]] = {
    "text": _text,
    "textarea": _text,
    "integer": _integer,
    "number": _number,
    "date": _date,
    "select": _choice,
    "radio": _choice,
    "multiselect": _multichoice,
    "checkbox": _checkbox,
    "id_number": _id_number,
    "phone": _phone,
    "email": _email,
    "address": _address,
    "agency": _agency,
}


def value_clean(field: Field, raw: Any, *, partial: bool = False, lookup: bool = True) -> Any:
    """The cleaned value of ``raw`` for ``field`` (not a group), ``EMPTY``, or ValueInvalid.

    ``lookup=False`` checks an agency code's shape only (a schema's default, at publish time).
    """
    if field.type == "checkbox" and raw is None:
        return False
    if field.type != "checkbox" and _is_blank(raw):
        return EMPTY
    if field.type == "agency":
        return _agency(field, raw, partial, lookup=lookup)
    return CLEANERS[field.type](field, raw, partial)
