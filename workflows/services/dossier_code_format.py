"""The dossier code's format, checked without Django (the settings import it at load time).

A format is a ``str.format`` template over three values: ``{agency}`` (the receiving
agency's code), ``{date:<strftime>}`` (the local date of the submission) and ``{seq}`` (the
agency's daily sequence, zero-padded to the width). Circular 01/2018/TT-VPCP Art. 19:
``{agency}-{date:%y%m%d}-{seq}`` with 4 digits, ``000.00.20.H99-261128-0001``.
"""

import datetime as dt
import string

DEFAULT_FORMAT = "{agency}-{date:%y%m%d}-{seq}"
DEFAULT_WIDTH = 4
MAX_WIDTH = 12
CODE_MAX_LENGTH = 60  # Dossier.code
AGENCY_CODE_MAX_LENGTH = 40  # Agency.code
PLACEHOLDERS = ("agency", "date", "seq")
# dates differing in one component each: the date part must tell every pair apart
_SAMPLE_DATES = (
    dt.date(2026, 11, 28),
    dt.date(2026, 11, 29),
    dt.date(2026, 12, 28),
    dt.date(2027, 11, 28),
)


def code_render(code_format: str, *, agency: str, day: dt.date, seq: int, width: int) -> str:
    return code_format.format(agency=agency, date=day, seq=str(seq).zfill(width))


def code_format_errors(code_format: str, width: int) -> list[str]:
    """What is wrong with a format and a width (English, for the operator); [] if fine."""
    if not 1 <= width <= MAX_WIDTH:
        return [f"the sequence width must be between 1 and {MAX_WIDTH}, not {width}"]
    try:
        parts = list(string.Formatter().parse(code_format))
    except ValueError as exc:
        return [f"the format is not a str.format template: {exc}"]
    errors: list[str] = []
    names = [name for _, name, _, _ in parts if name is not None]
    for name in names:
        if name not in PLACEHOLDERS:
            errors.append(f"unknown placeholder {{{name}}}: use {{agency}}, {{date}} and {{seq}}")
    for _, field, _, conversion in parts:
        if field in PLACEHOLDERS and conversion:
            errors.append(f"{{{field}}} takes no !{conversion} conversion")
    for required in PLACEHOLDERS:
        count = names.count(required)
        if count != 1:
            errors.append(f"the format needs {{{required}}} exactly once (found {count})")
    if errors:
        return errors
    try:
        days = {
            code_render(code_format, agency="A", day=day, seq=1, width=width)
            for day in _SAMPLE_DATES
        }
        longest = code_render(
            code_format,
            agency="A" * AGENCY_CODE_MAX_LENGTH,
            day=_SAMPLE_DATES[0],
            seq=10**width - 1,
            width=width,
        )
    except (ValueError, TypeError) as exc:
        return [f"the format cannot be rendered: {exc}"]
    if len(days) != len(_SAMPLE_DATES):
        errors.append("the {date} part must show the day, the month and the year")
    if len(longest) > CODE_MAX_LENGTH:
        errors.append(
            f"codes can reach {len(longest)} characters with a {AGENCY_CODE_MAX_LENGTH}-character"
            f" agency code: at most {CODE_MAX_LENGTH} fit"
        )
    return errors
