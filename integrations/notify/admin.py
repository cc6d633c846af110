"""Admin: template versions (an edit of the text is a new version; preview with sample
values; SMS size; restore an old version), notifications and delivery reports read-only with
the recipient masked, the fake gateway's messages for the demo."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyAdmin

from .catalogue import event_spec
from .models import DeliveryReport, FakeSms, Notification, NotificationTemplate
from .recipients import recipient_mask
from .rendering import TemplateError, sms_segments, template_render
from .templates import template_restore, template_version_create

TEXT_FIELDS = {"event", "channel", "language", "subject", "body"}


def _preview(template: NotificationTemplate) -> tuple[str, str]:
    spec = event_spec(template.event)
    values = spec.sample_context()
    subject = template_render(template.subject, context=values, allowed=spec.placeholders)
    body = template_render(template.body, context=values, allowed=spec.placeholders)
    return subject, body


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["event", "channel", "language", "version", "active", "sms_size", "created_at"]
    list_filter = ["event", "channel", "language", "active"]
    readonly_fields = ["version", "placeholders", "preview", "sms_size", "created_at", "created_by"]
    fields = [
        "event", "channel", "language", "version", "active", "placeholders", "subject", "body",
        "preview", "sms_size", "created_at", "created_by",
    ]  # fmt: skip
    actions = ["restore"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are kept: notifications refer to the one they used

    @admin.display(description=_("allowed placeholders"))
    def placeholders(self, obj: NotificationTemplate) -> str:
        if not obj.event:
            return "-"
        return ", ".join(f"{{{name}}}" for name in event_spec(obj.event).placeholders)

    @admin.display(description=_("preview (sample values)"))
    def preview(self, obj: NotificationTemplate) -> str:
        if not obj.pk:
            return "-"
        try:
            subject, body = _preview(obj)
        except TemplateError as exc:
            return str(exc)
        return format_html("<strong>{}</strong><pre>{}</pre>", subject, body)

    @admin.display(description=_("SMS size"))
    def sms_size(self, obj: NotificationTemplate) -> str:
        if obj.channel != "sms" or not obj.pk:
            return "-"
        try:
            _subject, body = _preview(obj)
        except TemplateError:
            return "-"
        encoding, units, segments = sms_segments(body)
        return ngettext(
            "%(encoding)s, %(units)d characters: %(segments)d segment",
            "%(encoding)s, %(units)d characters: %(segments)d segments",
            segments,
        ) % {"encoding": encoding, "units": units, "segments": segments}

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change and not TEXT_FIELDS & set(form.changed_data):
            obj.save(update_fields=["active"])  # switching a version on or off
            return
        created = template_version_create(
            event=obj.event,
            channel=obj.channel,
            language=obj.language,
            subject=obj.subject,
            body=obj.body,
            active=obj.active,
            created_by=request.user,
        )
        if change:
            messages.info(
                request,
                _("Saved as version %(version)d; version %(old)d is kept.")
                % {"version": created.version, "old": obj.version},
            )
        # the admin goes on with the new version (its change page, its log entry)
        obj.pk, obj.version, obj.created_at = created.pk, created.version, created.created_at

    @admin.action(description=_("Restore the selected versions (each as the newest)"))
    def restore(self, request: HttpRequest, queryset: QuerySet[NotificationTemplate]) -> None:
        restored = [template_restore(template=t, by=request.user) for t in queryset]
        self.message_user(
            request,
            ngettext("%(n)d version restored.", "%(n)d versions restored.", len(restored))
            % {"n": len(restored)},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = [
        "id", "reference", "event", "channel", "recipient_masked", "status", "attempts",
        "created_at", "sent_at", "delivered_at",
    ]  # fmt: skip
    list_filter = ["status", "channel", "event"]
    search_fields = ["=reference"]
    # the recipient, the context and the text are personal data: not shown
    fields = [
        "reference", "event", "channel", "language", "recipient_masked", "template", "status",
        "attempts", "backend", "provider_message_id", "last_error", "created_at", "sent_at",
        "delivered_at",
    ]  # fmt: skip


@admin.register(DeliveryReport)
class DeliveryReportAdmin(ReadOnlyAdmin):
    list_display = ["report_id", "backend", "message_id", "status", "error_code", "reported_at",
                    "applied_at"]  # fmt: skip
    list_filter = ["backend", "status"]
    search_fields = ["=message_id", "=report_id"]


@admin.register(FakeSms)
class FakeSmsAdmin(ReadOnlyAdmin):
    """What the fake gateway received (the demo's phone)."""

    list_display = ["received_at", "masked_phone", "brandname", "message", "message_id"]
    fields = ["received_at", "masked_phone", "brandname", "message", "message_id", "request_id"]

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: FakeSms) -> str:
        return recipient_mask(channel="sms", to=obj.phone)
