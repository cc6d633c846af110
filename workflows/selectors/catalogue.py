"""The public catalogue: the procedures that have a published version, searchable without a
search engine (accent-insensitive, words in any order) and filterable by field, agency and
online level.

The catalogue is a few hundred procedures: it is read from the database once per process and
kept in memory (``catalogue``). A published or retired version or a changed procedure or case
stores a new generation token in Django's cache (shared by every process), and so does a changed
agency (the calendar's generation, which the catalogue reads too); each process compares its
tokens with the cache's at most every ``CATALOGUE_CHECK_SECONDS`` (2 s by default) and reads the
catalogue again when they differ (the pattern of workflows.calendar.memo).
"""

import logging
import threading
import time as clock
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from workflows.calendar.memo import GENERATION_KEY as CALENDAR_GENERATION_KEY
from workflows.models import Agency, Procedure, ProcedureCase, ProcedureVersion

logger = logging.getLogger(__name__)

GENERATION_KEY = "motcua:catalogue:generation"
# An agency saved or deleted stores a new calendar generation (workflows.calendar.signals): the
# catalogue's agencies follow it, without a signal of their own.
AGENCIES_GENERATION_KEY = CALENDAR_GENERATION_KEY


def search_text(text: str) -> str:
    """Lower case, no diacritics (đ as d), NFC first, runs of other characters as one space."""
    text = unicodedata.normalize("NFC", text or "").casefold().replace("đ", "d")
    bare = "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )
    return " ".join("".join(char if char.isalnum() else " " for char in bare).split())


@dataclass(frozen=True)
class CatalogueVersion:
    """A published version of a catalogue entry: its scope and its first case."""

    id: int
    scope_id: int | None  # None: the whole province
    scope_path: str
    case_code: str
    deadline_amount: int
    deadline_unit: str
    cutoff_applies: bool
    fee_amount: int
    fee_name: str


@dataclass(frozen=True)
class CatalogueEntry:
    procedure_id: int
    code: str
    name: str
    field: str
    online_level: str
    versions: tuple[CatalogueVersion, ...]  # the province-wide one first, then by scope
    haystack: str  # search_text of the name, code and field

    @property
    def first(self) -> CatalogueVersion:
        return self.versions[0]

    def version_for(self, agency_path: str) -> CatalogueVersion | None:
        """The version that receives dossiers at or under this agency: scoped to it, to one of
        its ancestors or to one of its descendants (the nearest first), or province-wide."""
        inside = [v for v in self.versions if v.scope_path and agency_path.startswith(v.scope_path)]
        if inside:
            return max(inside, key=lambda v: len(v.scope_path))
        below = [v for v in self.versions if v.scope_path.startswith(agency_path) and v.scope_path]
        province = [v for v in self.versions if v.scope_id is None]
        candidates = below or province
        return candidates[0] if candidates else None

    def matches(self, words: list[str]) -> bool:
        return all(word in self.haystack for word in words)


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]
    fields: tuple[str, ...]
    agencies: tuple[tuple[int, str, str], ...]  # (id, path, name) of agencies to filter by


# Agencies a citizen picks from to filter the catalogue (where dossiers are received or decided).
FILTER_AGENCY_KINDS = (
    Agency.Kind.PROVINCE,
    Agency.Kind.DEPARTMENT,
    Agency.Kind.COMMUNE,
    Agency.Kind.CENTRE,
)

_lock = threading.Lock()
_state: dict[str, Any] = {"generation": None, "checked": 0.0, "catalogue": None}


def catalogue() -> Catalogue:
    """The catalogue as this process remembers it (read again after a change)."""
    _check_generation()
    found = _state["catalogue"]
    if found is None:
        found = _build()
        with _lock:
            _state["catalogue"] = found
    return found


def catalogue_search(
    *,
    query: str = "",
    field: str = "",
    agency_id: int | None = None,
    online_level: str = "",
) -> list[tuple[CatalogueEntry, CatalogueVersion]]:
    """The entries matching every word of ``query`` and the filters, each with the version that
    applies (the agency's when one is given), in code order."""
    current = catalogue()
    words = search_text(query).split()
    path = ""
    if agency_id is not None:
        path = next((p for pk, p, _name in current.agencies if pk == agency_id), "")
        if not path:
            return []
    found: list[tuple[CatalogueEntry, CatalogueVersion]] = []
    for entry in current.entries:
        if field and entry.field != field:
            continue
        if online_level and entry.online_level != online_level:
            continue
        if words and not entry.matches(words):
            continue
        version = entry.version_for(path) if path else entry.first
        if version is not None:
            found.append((entry, version))
    return found


