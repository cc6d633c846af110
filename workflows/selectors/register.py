"""Form 07, the dossier register (sổ theo dõi hồ sơ) of a receiving agency over a period:
one row per dossier submitted to it, with the dates of its way through (received, handed to
the deciding agency, result back, returned) and whether it finished early, on time or late.

The register is an internal document of the agency: it holds the owner's name and contact,
so the pages that show it check the officer's role and record the access."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from workflows.documents.people import address_as_text
from workflows.engine.handover import timing_of
from workflows.models import Agency, Dossier, ProcessingLogEntry, Role
from workflows.selectors.memberships import memberships_for

MAX_ROWS = 5000  # a register longer than this is asked for in shorter periods
MAX_DAYS = 366
REGISTER_ROLES = (Role.Standard.RECEPTION, Role.Standard.RESULT_DESK, Role.Standard.LEADER)
NOTES = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn", "open": "Đang giải quyết"}


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str
    procedure: str
    procedure_code: str
    sets: int
    owner: str
    address: str
    phone: str
    competent_agency: str
    received_at: datetime | None
    appointment_date: date | None
    first_appointment_date: date | None
    transferred_at: datetime | None
    result_at: datetime | None
    returned_at: datetime | None
    status: str
    timing: str  # "early", "on_time", "late", "open" or "" (refused, stopped, withdrawn)
    note: str


@dataclass(frozen=True)
class Register:
    agency: Agency
    start: date
    end: date
    procedure: str
    rows: tuple[RegisterRow, ...]
    truncated: bool

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(NOTES, 0)
        for row in self.rows:
            if row.timing in counts:
                counts[row.timing] += 1
        return counts


def register_agencies_for(user: Any) -> list[Agency]:
    """The agencies whose register the user may read: where they receive dossiers, return
    results or lead (a leader also for the agencies below); every agency for a superuser."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(Agency.objects.filter(active=True).order_by("path"))
    rows = memberships_for(user).filter(role__code__in=REGISTER_ROLES)
    ids: set[int] = set()
    for membership in rows:
        ids.add(membership.agency_id)
        if membership.role.code == Role.Standard.LEADER:
            ids.update(
                Agency.objects.filter(
                    path__startswith=membership.agency.path, active=True
                ).values_list("pk", flat=True)
            )
    return list(Agency.objects.filter(pk__in=ids).order_by("path"))


def dossier_register(
    *, agency: Agency, start: date, end: date, procedure_code: str = ""
) -> Register:
    """The register of ``agency`` for dossiers submitted from ``start`` to ``end`` (local
    dates, both included), optionally of one procedure; at most MAX_ROWS rows."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    milestones = ProcessingLogEntry.objects.filter(
        Q(action="outcome:accept") | Q(to_status=Dossier.Status.PROCESSED)
    ).only("dossier_id", "action", "to_status", "at")
    dossiers = (
        Dossier.objects.filter(
            receiving_agency=agency, submitted_at__gte=since, submitted_at__lt=until
        )
        .select_related("version__procedure", "competent_agency")
        .prefetch_related(Prefetch("log_entries", queryset=milestones, to_attr="milestones"))
        .order_by("submitted_at", "pk")
    )
    if procedure_code:
        dossiers = dossiers.filter(version__procedure__code=procedure_code)
    found = list(dossiers[: MAX_ROWS + 1])
    now = timezone.now()
    rows = tuple(_row(n, dossier, now) for n, dossier in enumerate(found[:MAX_ROWS], start=1))
    return Register(
        agency=agency,
        start=start,
        end=end,
        procedure=procedure_code,
        rows=rows,
        truncated=len(found) > MAX_ROWS,
    )


def _row(number: int, dossier: Dossier, now: datetime) -> RegisterRow:
    owner = dossier.owner
    contact: dict[str, Any] = dict(dossier.applicant_details or owner)
    milestones: list[ProcessingLogEntry] = getattr(dossier, "milestones", [])
    transferred = [e.at for e in milestones if e.action == "outcome:accept"]
    processed = [e.at for e in milestones if e.to_status == Dossier.Status.PROCESSED]
    timing = _timing(dossier, processed[-1] if processed else None, now)
    note = NOTES.get(timing, "")
    status = str(Dossier.Status(dossier.status).label)
    return RegisterRow(
        number=number,
        code=dossier.code or "",
        procedure=dossier.version.procedure.name,
        procedure_code=dossier.version.procedure.code,
        sets=1,
        owner=str(owner.get("full_name") or ""),
        address=address_as_text(contact.get("address")),
        phone=str(contact.get("phone") or ""),
        competent_agency=dossier.competent_agency.name,
        received_at=dossier.received_at or dossier.submitted_at,
        appointment_date=dossier.appointment_date,
        first_appointment_date=dossier.first_appointment_date,
        transferred_at=transferred[0] if transferred else None,
        result_at=processed[-1] if processed else None,
        returned_at=dossier.returned_at,
        status=status,
        timing=timing,
        note=f"{status}; {note}" if note else status,
    )


def _timing(dossier: Dossier, result_at: datetime | None, now: datetime) -> str:
    """Early/on time/late against the deadline when the result was ready (else returned);
    "open" while in progress ("late" once past due); "" for a dossier that ended without a
    result (refused, stopped, withdrawn) or has no deadline yet."""
    if dossier.due_at is None:
        return ""
    done = result_at or dossier.returned_at
    if done is not None:
        return timing_of(finished=done, due=dossier.due_at)
    if dossier.finished_at is not None:
        return ""
    return "late" if now > dossier.due_at else "open"
