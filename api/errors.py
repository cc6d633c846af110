"""How the API answers errors, in the request's language (Accept-Language; Vietnamese by
default), in two shapes the OpenAPI schema documents:

- ``{"errors": {path: [messages]}}`` (422): what was sent does not hold (the form's paths, as
  the pages show them next to their fields; ``documents.<code>``, ``consent``, ``payload``...);
- ``{"detail": message}``: 401 (no or a bad credential, with ``WWW-Authenticate: Bearer``),
  404 (unknown, or not yours: never 403), 409 (a state that does not allow it), 429 (with
  Retry-After).
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from api.ratelimits import RateLimited
from forms import FormDataInvalid
from workflows.errors import (
    AttachmentRejected,
    DossierCodeExhausted,
    SubmissionInvalid,
    SupplementationNotOpen,
)


class PayloadInvalid(Exception):
    """What the API itself refuses before a service sees it: ``errors`` by path."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(f"invalid: {', '.join(sorted(errors))}")


def invalid(api: NinjaAPI, request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse:
    return api.create_response(request, {"errors": errors}, status=422)


def detail(api: NinjaAPI, request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


def _request_errors(exc: NinjaValidationError) -> dict[str, list[str]]:
    """Ninja's (pydantic's) errors keyed by where: ``query.limit``, ``body.name``."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "payload")
        errors.setdefault(where or "__all__", []).append(str(error.get("msg", "")))
    return errors


def install_error_handlers(api: NinjaAPI) -> None:
    def handle(exc_type: type[Exception]) -> Any:
        def register(func: Any) -> Any:
            api.add_exception_handler(exc_type, func)
            return func

        return register

    @handle(SubmissionInvalid)
    def _submission(request: HttpRequest, exc: SubmissionInvalid) -> HttpResponse:
        return invalid(api, request, exc.errors)

    @handle(FormDataInvalid)
    def _form(request: HttpRequest, exc: FormDataInvalid) -> HttpResponse:
        return invalid(api, request, exc.errors)

    @handle(PayloadInvalid)
    def _payload(request: HttpRequest, exc: PayloadInvalid) -> HttpResponse:
        return invalid(api, request, exc.errors)

    @handle(AttachmentRejected)
    def _attachment(request: HttpRequest, exc: AttachmentRejected) -> HttpResponse:
        # the service's own text is for logs; the client gets the pages' message
        message = _(
            "Only PDF, JPEG and PNG files of the case's documents are accepted, "
            "within the size limit."
        )
        return invalid(api, request, {"documents": [message]})

    @handle(NinjaValidationError)
    def _request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return invalid(api, request, _request_errors(exc))

    @handle(AuthenticationError)
    def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = detail(
            api, request, _("Sign in: send a valid token as Authorization: Bearer."), 401
        )
        response["WWW-Authenticate"] = 'Bearer realm="motcua"'
        return response

    @handle(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return detail(api, request, _("Not found."), 404)

    @handle(SupplementationNotOpen)
    def _not_open(request: HttpRequest, exc: SupplementationNotOpen) -> HttpResponse:
        return detail(api, request, _("No supplementation request of this dossier is open."), 409)

    @handle(DossierCodeExhausted)
    def _exhausted(request: HttpRequest, exc: DossierCodeExhausted) -> HttpResponse:
        response = detail(
            api, request, _("The agency cannot take more dossiers today: try again tomorrow."), 503
        )
        return response

    @handle(RateLimited)
    def _limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = detail(api, request, _("Too many requests: try again later."), 429)
        response["Retry-After"] = str(exc.retry_after)
        return response
