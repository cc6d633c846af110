"""Durations in BPMN: ours exactly (``"3 working_days"``) and ISO 8601 for other tools.

ISO 8601 has no working days, so the ISO form written beside ours is an approximation for
people reading the file in a modeler; on import our attribute wins, and a file drawn in a
modeler with only an ISO duration (``P3D``, ``PT4H``, ``PT30M``) gets calendar units.
"""

import re

from django.utils.translation import gettext as _

from workflows.definitions.model import Duration, DurationUnit

_OURS = re.compile(r"\s*(\d+)\s+([a-z_]+)\s*\Z")
_ISO = re.compile(r"\s*P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?\s*\Z", re.IGNORECASE)


def to_text(duration: Duration) -> str:
    return f"{duration.amount} {duration.unit.value}"


def from_text(text: str) -> Duration:
    """``"3 working_days"`` -> ``Duration(3, WORKING_DAYS)``; ValueError if malformed."""
    match = _OURS.match(text)
    if match is None:
        raise ValueError(
            _("not a duration: %(text)r (expected e.g. '3 working_days')") % {"text": text}
        )
    try:
        unit = DurationUnit(match[2])
    except ValueError:
        units = ", ".join(u.value for u in DurationUnit)
        raise ValueError(
            _("unknown duration unit %(unit)r (one of: %(units)s)")
            % {"unit": match[2], "units": units}
        ) from None
    return Duration(int(match[1]), unit)


def to_iso(duration: Duration) -> str:
    if duration.unit in (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS):
        return f"P{duration.amount}D"
    if duration.unit in (DurationUnit.WORKING_HOURS, DurationUnit.HOURS):
        return f"PT{duration.amount}H"
    return f"PT{duration.amount}M"


def from_iso(text: str) -> Duration:
    """A single-unit ISO 8601 duration (days, hours or minutes); ValueError otherwise."""
    match = _ISO.match(text)
    groups = match.groups() if match else ()
    parts = [(m, unit) for m, unit in zip(groups, _ISO_UNITS, strict=False) if m]
    if len(parts) != 1:
        raise ValueError(
            _("unsupported ISO 8601 duration %(text)r (use one of PnD, PTnH, PTnM)")
            % {"text": text}
        )
    amount, unit = parts[0]
    return Duration(int(amount), unit)


_ISO_UNITS = (DurationUnit.CALENDAR_DAYS, DurationUnit.HOURS, DurationUnit.MINUTES)
