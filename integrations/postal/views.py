"""The provider's webhook: ``POST /postal/webhook/<backend>/``, signed (HMAC-SHA256 of the
raw body), stored, deduplicated, applied. Answers JSON; any answer but 2xx makes the
provider send it again."""

import logging

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .base import WebhookRejected
from .webhook import UnknownShipment, webhook_receive

logger = logging.getLogger("motcua.postal")
MAX_BODY = 64 * 1024


@csrf_exempt  # a server-to-server call, authenticated by its signature
@require_POST
def webhook(request: HttpRequest, backend: str) -> JsonResponse:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return JsonResponse({"error": "body too large"}, status=413)
    if backend == "fake":  # the fake calls webhook_receive itself, never over HTTP
        return JsonResponse({"error": "unknown shipment or backend"}, status=404)
    try:
        received = webhook_receive(
            backend_id=backend, body=request.body, headers=dict(request.headers)
        )
    except LookupError as exc:
        status = 404
        if isinstance(exc, UnknownShipment):
            logger.info("postal webhook for an unknown shipment", extra={"backend": backend})
        return JsonResponse({"error": "unknown shipment or backend"}, status=status)
    except WebhookRejected as exc:
        logger.warning(
            "postal webhook rejected", extra={"backend": backend, "reason": str(exc)[:200]}
        )
        return JsonResponse({"error": str(exc)[:200]}, status=exc.status)
    return JsonResponse({"received": received.events, "applied": received.applied})
