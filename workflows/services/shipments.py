"""Sending a dossier's result by post: the result desk orders the shipment (receiver from the
dossier's personal data, sender the receiving agency), the tracking number goes on the dossier
and in its processing log, and the step completes with ``shipped`` (the process then waits for
``shipment_delivered``, workflows/subscribers/postal.py).

    info = result_ship(task_id=task.pk, by=officer, weight_grams=200, cod_amount=0,
                       payer="sender")
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task

from integrations.postal.service import (
    PostalError,
    PostalRejected,
    ShipmentInfo,
    ShipmentInvalid,
    shipment_create,
    shipment_for,
)
from workflows.engine import task_complete
from workflows.models import Dossier, Role
from workflows.selectors.memberships import user_has_role
from workflows.services.processing_log import dossier_log

SHIPPED = "shipped"
CONTENT = "Kết quả giải quyết thủ tục hành chính, hồ sơ {code}"

__all__ = [
    "SHIPPED",
    "PostalError",
    "ShipmentRefused",
    "dossier_ship",
    "dossier_shipment",
    "result_ship",
]


class ShipmentRefused(Exception):
    """Why the dossier's result cannot be sent by post (a message for the officer)."""


def dossier_reference(dossier: Dossier) -> str:
    return f"dossier:{dossier.pk}"


def dossier_shipment(*, dossier: Dossier) -> ShipmentInfo | None:
    """The dossier's latest shipment with its events, or None."""
    return shipment_for(reference=dossier_reference(dossier))


def dossier_ship(
    *, dossier: Dossier, by: Any, weight_grams: int, cod_amount: int, payer: str
) -> ShipmentInfo:
    """Order the shipment of the dossier's result (the one in progress when there is one),
    keep its tracking number on the dossier and log ``shipment_created`` (the comment is the
    tracking number alone). Raises ShipmentRefused (not the result desk of the receiving
    agency, not a post delivery, an incomplete address) or PostalError (the postal service
    cannot be reached: nothing changed, try again)."""
    if not user_has_role(by, Role.Standard.RESULT_DESK, dossier.receiving_agency, inherited=True):
        raise ShipmentRefused(_("Only the result desk of the receiving agency sends results."))
    if dossier.result_delivery != Dossier.ResultDelivery.POST:
        raise ShipmentRefused(_("The applicant did not ask for the result by post."))
    try:
        info = shipment_create(
            reference=dossier_reference(dossier),
            kind="delivery",
            sender=_sender(dossier),
            receiver=_receiver(dossier),
            weight_grams=weight_grams,
            cod_amount=cod_amount,
            payer=payer,
            content=CONTENT.format(code=dossier.code),
        )
    except ShipmentInvalid as exc:
        raise ShipmentRefused(
            _("The shipment cannot be ordered: %(problems)s.") % {"problems": exc}
        ) from exc
    except PostalRejected as exc:
        raise ShipmentRefused(_("The postal service refused the shipment.")) from exc
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.postal_tracking_number != info.tracking_number:
            Dossier.objects.filter(pk=dossier.pk).update(
                postal_tracking_number=info.tracking_number
            )
            dossier_log(
                dossier=locked, actor=by, action="shipment_created", comment=info.tracking_number
            )
        dossier.postal_tracking_number = info.tracking_number
    return info


def result_ship(
    *, task_id: int, by: Any, weight_grams: int, cod_amount: int, payer: str
) -> ShipmentInfo:
    """At the result desk: ship the result and complete the step with ``shipped``, in one
    transaction (the provider is asked again with the same order code when a retry follows a
    failure, so it makes one order)."""
    task = Task.objects.select_related("process").get(pk=task_id)
    if SHIPPED not in getattr(task.flow_task, "outcomes", ()):
        raise ShipmentRefused(_("This step does not send results by post."))
    dossier = Dossier.objects.select_related("receiving_agency").get(
        pk=task.process.artifact_object_id
    )
    with transaction.atomic():
        info = dossier_ship(
            dossier=dossier, by=by, weight_grams=weight_grams, cod_amount=cod_amount, payer=payer
        )
        task_complete(
            task_id=task_id, user=by, outcome=SHIPPED, comment=info.tracking_number, _effects=True
        )
    return info


def _receiver(dossier: Dossier) -> dict[str, Any]:
    applicant, owner = dossier.applicant_details, dossier.owner
    address: Any = applicant.get("address") or owner.get("address") or {}
    return {
        "name": applicant.get("full_name") or owner.get("full_name") or "",
        "phone": applicant.get("phone") or owner.get("phone") or "",
        "address": address if isinstance(address, dict) else {"street": str(address)},
    }


def _sender(dossier: Dossier) -> dict[str, Any]:
    agency = dossier.receiving_agency
    return {
        "name": agency.name,
        "phone": settings.MOTCUA_POSTAL_SENDER_PHONE,
        "address": {
            "street": agency.address,
            "province": settings.MOTCUA_POSTAL_SENDER_PROVINCE,
            "commune": settings.MOTCUA_POSTAL_SENDER_COMMUNE,
        },
    }
