"""Text as the forms store it: NFC-normalised, stripped, without control characters."""

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls; PostgreSQL's jsonb refuses NUL anyway
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def nfc(value: str) -> str:
    """``value`` in Unicode normal form C, stripped of surrounding white space."""
    return unicodedata.normalize("NFC", value).strip()


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    """Whether ``value`` holds control characters (newlines and tabs are allowed when
    ``multiline``)."""
    if not multiline and ("\n" in value or "\r" in value):
        return True
    return bool(_CONTROL.search(value.replace("\r\n", "\n")))
