"""Admin: dossiers, for looking, not editing (the engine and services change them).

Personal data (owner and applicant, form data) shows only on a dossier's own page,
whose every view the audit middleware records; lists show codes, statuses and
agencies, and the search looks up dossier codes only.
"""

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from workflows.models import (
    Dossier,
    DossierAttachment,
    DossierConsent,
    DossierRevision,
    ProcessingLogEntry,
)

_PERSON_LABELS = {
    "full_name": _("Full name"),
    "id_number": _("ID number"),
    "birth_date": _("Date of birth"),
    "phone": _("Phone"),
    "email": _("Email"),
    "address": _("Address"),
}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(ReadOnlyInline):
    model = DossierAttachment
    fields = readonly_fields = (
        "document_code",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "download",
    )

    @admin.display(description=_("download"))
    def download(self, obj: DossierAttachment) -> str:
        try:
            url = reverse("workflows:attachment-download", args=[obj.pk])
        except NoReverseMatch:
            return "-"
        return format_html('<a href="{}">{}</a>', url, _("Download"))


class ProcessingLogInline(ReadOnlyInline):
    model = ProcessingLogEntry
    fields = readonly_fields = (
        "at",
        "actor",
        "step",
        "action",
        "from_status",
        "to_status",
        "comment",
        "budget_used",
        "budget_allowed",
        "due_at",
        "timing",
    )
    ordering = ["at", "id"]


class RevisionInline(ReadOnlyInline):
    """Every edit kept: when, why and by whom (the content stays in the revision rows)."""

    model = DossierRevision
    fields = readonly_fields = ("number", "reason", "at", "actor", "attachment_count", "note")
    ordering = ["number"]
    verbose_name_plural = _("revisions")

    @admin.display(description=_("attachments"))
    def attachment_count(self, obj: DossierRevision) -> int:
        return len(obj.attachment_ids or [])


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "channel",
        "procedure_code",
        "competent_agency",
        "due_at",
        "created_at",
    ]
    list_filter = ["status", "channel", ("competent_agency", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["version__procedure", "competent_agency"]
    search_fields = ["=code"]
    search_help_text = _("Look a dossier up by its code.")
    show_full_result_count = False
    fields = [
        ("code", "status", "channel"),
        ("version", "case"),
        ("receiving_agency", "competent_agency"),
        "applicant",
        "personal_details",
        "form_data",
        "consent_given",
        ("submitted_at", "received_at", "appointment_date"),
        ("due_at", "finished_at", "returned_at"),
        ("created_at", "updated_at"),
    ]
    readonly_fields = [
        "personal_details",
        "form_data",
        "consent_given",
        "created_at",
        "updated_at",
    ]
    inlines = [AttachmentInline, RevisionInline, ProcessingLogInline]

    @admin.display(description=_("procedure"), ordering="version__procedure__code")
    def procedure_code(self, obj: Dossier) -> str:
        return obj.version.procedure.code

    @admin.display(description=_("owner and applicant"))
    def personal_details(self, obj: Dossier) -> SafeString:
        rows = [
            (who, _PERSON_LABELS.get(key, key), value)
            for who, person in ((_("Owner"), obj.owner), (_("Applicant"), obj.applicant_details))
            for key, value in person.items()
        ]
        if not rows:
            return format_html("{}", "-")
        return format_html(
            "<table>{}</table>",
            format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("form data"))
    def form_data(self, obj: Dossier) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(obj.data, ensure_ascii=False, indent=2))

    @admin.display(description=_("consent to the privacy notice"))
    def consent_given(self, obj: Dossier) -> SafeString:
        consent = DossierConsent.objects.filter(dossier=obj).first()
        if consent is None:
            return format_html("{}", "-")
        given_by = consent.given_by or {}
        rows = [
            (_("Notice version"), consent.notice_version),
            (_("Given by"), given_by.get("full_name", "")),
            (_("Relationship"), given_by.get("relationship", "")),
            (_("A child's data"), _("yes") if consent.for_child else _("no")),
            (_("Given at"), consent.given_at),
            (_("Withdrawn at"), consent.withdrawn_at or "-"),
        ]
        return format_html(
            "<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
