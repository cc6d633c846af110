"""bench/lookup.py's URLs: the product's, plus the naive lookup it is measured against (loaded
only by bench.lookup_settings, never by the product).

The naive view answers what the public status page answers, the plain way: the dossier's full
row (its encrypted columns decrypted), its version and procedure by lazy loading, every log row
as a model, the same timeline and the same templates; no cache, no rate limit.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe

from config.urls import urlpatterns as product
from portal.track.forms import SecretForm
from workflows.models import Dossier
from workflows.selectors.public_status import PublicStatus
from workflows.selectors.timeline import LOG_COLUMNS, step_names, timeline_from_log


def naive_status(request: HttpRequest, code: str) -> HttpResponse:
    dossier = Dossier.objects.filter(code=code).first()
    if dossier is None:
        raise Http404
    version = dossier.version
    entries = list(dossier.log_entries.order_by("at", "id"))
    rows = [{column: getattr(entry, column) for column in LOG_COLUMNS} for entry in entries]
    status = PublicStatus(
        code=dossier.code or code,
        procedure_code=version.procedure.code,
        procedure_name=version.procedure.name,
        status=dossier.status,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        appointment_date=dossier.appointment_date,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        timeline=timeline_from_log(rows, names=step_names(version.definition)),
    )
    fragment = mark_safe(render_to_string("portal/track/_status.html", {"status": status}))  # noqa: S308
    secret_form = SecretForm(initial={"code": status.code})
    context = {"code": status.code, "fragment": fragment, "secret_form": secret_form}
    return render(request, "portal/track/status.html", context)


urlpatterns = [path("bench/naive/<str:code>/", naive_status), *product]
