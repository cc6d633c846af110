"""Every admin action goes to the access log: each change (POST) in the admin, and each
read of a record's page there."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .models import AccessLogEntry
from .services import access_record

_CHANGE_VIEW = re.compile(r"_(change|delete|history)$")


class AdminAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return response
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return response
        if match.namespace != "admin" or response.status_code >= 400:
            return response
        name = match.url_name or ""
        object_id = str(match.kwargs.get("object_id", ""))
        object_type = "" if name in {"index", "app_list"} else "_".join(name.split("_")[:2])
        if request.method == "POST":
            action = AccessLogEntry.Action.ADMIN
        elif _CHANGE_VIEW.search(name) and object_id:
            action = AccessLogEntry.Action.VIEW
        else:
            return response
        access_record(
            actor=user,
            action=action,
            object_type=object_type.replace("_", "."),
            object_id=object_id,
            path=request.path,
        )
        return response
