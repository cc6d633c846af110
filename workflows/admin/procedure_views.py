"""Admin pages around procedures: installing a procedure package (docs/procedures.md) from
an uploaded or pasted YAML file, and starting a new draft version (of a procedure, or from
a given version). Both write through the services; errors are listed on the page."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.errors import ProcedurePackageInvalid
from workflows.models import Procedure, ProcedureVersion
from workflows.procedures.installer import package_install
from workflows.services.procedure_versions import procedure_version_new_draft

MAX_BYTES = 1_000_000


class PackageForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("package file (YAML)"),
        required=False,
        help_text=gettext_lazy("A motcua/procedure@1 file, as in workflows/procedures/seed/."),
    )
    text = forms.CharField(
        label=gettext_lazy("or paste its text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false", "class": "mc-yaml"}),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("publish the new version at once"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Untick to install it as a draft, to review before publishing."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %(limit)s bytes.") % {"limit": MAX_BYTES}
                )
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        if not text.strip():
            raise forms.ValidationError(_("Choose a package file or paste its text."))
        cleaned["source"] = text
        return cleaned


def _context(model_admin: admin.ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **extra,
    }


def may_install(request: HttpRequest) -> bool:
    user = request.user
    return may_start_drafts(request) and bool(user.has_perm("workflows.add_procedure"))


def install_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> Any:
    if not may_install(request):
        raise PermissionDenied
    problems: list[str] = []
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["publish"]
        if publish and not request.user.has_perm("workflows.publish_procedureversion"):
            raise PermissionDenied
        try:
            installed = package_install(
                source=form.cleaned_data["source"], by=request.user, publish=publish
            )
        except ProcedurePackageInvalid as exc:
            problems = exc.errors
        else:
            if installed.created:
                message = _("Installed %(version)s.") % {"version": installed.version}
            else:
                message = _("Nothing changed: %(version)s already has these contents.") % {
                    "version": installed.version
                }
            model_admin.message_user(request, message, messages.SUCCESS)
            url = reverse("admin:workflows_procedureversion_change", args=[installed.version.pk])
            return HttpResponseRedirect(url)
    context = _context(
        model_admin, request, title=_("Install a procedure package"), form=form, problems=problems
    )
    return TemplateResponse(request, "admin/workflows/procedure/install.html", context)


def _draft_redirect(model_admin: admin.ModelAdmin, request: HttpRequest, draft: Any) -> Any:
    model_admin.message_user(
        request, _("Created %(version)s: edit it below.") % {"version": draft}, messages.SUCCESS
    )
    return HttpResponseRedirect(reverse("admin:workflows_procedureversion_change", args=[draft.pk]))


def may_start_drafts(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active and user.is_staff and user.has_perm("workflows.add_procedureversion")
    )


def procedure_new_draft_view(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str
) -> Any:
    """POST: a new province-wide draft of the procedure, from its published version if any."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may_start_drafts(request):
        raise PermissionDenied
    procedure = get_object_or_404(Procedure, pk=object_id)
    current = procedure.versions.published().filter(agency__isnull=True).first()
    draft = procedure_version_new_draft(
        procedure=procedure, scope=None, from_version=current, by=request.user
    )
    return _draft_redirect(model_admin, request, draft)


def version_new_draft_view(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str
) -> Any:
    """POST: a new draft in the version's scope, a copy of the version (to change it)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may_start_drafts(request):
        raise PermissionDenied
    version = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=object_id)
    draft = procedure_version_new_draft(
        procedure=version.procedure, scope=version.agency, from_version=version, by=request.user
    )
    return _draft_redirect(model_admin, request, draft)
