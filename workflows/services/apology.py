"""The apology and new appointment date (Form 04) of a dossier that will be late.

The rules (docs/deadlines.md, "The apology"):

- by an officer holding an open task of the dossier (claimed, or unclaimed in a role of
  theirs), or a leader of the competent agency (or of an agency above it);
- while the legal clock runs (status 2, 4 or 6: not while supplementation is awaited, whose
  resumption moves the deadline itself);
- once per dossier (the one-to-one ``DossierApology``; two officers at the same moment: the
  dossier's row lock makes the second one find the first);
- at least one working day before the deadline: no later than the close of office hours of
  the last working day before the due day, under the receiving agency's calendar (the one the
  deadline was computed with);
- the new date is a working day after the current appointment date; the dossier becomes due
  at the close of that day (``due_at``, ``appointment_date``; ``first_appointment_date`` stays).
"""

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from workflows.calendar import calendar_for
from workflows.calendar.arithmetic import close_of, local
from workflows.deadlines.arithmetic import apology_last_moment
from workflows.deadlines.officers import holds_open_task, leads
from workflows.documents.deadlines import apology_context
from workflows.models import Dossier, DossierApology, DossierDocument
from workflows.services.documents import dossier_document_issue
from workflows.services.processing_log import dossier_log

Status = Dossier.Status
APOLOGISABLE = frozenset({Status.ACCEPTED, Status.PROCESSING, Status.FEE_OWED})
REASON_MAX = 2000


class ApologyRefused(Exception):
    """The apology cannot be issued; the message is for the officer."""


def apology_deadline(dossier: Dossier) -> datetime | None:
    """The last moment an apology may be issued for the dossier (None without a deadline)."""
    if dossier.due_at is None:
        return None
    calendar = calendar_for(dossier.receiving_agency)
    return apology_last_moment(dossier.due_at, calendar=calendar)


def apology_refusal(*, dossier: Dossier, by: Any, now: datetime | None = None) -> str:
    """Why ``by`` may not apologise for ``dossier`` now ("" when allowed): reads only."""
    if not (
        holds_open_task(user=by, dossier=dossier) or leads(user=by, agency=dossier.competent_agency)
    ):
        return _("Only an officer handling this dossier, or a leader of its agency, may apologise.")
    if DossierApology.objects.filter(dossier_id=dossier.pk).exists():
        return _("An apology was already issued for this dossier: the law allows one.")
    if dossier.status not in APOLOGISABLE or dossier.due_at is None:
        return _("An apology is possible only while the dossier is being processed.")
    last = apology_deadline(dossier)
    if last is not None and (now or timezone.now()) > last:
        return _(
            "An apology must be issued at least one working day before the deadline: for this "
            "dossier the last moment was %(moment)s."
        ) % {"moment": formats.date_format(local(last), "SHORT_DATETIME_FORMAT")}
    return ""


def dossier_apologise(
    *, dossier: Dossier, by: Any, reason: str, new_appointment_date: date
) -> DossierApology:
    """Issue the apology with its reason and new appointment date (Form 04); the new date
    becomes the dossier's deadline. Raises ApologyRefused with a message for the officer."""
    reason = (reason or "").strip()
    if not reason:
        raise ApologyRefused(_("State the reason why the dossier will be late."))
    if len(reason) > REASON_MAX:
        raise ApologyRefused(_("Keep the reason under %(n)s characters.") % {"n": REASON_MAX})
    try:
        with transaction.atomic():
            return _apologise(dossier.pk, by, reason, new_appointment_date)
    except IntegrityError as exc:  # another apology won the race (one-to-one)
        if DossierApology.objects.filter(dossier_id=dossier.pk).exists():
            raise ApologyRefused(
                _("An apology was already issued for this dossier: the law allows one.")
            ) from exc
        raise


def _apologise(pk: int, by: Any, reason: str, new_date: date) -> DossierApology:
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("receiving_agency", "competent_agency")
        .get(pk=pk)
    )
    refusal = apology_refusal(dossier=dossier, by=by)
    if refusal:
        raise ApologyRefused(refusal)
    assert dossier.due_at is not None  # apology_refusal says so
    calendar = calendar_for(dossier.receiving_agency)
    current = dossier.appointment_date or local(dossier.due_at).date()
    if new_date <= current:
        raise ApologyRefused(_("The new appointment date must be after the current one."))
    if not (calendar.is_working_day(new_date) and calendar.office_hours(new_date)):
        raise ApologyRefused(_("The new appointment date must be a working day."))
    new_due = close_of(new_date, calendar)
    apology = DossierApology.objects.create(
        dossier=dossier,
        reason=reason,
        previous_due_at=dossier.due_at,
        previous_appointment_date=dossier.appointment_date,
        new_due_at=new_due,
        new_appointment_date=new_date,
        drafted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    dossier.due_at, dossier.appointment_date = new_due, new_date
    dossier.save(update_fields=["due_at", "appointment_date", "updated_at"])
    dossier_log(
        dossier=dossier,
        actor=by,
        action="apology_issued",
        comment=f"{new_date:%d/%m/%Y}",
        due_at=new_due,
    )
    dossier_document_issue(
        dossier=dossier,
        kind=DossierDocument.Kind.APOLOGY,
        by=by,
        extra={"apology": apology_context(apology)},
    )
    return apology
