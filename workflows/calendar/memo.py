"""``calendar_for``: an agency's calendar, built from the database once per process and
kept in memory until a ``CalendarDay``, ``OfficeHours`` or ``Agency`` row changes.

A change stores a new generation token in Django's cache (Redis in production, shared by
every process); each process compares its memo's token with the cache's at most every
``CALENDAR_CHECK_SECONDS`` (2 s by default) and drops its memo when they differ. The
process that made the change drops its own memo at once. Due moments and appointment dates
already stored are values, never recomputed: a change only affects new computations.
"""

import logging
import threading
import time as clock
import uuid
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q

from workflows.models import Agency, CalendarDay, OfficeHours

from .agency import AgencyCalendar
from .hours import DEFAULT_CUTOFF, DEFAULT_SCHEDULE, parse_schedule

logger = logging.getLogger(__name__)

GENERATION_KEY = "motcua:calendar:generation"

_lock = threading.Lock()
_memo: dict[Hashable, AgencyCalendar] = {}
_state: dict[str, Any] = {"generation": None, "checked": 0.0}


def calendar_for(agency: Agency | None) -> AgencyCalendar:
    """The calendar of ``agency`` (the province's when None)."""
    if agency is None:
        return _remembered(("province",), lambda: _build(""))
    if "path" in agency.__dict__ and agency.path:
        path: str = agency.path
        return _remembered(("pk", agency.pk), lambda: _build(path))
    return _remembered(("pk", agency.pk), lambda: _build(_path(Q(pk=agency.pk))))


def calendar_for_code(code: str) -> AgencyCalendar:
    """The calendar of the agency with this code (the province's when there is none)."""
    return _remembered(("code", code), lambda: _build(_path(Q(code=code))))


def forget() -> None:
    """Drop every process's memo: this one at once, the others at their next check."""
    token = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, token, timeout=None)
    except Exception:  # the cache is down: the other processes see it when it is back
        logger.warning("calendar: could not store a new generation in the cache", exc_info=True)
    with _lock:
        _memo.clear()
        _state["generation"], _state["checked"] = token, clock.monotonic()


def _remembered(key: Hashable, build: Any) -> AgencyCalendar:
    _check_generation()
    found = _memo.get(key)
    if found is None:
        found = build()
        with _lock:
            _memo[key] = found
    return found


def _check_generation() -> None:
    now = clock.monotonic()
    every = float(getattr(settings, "CALENDAR_CHECK_SECONDS", 2.0))
    if _state["generation"] is not None and now - _state["checked"] < every:
        return
    try:
        token = cache.get(GENERATION_KEY)
        if token is None:  # never set, or the cache was flushed: start a generation
            token = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, token, timeout=None):
                token = cache.get(GENERATION_KEY, token)
    except Exception:  # the cache is down: keep the memo, ask again at the next check
        logger.warning("calendar: could not read the generation from the cache", exc_info=True)
        _state["generation"] = _state["generation"] or "unavailable"
        _state["checked"] = now
        return
    with _lock:
        if token != _state["generation"]:
            _memo.clear()
        _state["generation"], _state["checked"] = token, now


def _path(where: Q) -> str:
    path = Agency.objects.filter(where).values_list("path", flat=True).first()
    return path or ""


def _build(path: str) -> AgencyCalendar:
    """The province's rows, then the ancestors' from the root down: the nearest wins."""
    ids = [int(part) for part in path.split("/") if part]
    rank = {agency_id: depth for depth, agency_id in enumerate(ids, start=1)}
    rows = CalendarDay.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=ids))
    overrides: dict[Any, bool] = {}
    for day, kind, _agency in sorted(
        rows.values_list("day", "kind", "agency_id"), key=lambda row: rank.get(row[2], 0)
    ):
        overrides[day] = kind == CalendarDay.Kind.WORKING_DAY
    if not ids:
        return AgencyCalendar(overrides=overrides)
    hours = OfficeHours.objects.filter(agency_id__in=ids).values_list(
        "agency_id", "schedule", "cutoff"
    )
    for agency_id, schedule, cutoff in sorted(hours, key=lambda row: -rank[row[0]]):
        try:
            parsed = parse_schedule(schedule)
        except ValueError:
            logger.warning("office hours of agency %s are invalid; ignored", agency_id)
            continue
        return AgencyCalendar(overrides=overrides, schedule=parsed, cutoff=cutoff)
    return AgencyCalendar(overrides=overrides, schedule=DEFAULT_SCHEDULE, cutoff=DEFAULT_CUTOFF)
