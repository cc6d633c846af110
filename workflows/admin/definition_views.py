"""Admin pages around a version's definition: publish (with confirmation), BPMN download,
and the comparison of two versions of a procedure. Staff with the change permission on
procedure versions only; publishing also needs ``workflows.publish_procedureversion``."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.bpmn import BpmnExportError, definition_to_bpmn
from workflows.errors import ProcedureVersionLocked, ProcedureVersionStateError
from workflows.models import ProcedureVersion
from workflows.services.procedure_versions import procedure_version_publish

from .definition_source import by_node, read_stored
from .version_compare import node_changes, side_by_side

CHANGE = "workflows.change_procedureversion"
PUBLISH = "workflows.publish_procedureversion"


def may_edit_definitions(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff and request.user.has_perm(CHANGE))


def may_publish(request: HttpRequest) -> bool:
    return may_edit_definitions(request) and request.user.has_perm(PUBLISH)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _change_url(version: ProcedureVersion) -> str:
    return reverse("admin:workflows_procedureversion_change", args=[version.pk])


def _context(model_admin: admin.ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **extra,
    }


def publish_view(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> Any:
    _require(may_publish(request))
    version = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=object_id)
    if request.method == "POST":
        try:
            procedure_version_publish(version=version, by=request.user)
        except (ValidationError, ProcedureVersionStateError, ProcedureVersionLocked) as exc:
            problems = getattr(exc, "messages", None) or [str(exc)]
            for problem in problems:
                model_admin.message_user(request, problem, messages.ERROR)
        else:
            model_admin.message_user(
                request, _("Published %(version)s.") % {"version": version}, messages.SUCCESS
            )
        return HttpResponseRedirect(_change_url(version))
    definition, problems = read_stored(version.definition)
    order = [n.id for n in definition.nodes] if definition else []
    replaced = ProcedureVersion.objects.published().filter(
        procedure_id=version.procedure_id, agency=version.agency
    )
    context = _context(
        model_admin,
        request,
        title=_("Publish %(version)s?") % {"version": version},
        version=version,
        problems=by_node(problems, order),
        replaced=list(replaced),
        is_draft=version.is_draft,
    )
    return TemplateResponse(
        request, "admin/workflows/procedureversion/publish_confirmation.html", context
    )


def bpmn_view(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> Any:
    _require(may_edit_definitions(request))
    version = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=object_id)
    definition, _problems = read_stored(version.definition)
    try:
        if definition is None:
            raise BpmnExportError([])
        data = definition_to_bpmn(definition)
    except BpmnExportError:
        model_admin.message_user(
            request, _("This definition cannot be exported: fix its errors first."), messages.ERROR
        )
        return HttpResponseRedirect(_change_url(version))
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    filename = f"{version.procedure.code}-v{version.number}.bpmn"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _version(value: str | None) -> ProcedureVersion | None:
    if not value or not value.isdigit():
        return None
    return ProcedureVersion.objects.select_related("procedure", "agency").filter(pk=value).first()


def compare_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> Any:
    _require(may_edit_definitions(request))
    old, new = _version(request.GET.get("a")), _version(request.GET.get("b"))
    if old is None:
        raise Http404(_("Choose a version to compare."))
    choices = ProcedureVersion.objects.filter(procedure_id=old.procedure_id).select_related(
        "procedure", "agency"
    )
    context = _context(
        model_admin,
        request,
        title=_("Compare versions of %(procedure)s") % {"procedure": old.procedure},
        old=old,
        new=new,
        choices=choices,
    )
    if new is not None and new.procedure_id != old.procedure_id:
        context["error"] = _("Both versions must belong to the same procedure.")
    elif new is not None:
        context["table"] = side_by_side(
            old.definition, new.definition, old_title=str(old), new_title=str(new)
        )
        context["changes"] = node_changes(old.definition, new.definition)
    return TemplateResponse(request, "admin/workflows/procedureversion/compare.html", context)
