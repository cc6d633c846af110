"""The dossier page's notifications section: what was sent (event, channel, time, status,
masked address) and, for the applicant, the choice of channels."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrations.notify.service import address_masked, notifications_for
from portal.mine.access import dossier_for_page, is_applicant
from workflows.models import Dossier
from workflows.services.notification_context import dossier_addresses
from workflows.services.notifications import dossier_notify_channels_set

CHOICES = Dossier.NotifyChannel.choices


def channels_from_post(post: Any) -> list[str]:
    """The ticked channels (``_notify``), known values only, in the choices' order."""
    ticked = set(post.getlist("_notify")) if hasattr(post, "getlist") else set()
    return [code for code, _label in CHOICES if code in ticked]


def notifications_context(
    dossier: Dossier, *, applicant: bool, post: Any = None, errors: Any = None
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "notifications": notifications_for(reference=f"dossier:{dossier.pk}"),
    }
    if applicant:
        addresses = dossier_addresses(dossier)
        chosen = channels_from_post(post) if post else (dossier.notify_channels or ["email"])
        context.update(
            notify_choices=[
                (code, label, address_masked(channel=code, to=addresses[code]))
                for code, label in CHOICES
            ],
            notify_chosen=chosen,
            notify_errors=list((errors or {}).get("notify", ())),
        )
    return context


@login_required
@require_POST
def channels(request: HttpRequest, code: str) -> HttpResponse:
    from portal.mine.page import dossier_context

    found = dossier_for_page(request, code)
    if not is_applicant(request, found):
        raise Http404  # a visitor with a grant reads; only the signed-in applicant chooses
    chosen = channels_from_post(request.POST)
    if not chosen:
        errors = {"notify": [_("Choose at least one way to be notified.")]}
        page = dossier_context(request, found, post=request.POST, errors=errors)
        return render(request, "portal/mine/dossier.html", page, status=400)
    dossier_notify_channels_set(dossier=found, channels=chosen)
    messages.success(request, _("Your notification choice is saved."))
    return redirect(reverse("mine:dossier", kwargs={"code": code}) + "#notifications")
