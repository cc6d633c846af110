"""Office hours: the ``OfficeHours.schedule`` JSON, checked and parsed.

A schedule maps ISO weekday numbers ("1" Monday … "7" Sunday) to lists of ``["HH:MM",
"HH:MM"]`` intervals, in order and not overlapping. A weekday missing or empty has no hours.
"""

from collections.abc import Mapping
from datetime import time
from typing import Any

from django.utils.translation import gettext as _

Interval = tuple[time, time]
Hours = tuple[Interval, ...]
Schedule = Mapping[int, Hours]

MORNING_AFTERNOON: Hours = ((time(8), time(12)), (time(13), time(17)))
DEFAULT_SCHEDULE: Schedule = {weekday: MORNING_AFTERNOON for weekday in range(1, 6)}
DEFAULT_CUTOFF = time(15)


def _time(text: Any) -> time | None:
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None


def schedule_errors(schedule: Any) -> list[str]:
    """What is wrong with a schedule (empty when it can be used)."""
    if not isinstance(schedule, dict):
        return [_('A schedule is an object like {"1": [["08:00", "12:00"]]}.')]
    errors: list[str] = []
    for key, intervals in schedule.items():
        if key not in {str(weekday) for weekday in range(1, 8)}:
            errors.append(_("%(key)s is not a weekday number from 1 to 7.") % {"key": key})
            continue
        if not isinstance(intervals, list):
            errors.append(_("Weekday %(key)s: a list of intervals.") % {"key": key})
            continue
        last_end: time | None = None
        for interval in intervals:
            pair = interval if isinstance(interval, list) and len(interval) == 2 else None
            opens, closes = (_time(pair[0]), _time(pair[1])) if pair else (None, None)
            if opens is None or closes is None:
                errors.append(
                    _('Weekday %(key)s: each interval is ["HH:MM", "HH:MM"].') % {"key": key}
                )
                break
            if opens >= closes:
                errors.append(
                    _("Weekday %(key)s: an interval must end after it starts.") % {"key": key}
                )
                break
            if last_end is not None and opens < last_end:
                errors.append(
                    _("Weekday %(key)s: intervals must be in order and not overlap.") % {"key": key}
                )
                break
            last_end = closes
    return errors


def parse_schedule(schedule: Any) -> Schedule:
    """The schedule as ``{weekday: ((open, close), ...)}``; a schedule with errors raises."""
    errors = schedule_errors(schedule)
    if errors:
        raise ValueError("; ".join(errors))
    parsed: dict[int, Hours] = {}
    for key, intervals in schedule.items():
        hours = tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in intervals)
        if hours:
            parsed[int(key)] = hours
    return parsed
