"""The public status of a dossier by its code: the hot path of the public tracking page and
of the API's ``/api/v1/dossiers/<code>/status``.

``public_status(code)`` answers from Django's cache (Redis in production) when it can; on a
miss it reads the dossier with its procedure (one query on the unique code) and its log (one
query on the log's dossier/at index) and stores the answer. The key is deleted when the
dossier or its log changes (``workflows.selectors.public_status_signals``), at once and again
when the transaction commits; the entry also expires after ``PUBLIC_STATUS_CACHE_SECONDS``,
a bound on staleness for writes that send no signal (bulk inserts of log rows inside the
engine's batches are covered by the engine's task save in the same transaction).

Only public fields: the procedure, the status, the dates and the timeline; never a name, an ID
number, an address, a document or a comment.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache

from workflows.models import Dossier

from .timeline import TimelineItem, dossier_timeline

logger = logging.getLogger(__name__)

KEY_PREFIX = "motcua:public-status:"
MAX_CODE_LENGTH = 60  # Dossier.code's max_length


@dataclass(frozen=True)
class PublicStatus:
    code: str
    procedure_code: str
    procedure_name: str
    status: int
    submitted_at: datetime | None
    received_at: datetime | None
    appointment_date: date | None
    finished_at: datetime | None
    returned_at: datetime | None
    timeline: tuple[TimelineItem, ...]

    @property
    def status_label(self) -> str:
        return str(Dossier.Status(self.status).label)

    def as_json(self) -> dict[str, Any]:
        """JSON primitives only (dates as ISO 8601), labels in the current language."""

        def iso(value: date | datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "code": self.code,
            "procedure": {"code": self.procedure_code, "name": self.procedure_name},
            "status": self.status,
            "status_label": self.status_label,
            "submitted_at": iso(self.submitted_at),
            "received_at": iso(self.received_at),
            "appointment_date": iso(self.appointment_date),
            "finished_at": iso(self.finished_at),
            "returned_at": iso(self.returned_at),
            "timeline": [item.as_json() for item in self.timeline],
        }


def public_status_key(code: str) -> str:
    return KEY_PREFIX + code


def id_key(dossier_id: int) -> str:
    return f"{KEY_PREFIX}id:{dossier_id}"


def derived_key(code: str, name: str) -> str:
    """The key of an entry derived from the status (a page's rendered part in one language):
    deleted with the status."""
    return f"{public_status_key(code)}:{name}"


def derived_names() -> list[str]:
    """The derived entries a change deletes: one rendered fragment per language."""
    return [f"html:{code}" for code, _name in settings.LANGUAGES]


def normalise_code(code: str) -> str:
    """Codes are typed from paper: spaces around them dropped, letters upper case."""
    return (code or "").strip().upper()


def public_status(code: str) -> PublicStatus | None:
    """The public status of the dossier with this code, or None if there is none."""
    code = normalise_code(code)
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    key = public_status_key(code)
    try:
        found = cache.get(key)
    except Exception:  # the cache is down: answer from the database
        logger.warning("public status: the cache could not be read", exc_info=True)
        return public_status_read(code)
    if isinstance(found, PublicStatus):
        return found
    found_row = _read(code)
    if found_row is None:
        return None
    dossier_id, status = found_row
    timeout = int(getattr(settings, "PUBLIC_STATUS_CACHE_SECONDS", 300))
    try:  # the code by the dossier's id too: a change known by id finds what to delete
        cache.set_many({key: status, id_key(dossier_id): code}, timeout=timeout)
    except Exception:
        logger.warning("public status: the cache could not be written", exc_info=True)
    return status


def public_status_read(code: str) -> PublicStatus | None:
    """The public status read from the database (two queries), without the cache."""
    found = _read(code)
    return found[1] if found is not None else None


def _read(code: str) -> tuple[int, PublicStatus] | None:
    row = (
        Dossier.objects.filter(code=code)
        .values(
            "id",
            "code",
            "status",
            "submitted_at",
            "received_at",
            "appointment_date",
            "finished_at",
            "returned_at",
            "version__definition",
            "version__procedure__code",
            "version__procedure__name",
        )
        .first()
    )
    if row is None:
        return None
    return row["id"], PublicStatus(
        code=row["code"] or code,
        procedure_code=row["version__procedure__code"],
        procedure_name=row["version__procedure__name"],
        status=row["status"],
        submitted_at=row["submitted_at"],
        received_at=row["received_at"],
        appointment_date=row["appointment_date"],
        finished_at=row["finished_at"],
        returned_at=row["returned_at"],
        timeline=dossier_timeline(dossier_id=row["id"], definition=_mapping(row)),
    )


def _mapping(row: Mapping[str, Any]) -> dict[str, Any] | None:
    definition: Any = row["version__definition"]  # JSONTextField: the parsed mapping
    return definition if isinstance(definition, dict) else None


def public_status_forget(code: str | None) -> None:
    """Drop the cached status of this code (nothing when the dossier has no code yet)."""
    if not code:
        return
    key = public_status_key(code)
    try:
        cache.delete_many([key, *(derived_key(code, name) for name in derived_names())])
    except Exception:  # the entry expires by itself (PUBLIC_STATUS_CACHE_SECONDS)
        logger.warning("public status: the cache entry could not be deleted", exc_info=True)


def public_status_forget_id(dossier_id: int | None) -> None:
    """Drop the cached status of the dossier with this id, if one is cached (no query)."""
    if dossier_id is None:
        return
    try:
        code = cache.get(id_key(dossier_id))
    except Exception:
        logger.warning("public status: the cache could not be read", exc_info=True)
        return
    if isinstance(code, str):
        public_status_forget(code)
