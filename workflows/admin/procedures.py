"""Admin: procedures and their versions. A published or retired version is shown read-only;
versions are created, published and retired by actions that call the services.

A draft's workflow is edited as YAML or replaced by an uploaded BPMN file; the page lists
the definition's problems per node, shows its diagram, and links to publishing (with a
confirmation), the BPMN download and the comparison with another version.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from workflows.errors import ProcedureVersionLocked, ProcedureVersionStateError
from workflows.models import Procedure, ProcedureCase, ProcedureVersion, ProcedureVersionTemplate
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
    procedure_version_retire,
)

from . import definition_views as views
from . import procedure_views
from .case_form import CaseForm
from .definition_display import diagram_html, problems_html, source_html
from .definition_form import ProcedureVersionForm
from .definition_source import read_stored
from .form_schema_text import schema_text

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
    change_list_template = "admin/workflows/procedure/change_list.html"
    change_form_template = "admin/workflows/procedure/change_form.html"

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        context["may_start_drafts"] = procedure_views.may_start_drafts(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        extra = {"may_install": procedure_views.may_install(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "install/",
                wrap(lambda request: procedure_views.install_view(self, request)),
                name="workflows_procedure_install",
            ),
            path(
                "<path:object_id>/new-draft/",
                wrap(
                    lambda request, object_id: procedure_views.procedure_new_draft_view(
                        self, request, object_id
                    )
                ),
                name="workflows_procedure_new_draft",
            ),
            *super().get_urls(),
        ]

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
    form = CaseForm
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
    form = ProcedureVersionForm
    change_form_template = "admin/workflows/procedureversion/change_form.html"
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
    actions = ["publish", "retire", "new_draft_from", "compare_two"]

    @admin.display(description=_("scope"), ordering="agency__code")
    def scope(self, obj: ProcedureVersion) -> str:
        return obj.agency.code if obj.agency else str(_("province"))

    def _edits_definition(self, request: HttpRequest, obj: Any) -> bool:
        """A draft, and a user who may change it: the YAML field and the upload."""
        return obj is not None and self.has_change_permission(request, obj)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        if self._edits_definition(request, obj):
            workflow = ["definition", "bpmn_file", "definition_problems"]
            form = "form_schema"
        else:
            workflow = ["definition_source"]
            form = "form_schema_source"
        return [
            ("procedure", "agency", "number"),
            "status",
            "note",
            *workflow,
            "workflow_diagram",
            form,
            "retention_years",
            ("created_at", "created_by"),
            ("published_at", "published_by"),
            ("retired_at", "retired_by"),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        shown = [*self.always_readonly, "workflow_diagram"]
        if self._edits_definition(request, obj):
            return [*shown, "definition_problems"]
        return [*shown, "definition_source", "note", "form_schema_source", "retention_years"]

    @admin.display(description=_("form schema"))
    def form_schema_source(self, obj: ProcedureVersion) -> SafeString:
        text = schema_text(obj.form_schema) or str(_("(no form)"))
        return format_html('<pre class="mc-source">{}</pre>', text)

    @admin.display(description=_("problems"))
    def definition_problems(self, obj: ProcedureVersion) -> SafeString:
        return problems_html(obj)

    @admin.display(description=_("diagram"))
    def workflow_diagram(self, obj: ProcedureVersion) -> SafeString:
        return diagram_html(obj)

    @admin.display(description=_("workflow definition"))
    def definition_source(self, obj: ProcedureVersion) -> SafeString:
        return source_html(obj)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        name = "workflows_procedureversion"
        return [
            path(
                "<path:object_id>/publish/",
                wrap(lambda request, object_id: views.publish_view(self, request, object_id)),
                name=f"{name}_publish",
            ),
            path(
                "<path:object_id>/bpmn/",
                wrap(lambda request, object_id: views.bpmn_view(self, request, object_id)),
                name=f"{name}_bpmn",
            ),
            path(
                "<path:object_id>/new-draft/",
                wrap(
                    lambda request, object_id: procedure_views.version_new_draft_view(
                        self, request, object_id
                    )
                ),
                name=f"{name}_new_draft",
            ),
            path(
                "compare/",
                wrap(lambda request: views.compare_view(self, request)),
                name=f"{name}_compare",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        context["may_publish"] = obj is not None and obj.is_draft and views.may_publish(request)
        context["may_edit_definitions"] = views.may_edit_definitions(request)
        context["may_start_drafts"] = procedure_views.may_start_drafts(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "definition" not in form.changed_data and not form.cleaned_data.get("bpmn_file"):
            return
        _definition, problems = read_stored(obj.definition)
        if obj.definition and problems:
            message = _(
                "The workflow definition was saved; %(count)s problem(s) must be fixed before "
                "it can be published (listed next to it)."
            )
            self.message_user(request, message % {"count": len(problems)}, messages.WARNING)
        else:
            self.message_user(request, _("The workflow definition was saved."), messages.INFO)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return views.may_publish(request)

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
                reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                self.message_user(request, f"{version}: {' '.join(reasons)}", messages.ERROR)
            else:
                self.message_user(request, _("Done: %(version)s.") % {"version": result})

    @admin.action(description=_("Publish the selected drafts"), permissions=["publish"])
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

    @admin.action(description=_("Compare the two selected versions"), permissions=["change"])
    def compare_two(
        self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]
    ) -> HttpResponseRedirect | None:
        pair = sorted(queryset.values_list("pk", "procedure_id", "number"), key=lambda v: v[2])
        if len(pair) != 2 or pair[0][1] != pair[1][1]:
            self.message_user(
                request, _("Select two versions of the same procedure."), messages.WARNING
            )
            return None
        query = urlencode({"a": pair[0][0], "b": pair[1][0]})
        return HttpResponseRedirect(
            f"{reverse('admin:workflows_procedureversion_compare')}?{query}"
        )
