"""Admin: procedures and their versions. A published or retired version is shown read-only;
versions are created, published and retired by actions that call the services."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from workflows.errors import ProcedureVersionLocked, ProcedureVersionStateError
from workflows.models import Procedure, ProcedureCase, ProcedureVersion, ProcedureVersionTemplate
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
    procedure_version_retire,
)

_FAILURES = (ProcedureVersionLocked, ProcedureVersionStateError, ValidationError, ValueError)


def _editable(obj: Any) -> bool:
    """Inlines and fields of a version are editable while the version is a draft."""
    return obj is None or getattr(obj, "is_draft", False)


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    extra = 0
    fields = readonly_fields = ("number", "agency", "status", "published_at", "retired_at")
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "online_level", "active"]
    list_filter = ["online_level", "active", "field"]
    search_fields = ["code", "name"]
    inlines = [VersionInline]
    actions = ["new_province_draft"]

    @admin.action(description=_("Start a new province-wide draft version"), permissions=["change"])
    def new_province_draft(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        for procedure in queryset:
            current = procedure.versions.published().filter(agency__isnull=True).first()
            draft = procedure_version_new_draft(
                procedure=procedure, scope=None, from_version=current, by=request.user
            )
            self.message_user(request, _("Created %(version)s.") % {"version": draft})


class DraftOnlyInline(admin.options.InlineModelAdmin):
    """Editable while the version is a draft, read-only afterwards."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)


class CaseInline(DraftOnlyInline):
    model = ProcedureCase
    template = "admin/edit_inline/stacked.html"
    fields = [
        ("code", "order"),
        "name",
        "required_documents",
        ("fee_amount", "fee_name"),
        ("deadline_amount", "deadline_unit", "cutoff_applies"),
    ]


class TemplateInline(DraftOnlyInline):
    model = ProcedureVersionTemplate
    template = "admin/edit_inline/tabular.html"
    fields = ["template"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "number", "scope", "status", "published_at"]
    list_filter = ["status", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["procedure__code", "procedure__name"]
    list_select_related = ["procedure", "agency"]
    fields = [
        ("procedure", "agency", "number"),
        "status",
        "note",
        "definition",
        "form_schema",
        "retention_years",
        ("created_at", "created_by"),
        ("published_at", "published_by"),
        ("retired_at", "retired_by"),
    ]
    always_readonly = [
        "procedure",
        "agency",
        "number",
        "status",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
        "retired_at",
        "retired_by",
    ]
    inlines = [CaseInline, TemplateInline]
    actions = ["publish", "retire", "new_draft_from"]

    @admin.display(description=_("scope"), ordering="agency__code")
    def scope(self, obj: ProcedureVersion) -> str:
        return obj.agency.code if obj.agency else str(_("province"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if _editable(obj):
            return list(self.always_readonly)
        return [*self.always_readonly, "note", "definition", "form_schema", "retention_years"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # drafts come from the "new draft" actions, numbered by the service

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and obj.is_draft and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _each(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion], step: Any) -> None:
        for version in queryset:
            try:
                result = step(version)
            except _FAILURES as exc:
                self.message_user(request, f"{version}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Done: %(version)s.") % {"version": result})

    @admin.action(description=_("Publish the selected drafts"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        self._each(
            request, queryset, lambda v: procedure_version_publish(version=v, by=request.user)
        )

    @admin.action(description=_("Retire the selected published versions"), permissions=["change"])
    def retire(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        self._each(
            request, queryset, lambda v: procedure_version_retire(version=v, by=request.user)
        )

    @admin.action(
        description=_("Start a new draft from the selected versions"), permissions=["change"]
    )
    def new_draft_from(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        self._each(
            request,
            queryset,
            lambda v: procedure_version_new_draft(
                procedure=v.procedure, scope=v.agency, from_version=v, by=request.user
            ),
        )
