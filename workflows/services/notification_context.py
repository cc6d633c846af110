"""What a dossier's notification says and to whom: the placeholders' values (dates as
dd/mm/yyyy, amounts as 50.000) and the recipients by channel."""

from datetime import date, datetime
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from workflows.documents.context import public_url, track_url
from workflows.models import Dossier, DossierApology, DossierFee, ProcessingLogEntry


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return f"{value:%d/%m/%Y}"


def moment(value: datetime | None) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}" if value else ""


def amount(value: int) -> str:
    """50000 → 50.000 (the Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def dossier_context(*, dossier: Dossier, entry: ProcessingLogEntry | None = None) -> dict[str, Any]:
    """Every dossier placeholder's value (the template uses those its event declares)."""
    context: dict[str, Any] = {
        "code": dossier.code or "",
        "procedure": dossier.version.procedure.name,
        "track_url": track_url(dossier),
        "received_date": day(dossier.received_at or dossier.submitted_at),
        "appointment_date": day(dossier.appointment_date),
        "tracking_number": dossier.postal_tracking_number,
        "reason": _reason(dossier=dossier, entry=entry),
    }
    if entry is not None and entry.action == "shipment_created" and entry.comment:
        context["tracking_number"] = entry.comment
    fees = DossierFee.objects.filter(dossier=dossier)
    owed = fees.filter(status=DossierFee.Status.OWED).aggregate(total=Sum("amount"))["total"]
    paid = fees.filter(status=DossierFee.Status.PAID).order_by("-paid_at", "-pk").first()
    context["amount"] = amount(owed or 0)
    if paid is not None:
        if not owed:
            context["amount"] = amount(paid.amount)
        context["receipt_number"] = paid.receipt_number
    apology = DossierApology.objects.filter(dossier=dossier).first()
    if apology is not None:
        context["new_date"] = day(apology.new_appointment_date)
        if entry is not None and entry.action == "apology_issued":
            context["reason"] = apology.reason
    return context


def _reason(*, dossier: Dossier, entry: ProcessingLogEntry | None) -> str:
    """The entry's comment, else the comment of the officer's decision that led to it (a
    status change is logged apart from the outcome that caused it)."""
    if entry is None:
        return ""
    if entry.comment and entry.action not in ("shipment_created", "submitted"):
        return entry.comment
    decision = (
        ProcessingLogEntry.objects.filter(
            dossier=dossier, action__startswith="outcome:", at__lte=entry.at
        )
        .exclude(comment="")
        .order_by("-at", "-id")
        .values_list("comment", flat=True)
        .first()
    )
    return decision or ""


def dossier_addresses(dossier: Dossier) -> dict[str, str]:
    """{channel: address} known for the dossier: the applicant's (else the owner's) email and
    phone on the form, the applicant account's email when the form has none."""
    person = dossier.applicant_details or {}
    owner = dossier.owner
    email = (person.get("email") or owner.get("email") or "").strip()
    if not email and dossier.applicant_id is not None:
        email = (getattr(dossier.applicant, "email", "") or "").strip()
    phone = (person.get("phone") or owner.get("phone") or "").strip()
    return {"email": email, "sms": phone}


def dossier_recipients(dossier: Dossier) -> dict[str, str]:
    """{channel: address} for the channels the applicant chose (none chosen: email, when an
    email is known)."""
    chosen = [c for c in (dossier.notify_channels or []) if c in ("email", "sms")] or ["email"]
    found = dossier_addresses(dossier)
    return {channel: found[channel] for channel in chosen if found[channel]}


def workspace_url() -> str:
    return f"{public_url()}/workspace/"
