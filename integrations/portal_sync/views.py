"""The fake portal over HTTP (/portal-sync/fake/login and /service): the same answers as the
in-process fake, so that ``dvcqg_http`` itself can be pointed at this server on a demo
(MOTCUA_PORTAL_SYNC_URL=http://127.0.0.1:8000/portal-sync/fake). Served only where fakes are
allowed (DEBUG or MOTCUA_ALLOW_FAKES); 404 elsewhere."""

import json
import time

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .backends.fake import fake_answer, fake_mode
from .models import FakePortalControl

MAX_BODY = 1024 * 1024


@csrf_exempt  # a machine-to-machine JSON API: the session token in the body authenticates
@require_POST
def fake_portal(request: HttpRequest, operation: str) -> JsonResponse:
    if not (settings.DEBUG or settings.MOTCUA_ALLOW_FAKES):
        raise Http404
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error_code": "-1", "message": "Dữ liệu quá lớn"}, status=413)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        return JsonResponse({"error_code": "-1", "message": "JSON không hợp lệ"}, status=400)
    if fake_mode() == FakePortalControl.Mode.SLOW:
        time.sleep(float(settings.PORTAL_SYNC_READ_TIMEOUT) + 1)  # the caller gives up first
    status, answer = fake_answer(f"/{operation}", payload)
    return JsonResponse(answer, status=status)
