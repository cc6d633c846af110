"""The sync states (read only), the fake portal's store and its behaviour switch."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import FakePortalControl, FakePortalRecord, SyncState


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SyncState)
class SyncStateAdmin(ReadOnly):
    list_display = ["reference", "code", "pushed_status", "portal_status", "in_step", "last_error"]
    list_filter = ["in_step"]
    search_fields = ["reference", "code"]


@admin.register(FakePortalRecord)
class FakePortalRecordAdmin(ReadOnly):
    list_display = ["code", "status", "pushes", "updated_at"]
    search_fields = ["code"]
    exclude = ["record", "progress"]  # personal data: not shown in lists of the fake
    readonly_fields = ["code", "status", "statuses", "pushes", "updated_at"]


@admin.register(FakePortalControl)
class FakePortalControlAdmin(admin.ModelAdmin):
    list_display = ["__str__", "logins", "session_expires_at", "updated_at"]
    fields = ["mode", "logins", "session_expires_at"]
    readonly_fields = ["logins", "session_expires_at"]
    actions = ["expire_session"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not FakePortalControl.objects.exists()

    def save_model(
        self, request: HttpRequest, obj: FakePortalControl, form: Any, change: bool
    ) -> None:
        obj.pk = 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("End the fake portal's session (the next call logs in again)"))
    def expire_session(self, request: HttpRequest, queryset: QuerySet[FakePortalControl]) -> None:
        queryset.update(session="", session_expires_at=None)
