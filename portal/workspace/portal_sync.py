"""The national portal reconciliation page (/workspace/portal-sync/): every submitted dossier
with its sync state (in step, pending, failed with the error, differs), filters, and two
actions on the dossiers ticked: push again, compare with the portal (``TraCuuHoSo``).

For administrators and accounts with the permission ``portal_sync.reconcile_syncstate``."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from integrations.portal_sync.service import portal_enabled
from workflows.models import Dossier
from workflows.services.portal_sync_reconcile import (
    STATE_LABELS,
    portal_sync_again,
    portal_sync_compare,
    portal_sync_rows,
)

PERMISSION = "portal_sync.reconcile_syncstate"
MAX_DOSSIERS = 1000  # the most recently changed; narrow by code to see older ones
PER_PAGE = 50
MAX_SELECTED = 50


def reconciler_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


class SyncFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Sync state"),
        required=False,
        choices=[("", gettext_lazy("Any"))] + [(key, label) for key, label in STATE_LABELS.items()],
    )
    code = forms.CharField(
        label=gettext_lazy("Dossier code or its beginning"), required=False, max_length=60
    )


@require_http_methods(["GET", "HEAD", "POST"])
@reconciler_required
def portal_sync_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _act(request)
    form = SyncFilterForm(request.GET or None)
    dossiers = Dossier.objects.filter(code__isnull=False).select_related("version__procedure")
    state = ""
    if form.is_valid():
        state = form.cleaned_data["state"]
        if form.cleaned_data["code"]:
            dossiers = dossiers.filter(code__startswith=form.cleaned_data["code"].strip())
    rows = portal_sync_rows(dossiers=list(dossiers.order_by("-updated_at")[:MAX_DOSSIERS]))
    counts = {key: 0 for key in STATE_LABELS}
    for row in rows:
        counts[row.state] += 1
    shown = [row for row in rows if not state or row.state == state]
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/workspace/portal_sync.html",
        {
            "form": form,
            "page": page,
            "counts": [(STATE_LABELS[key], counts[key]) for key in STATE_LABELS],
            "query": query.urlencode(),
            "limit": MAX_DOSSIERS,
            "enabled": portal_enabled(),
        },
    )


def _act(request: HttpRequest) -> HttpResponse:
    """POST-redirect-GET: the action on the ticked dossiers, its outcome as a message."""
    back = redirect(request.get_full_path())
    ids = [int(value) for value in request.POST.getlist("dossier") if value.isdigit()]
    ids = list(dict.fromkeys(ids))
    if not ids:
        messages.error(request, _("Tick at least one dossier."))
        return back
    if len(ids) > MAX_SELECTED:
        messages.error(
            request, _("Tick at most %(count)d dossiers at a time.") % {"count": MAX_SELECTED}
        )
        return back
    dossiers = list(Dossier.objects.filter(pk__in=ids, code__isnull=False).order_by("pk"))
    action = request.POST.get("action")
    if action == "push":
        count = portal_sync_again(dossiers=dossiers)
        messages.success(
            request, _("%(count)d dossiers will be pushed to the portal again.") % {"count": count}
        )
    elif action == "compare":
        compared, failed = portal_sync_compare(dossiers=dossiers)
        if failed:
            messages.error(
                request,
                _("Compared %(compared)d dossiers; the portal did not answer for the rest.")
                % {"compared": compared},
            )
        else:
            messages.success(
                request,
                _("Compared %(compared)d dossiers with the portal.") % {"compared": compared},
            )
    else:
        messages.error(request, _("Choose an action."))
    return back
