"""Public tracking: a dossier's status by its code (no login, nothing personal), and the way to
the full dossier with the code and its tracking secret."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.access import dossier_by_code_and_secret, dossier_grant
from workflows.selectors.public_status import normalise_code

from .forms import CodeForm, SecretForm
from .fragments import status_fragment
from .limits import secret_limited, status_limited

MINE_DOSSIER_PATH = "/my/dossiers/{code}/"  # the mine lane's page of one dossier


@require_GET
def track_form(request: HttpRequest) -> HttpResponse:
    """The code form (GET, so that the result can be bookmarked) and the secret form."""
    form = CodeForm(request.GET) if "code" in request.GET else CodeForm()
    if form.is_bound and form.is_valid():
        return redirect("track:status", code=form.cleaned_data["code"])
    return _track_page(request, form=form, secret_form=SecretForm())


@require_GET
def track_status(request: HttpRequest, code: str) -> HttpResponse:
    if status_limited(request):
        return limited(request)
    code = normalise_code(code)
    fragment = status_fragment(code)
    if fragment is None:
        context = {"code": code, "form": CodeForm(initial={"code": code})}
        return render(request, "portal/track/not_found.html", context, status=404)
    secret_form = SecretForm(initial={"code": code})
    context = {"code": code, "fragment": fragment, "secret_form": secret_form}
    return render(request, "portal/track/status.html", context)


@require_POST
def track_access(request: HttpRequest) -> HttpResponse:
    """The code and tracking secret: a session grant, then the full dossier (mine lane)."""
    form = SecretForm(request.POST)
    if not form.is_valid():
        return _track_page(request, form=CodeForm(), secret_form=form)
    code = form.cleaned_data["code"]
    if secret_limited(request, code):
        return limited(request)
    dossier = dossier_by_code_and_secret(code=code, secret=form.cleaned_data["secret"])
    if dossier is None:
        form.add_error("secret", _("This code and tracking secret do not match a dossier."))
        return _track_page(request, form=CodeForm(), secret_form=form)
    dossier_grant(request, dossier)
    return HttpResponseRedirect(MINE_DOSSIER_PATH.format(code=dossier.code))


def limited(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/track/limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def _track_page(request: HttpRequest, *, form: CodeForm, secret_form: SecretForm) -> HttpResponse:
    context = {"form": form, "secret_form": secret_form}
    return render(request, "portal/track/track.html", context)
