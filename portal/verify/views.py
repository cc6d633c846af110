"""The public verification page: upload a PDF, or follow the QR code printed on a result.
It shows the verdict with its reasons and the document's metadata, never its content."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from portal.track.views import limited
from workflows.selectors.verification import (
    DocumentVerification,
    document_verify,
    document_verify_token,
)

from .forms import VerifyForm
from .limits import verify_limited


@require_http_methods(["GET", "POST"])
def verify_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/verify/upload.html", {"form": VerifyForm()})
    if verify_limited(request):
        return limited(request)
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "portal/verify/upload.html", {"form": form}, status=400)
    result = document_verify(pdf=form.cleaned_data["document"])
    return _result(request, result, form=VerifyForm())


@require_GET
def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    if verify_limited(request):
        return limited(request)
    result = document_verify_token(token=token)
    if result is None:
        return render(request, "portal/verify/unknown.html", {"form": VerifyForm()}, status=404)
    return _result(request, result, form=VerifyForm())


def _result(
    request: HttpRequest, result: DocumentVerification, *, form: VerifyForm
) -> HttpResponse:
    response = render(request, "portal/verify/result.html", {"result": result, "form": form})
    response["Cache-Control"] = "no-store"
    return response
