"""The dossier's shipment on its pages: ``{% shipment_panel task dossier is_open %}`` on the
task page (the tracking, and the result desk's form to send the result by post), and
``{% shipment_tracking dossier %}`` on the applicant's page (the tracking, never the address)."""

from typing import Any

from django import template

from workflows.models import Dossier
from workflows.services.shipments import SHIPPED, dossier_shipment

register = template.Library()


@register.inclusion_tag("portal/workspace/_shipment.html", takes_context=True)
def shipment_panel(context: Any, task: Any, dossier: Dossier, is_open: bool) -> dict[str, Any]:
    from portal.workspace.shipments import ShipForm

    by_post = dossier.result_delivery == Dossier.ResultDelivery.POST
    may_ship = by_post and is_open and SHIPPED in getattr(task.flow_task, "outcomes", ())
    return {
        "csrf_token": context.get("csrf_token"),
        "task": task,
        "by_post": by_post,
        "shipment": dossier_shipment(dossier=dossier) if by_post else None,
        "ship_form": ShipForm(prefix="ship") if may_ship else None,
    }


@register.inclusion_tag("portal/mine/_shipment.html")
def shipment_tracking(dossier: Dossier) -> dict[str, Any]:
    by_post = dossier.result_delivery == Dossier.ResultDelivery.POST
    return {"shipment": dossier_shipment(dossier=dossier) if by_post else None}
