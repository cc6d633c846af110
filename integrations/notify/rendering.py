"""Rendering templates with named placeholders only, and counting SMS segments.

``{code}`` is replaced by the context's value; ``{{`` and ``}}`` are literal braces.
Attribute or index access (``{code.upper}``, ``{x[0]}``), conversions (``{code!r}``),
format specs (``{amount:>10}``) and positional fields (``{}``, ``{0}``) are refused: a template
is text an administrator edits, never code."""

import string
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

_formatter = string.Formatter()


class TemplateError(ValueError):
    """A template text that cannot be used (the message names the problem, in English)."""


def placeholders_in(text: str) -> list[str]:
    """The placeholder names of ``text``, in order; TemplateError for anything but a plain name."""
    try:
        parsed = list(_formatter.parse(text))
    except ValueError as exc:
        raise TemplateError(_("Unbalanced braces: write {{ and }} for a literal brace.")) from exc
    names = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            raise TemplateError(_("{%(field)s} is not a placeholder name.") % {"field": field})
        if spec or conversion:
            raise TemplateError(
                _("{%(field)s}: conversions and formats are not allowed.") % {"field": field}
            )
        names.append(field)
    return names


def template_check(text: str, *, allowed: Iterable[str]) -> None:
    """Raise TemplateError when ``text`` uses a placeholder outside ``allowed``."""
    allowed_set = set(allowed)
    unknown = [name for name in placeholders_in(text) if name not in allowed_set]
    if unknown:
        raise TemplateError(
            _("Unknown placeholder(s): %(unknown)s. Allowed: %(allowed)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in dict.fromkeys(unknown)),
                "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed_set)),
            }
        )


def template_render(text: str, *, context: Mapping[str, object], allowed: Iterable[str]) -> str:
    """``text`` with its placeholders replaced; a declared one missing from the context is empty."""
    template_check(text, allowed=allowed)
    out = []
    for literal, field, _spec, _conversion in _formatter.parse(text):
        out.append(literal)
        if field is not None:
            value = context.get(field)
            out.append("" if value is None else str(value))
    return "".join(out)


# GSM 03.38: the basic set (one septet) and the extension table (two septets: escape + char).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[str, int, int]:
    """(encoding, units, segments) of an SMS text: GSM-7 (160 a message, 153 a part) when every
    character is in the GSM alphabet, else UCS-2 (70, 67 a part; UTF-16 units). Vietnamese with
    diacritics is UCS-2."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        units = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    if units <= single:
        return encoding, units, 1 if units else 0
    return encoding, units, -(-units // part)