def catalogue_forget() -> None:
    """A new generation: this process reads the catalogue again at once, the others soon."""
    token = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, token, timeout=None)
    except Exception:
        logger.warning("catalogue: could not store a new generation in the cache", exc_info=True)
    with _lock:  # the next read compares the tokens again
        _state.update(generation=None, checked=0.0, catalogue=None)


def _check_generation() -> None:
    now = clock.monotonic()
    every = float(getattr(settings, "CATALOGUE_CHECK_SECONDS", 2.0))
    if _state["generation"] is not None and now - _state["checked"] < every:
        return
    try:
        tokens = cache.get_many([GENERATION_KEY, AGENCIES_GENERATION_KEY])
        token = tokens.get(GENERATION_KEY)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, token, timeout=None):
                token = cache.get(GENERATION_KEY, token)
        token = f"{token}:{tokens.get(AGENCIES_GENERATION_KEY)}"
    except Exception:
        logger.warning("catalogue: could not read the generation from the cache", exc_info=True)
        _state["generation"] = _state["generation"] or "unavailable"
        _state["checked"] = now
        return
    with _lock:
        if token != _state["generation"]:
            _state["catalogue"] = None
        _state["generation"], _state["checked"] = token, now


def _build() -> Catalogue:
    """Three queries: the published versions with their procedures, their first cases, and
    the agencies to filter by."""
    versions = list(
        ProcedureVersion.objects.published()
        .filter(procedure__active=True)
        .select_related("procedure", "agency")
        .only(
            "id",
            "agency__path",
            "procedure__code",
            "procedure__name",
            "procedure__field",
            "procedure__online_level",
        )
        .order_by("procedure__code", F("agency__path").asc(nulls_first=True))
    )
    first_cases: dict[int, ProcedureCase] = {}
    for case in ProcedureCase.objects.filter(version__in=[v.pk for v in versions]).order_by(
        "version_id", "-order", "-code"
    ):
        first_cases[case.version_id] = case  # the last written is the first in case order
    grouped: dict[int, list[tuple[ProcedureVersion, ProcedureCase]]] = {}
    for version in versions:
        case = first_cases.get(version.pk)
        if case is not None:
            grouped.setdefault(version.procedure_id, []).append((version, case))
    entries = tuple(_entry(pairs) for pairs in grouped.values())
    agencies = tuple(
        Agency.objects.filter(active=True, kind__in=FILTER_AGENCY_KINDS)
        .order_by("path")
        .values_list("id", "path", "name")
    )
    fields = tuple(sorted({entry.field for entry in entries if entry.field}))
    return Catalogue(entries=entries, fields=fields, agencies=agencies)


def _entry(pairs: list[tuple[ProcedureVersion, ProcedureCase]]) -> CatalogueEntry:
    procedure = pairs[0][0].procedure
    versions = tuple(
        CatalogueVersion(
            id=version.pk,
            scope_id=version.agency_id,
            scope_path=version.agency.path if version.agency else "",
            case_code=case.code,
            deadline_amount=case.deadline_amount,
            deadline_unit=case.deadline_unit,
            cutoff_applies=case.cutoff_applies,
            fee_amount=case.fee_amount,
            fee_name=case.fee_name,
        )
        for version, case in pairs
    )
    return CatalogueEntry(
        procedure_id=procedure.pk,
        code=procedure.code,
        name=procedure.name,
        field=procedure.field,
        online_level=procedure.online_level,
        versions=versions,
        haystack=search_text(f"{procedure.name} {procedure.code} {procedure.field}"),
    )


def _changed(sender: Any, **kwargs: Any) -> None:
    catalogue_forget()
    transaction.on_commit(catalogue_forget, using=kwargs.get("using"))


def connect_signals() -> None:
    """Called by WorkflowsConfig.ready: publishing, retiring, a procedure or case changed."""
    for model in (ProcedureVersion, Procedure, ProcedureCase):
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue-{name}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue-{name}-del")
