"""The applicant's request to withdraw a dossier (status 7, "withdrawal requested").

Allowed while no result exists: the process's open tasks are cancelled with the process
(viewflow's ``Flow.cancel``, under the flow lock: the process row, then the dossier's, the
order every service takes them), the status changes and the processing log says so. What
the agency does next (the officer's confirmation, Form 05) is not this module's."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS

from workflows.engine import process_of
from workflows.engine.runtime import flow_class_for
from workflows.models import Dossier, DossierDocument
from workflows.services.processing_log import dossier_log

WITHDRAWABLE = frozenset(
    {
        Dossier.Status.NEW,
        Dossier.Status.ACCEPTED,
        Dossier.Status.PROCESSING,
        Dossier.Status.SUPPLEMENTATION_REQUESTED,
        Dossier.Status.FEE_OWED,
    }
)
REASON_MAX = 1000


class WithdrawalNotAllowed(Exception):
    """The dossier cannot be withdrawn (not the applicant's, or too late); the message is
    for the user."""


def dossier_withdrawable(dossier: Dossier) -> bool:
    """Whether the status allows a withdrawal and no result was issued (reads only)."""
    return (
        dossier.status in WITHDRAWABLE
        and not dossier.documents.filter(kind=DossierDocument.Kind.RESULT).exists()
    )


def dossier_withdraw(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Request the withdrawal of ``dossier`` by its applicant ``by``, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawalNotAllowed(_("Give the reason for withdrawing the dossier."))
    if len(reason) > REASON_MAX:
        raise WithdrawalNotAllowed(_("Keep the reason under %(n)s characters.") % {"n": REASON_MAX})
    with transaction.atomic():
        process = process_of(dossier)
        if process is not None:
            Process.objects.select_for_update().filter(pk=process.pk).values_list("pk").first()
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("version")
            .get(pk=dossier.pk)
        )
        if by is None or dossier.applicant_id != getattr(by, "pk", None):
            raise WithdrawalNotAllowed(_("Only the applicant may withdraw the dossier."))
        if not dossier_withdrawable(dossier):
            raise WithdrawalNotAllowed(_("This dossier can no longer be withdrawn."))
        if process is not None:
            process.refresh_from_db()
            if process.status not in (PROCESS.DONE, PROCESS.CANCELED):
                flow_class_for(dossier.version).instance.cancel(process)
        before = dossier.status
        dossier.status = Dossier.Status.WITHDRAWAL_REQUESTED
        dossier.save(update_fields=["status", "updated_at"])
        dossier_log(
            dossier=dossier,
            actor=by,
            action="withdrawal_requested",
            from_status=before,
            to_status=dossier.status,
            comment=reason,
        )
    return dossier
