"""Recipients: phone numbers in the gateways' 84xxxxxxxxx form, email addresses checked, and
the masked forms shown in lists."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

_SEPARATORS = re.compile(r"[\s.\-()]")


class RecipientInvalid(ValueError):
    """The address cannot receive this channel (the message names no personal data)."""


def phone_normalize(value: str) -> str:
    """``0912 345 678``, ``+84912345678`` or ``84912345678`` → ``84912345678``."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0") and len(digits) == 10:
        digits = "84" + digits[1:]
    if not (digits.isdigit() and digits.startswith("84") and len(digits) == 11):
        raise RecipientInvalid("recipient is not a Vietnamese mobile number")
    return digits


def email_normalize(value: str) -> str:
    address = (value or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise RecipientInvalid("recipient is not an email address") from None
    return address


def recipient_normalize(*, channel: str, to: str) -> str:
    return phone_normalize(to) if channel == "sms" else email_normalize(to)


def recipient_mask(*, channel: str, to: str) -> str:
    """``84*******678`` or ``n***@example.vn``: enough to recognise, not to contact."""
    if channel == "sms":
        return f"{to[:2]}{'*' * max(len(to) - 5, 0)}{to[-3:]}" if len(to) > 5 else "***"
    local, _at, domain = to.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"
