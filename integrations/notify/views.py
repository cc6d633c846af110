"""The SMS gateway's delivery-report webhook: verified (HMAC-SHA256 of the body in
X-Signature), stored once, applied. Answers in JSON: 200 ``{"code": "00"}`` (also for a
report already received), 400 for a malformed report, 403 for a bad signature, 404 when the
configured backend takes no reports."""

import logging

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .backends.base import sms_backend
from .reports import ReportForbidden, ReportInvalid, delivery_report_receive

logger = logging.getLogger("motcua.notify")
MAX_BODY = 16 * 1024


@csrf_exempt  # a server-to-server call, authenticated by its signature
@require_POST
def sms_delivery(request: HttpRequest) -> JsonResponse:
    backend = sms_backend()
    if backend is None or backend.fake:
        return JsonResponse({"code": "404", "message": "no reports expected"}, status=404)
    body = request.body[: MAX_BODY + 1]
    if len(body) > MAX_BODY:
        return JsonResponse({"code": "400", "message": "body too large"}, status=400)
    try:
        _report, new = delivery_report_receive(
            backend=backend, body=body, signature_header=request.headers.get("X-Signature", "")
        )
    except ReportForbidden:
        logger.warning("SMS delivery report with a bad signature refused")
        return JsonResponse({"code": "403", "message": "bad signature"}, status=403)
    except ReportInvalid as exc:
        return JsonResponse({"code": "400", "message": str(exc)}, status=400)
    return JsonResponse({"code": "00", "message": "stored" if new else "duplicate"})
