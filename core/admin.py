"""Admin for core: the outbox (dead letters with their error, retry and discard),
the periodic jobs' state and the access log (read-only)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.audit.models import AccessLogEntry
from core.outbox.admin_actions import outbox_discard, outbox_retry
from core.outbox.models import OutboxMessage
from core.periodic import PeriodicJobState


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "summary", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["=id", "=idempotency_key", "=ordering_key"]
    # The payload is encrypted personal data: not shown here.
    fields = [
        "kind",
        "summary",
        "status",
        "attempts",
        "max_attempts",
        "idempotency_key",
        "ordering_key",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    actions = ["retry", "discard"]
    date_hierarchy = "created_at"

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("core.retry_outboxmessage")

    @admin.action(description=_("Send again"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: "QuerySet[OutboxMessage]") -> None:
        count = outbox_retry(messages=queryset)
        self.message_user(
            request,
            ngettext("%(n)d message queued again.", "%(n)d messages queued again.", count)
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Discard (give up)"), permissions=["retry"])
    def discard(self, request: HttpRequest, queryset: "QuerySet[OutboxMessage]") -> None:
        count = outbox_discard(messages=queryset)
        self.message_user(
            request,
            ngettext("%(n)d message discarded.", "%(n)d messages discarded.", count) % {"n": count},
            messages.WARNING,
        )


@admin.register(PeriodicJobState)
class PeriodicJobStateAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "running_until", "last_error"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["=object_id", "=request_id", "actor__username"]
    date_hierarchy = "at"
