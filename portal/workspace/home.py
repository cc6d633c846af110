"""The workspace home: how many tasks wait in each queue, each count linking to its list."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from workflows.engine.queues import queue_counts
from workflows.selectors.dossiers import dossiers_awaiting_citizen
from workflows.selectors.memberships import memberships_for

from .access import officer_required

QUEUE_TITLES = {
    "unclaimed": _("Unclaimed in my roles"),
    "mine": _("Claimed by me"),
    "due_soon": _("Due within a day"),
    "overdue": _("Overdue"),
    "waiting": _("Waiting for the citizen"),
}


@require_safe
@officer_required
def home(request: HttpRequest) -> HttpResponse:
    counts = queue_counts(user=request.user)
    counts["waiting"] = dossiers_awaiting_citizen(user=request.user).count()
    queues = [(name, QUEUE_TITLES[name], counts[name]) for name in QUEUE_TITLES]
    memberships = memberships_for(request.user).order_by("agency__path", "role__code")
    return render(
        request,
        "portal/workspace/home.html",
        {"queues": queues, "memberships": memberships},
    )
