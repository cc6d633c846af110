"""The SOAP endpoint (/soap/): the WSDL on GET ?wsdl, calls on POST.

Before spyne sees a call: a SOAP 1.1 Content-Type (else a fault, 415), a body of at most
MOTCUA_SOAP_MAX_BODY_BYTES read from the stream (else a fault, 413), no DTD (a fault), a
known active client (``X-Api-Key``, or the client certificate's fingerprint forwarded by a
trusted proxy; else a fault, 401) within its rate (else a fault, 429). Every answer is a
SOAP 1.1 envelope in text/xml, never an HTML page.
"""

import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage

from api.models import SoapClient

from .application import public_wsdl, wsgi_application
from .clients import soap_client_authenticate
from .faults import CONTENT_TYPE, fault_response
from .guards import BodyTooLarge, body_read, content_type_ok, has_dtd
from .service import CLIENT_ENV_KEY


@csrf_exempt  # a machine endpoint: callers authenticate with a key or a certificate
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and request.META.get("QUERY_STRING", "").lower() == "wsdl":
        return HttpResponse(public_wsdl(), content_type=CONTENT_TYPE)
    if request.method != "POST":
        response = fault_response(
            "Client.MethodNotAllowed",
            _("Send SOAP calls by POST; the WSDL is at ?wsdl."),
            status=405,
        )
        response["Allow"] = "GET, POST"
        return response
    if not content_type_ok(request):
        return fault_response(
            "Client.UnsupportedMediaType", _("Send SOAP 1.1 as text/xml."), status=415
        )
    try:
        body = body_read(request, limit=int(settings.MOTCUA_SOAP_MAX_BODY_BYTES))
    except BodyTooLarge:
        return fault_response(
            "Client.TooLarge",
            _("The request is larger than %(mb)s MB.")
            % {"mb": round(int(settings.MOTCUA_SOAP_MAX_BODY_BYTES) / (1024 * 1024), 1)},
            status=413,
        )
    if has_dtd(body):
        return fault_response("Client.DTDForbidden", _("A SOAP message may not contain a DTD."))
    client = _client(request)
    if client is None:
        return fault_response(
            "Client.Authentication", _("Send a valid key in the X-Api-Key header."), status=401
        )
    retry_after = _rate_limited(request, client)
    if retry_after:
        response = fault_response("Client.RateLimited", _("Too many calls; try later."), status=429)
        response["Retry-After"] = str(retry_after)
        return response
    return _dispatch(request, body, client)


def _client(request: HttpRequest) -> SoapClient | None:
    key = request.headers.get("X-Api-Key", "").strip()
    if key:
        return soap_client_authenticate(key=key)
    proxies = settings.MOTCUA_SOAP_TRUSTED_PROXIES
    if proxies and request.META.get("REMOTE_ADDR") in proxies:
        fingerprint = request.headers.get(settings.MOTCUA_SOAP_CERT_HEADER, "")
        if fingerprint:
            return soap_client_authenticate(certificate_sha256=fingerprint)
    return None


def _rate_limited(request: HttpRequest, client: SoapClient) -> int:
    """The seconds to wait when ``client`` is over MOTCUA_SOAP_RATE, else 0."""
    usage = get_usage(
        request,
        group="soap",
        key=lambda _group, _request: f"soap-client:{client.pk}",
        rate=settings.MOTCUA_SOAP_RATE,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return max(1, int(usage["time_left"]))
    return 0


def _dispatch(request: HttpRequest, body: bytes, client: SoapClient) -> HttpResponse:
    environ: dict[str, Any] = dict(request.META)
    environ.update(
        {
            "REQUEST_METHOD": "POST",
            "QUERY_STRING": "",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_LENGTH": str(len(body)),
            CLIENT_ENV_KEY: client,
        }
    )
    started: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> None:
        started["status"], started["headers"] = status, headers

    content = b"".join(wsgi_application().handle_rpc(environ, start_response))
    status = int(started["status"].split(" ", 1)[0])
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPE)
    for name, value in started["headers"]:
        if name.lower() not in ("content-type", "content-length"):
            response[name] = value
    return response
