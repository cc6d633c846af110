"""Document templates in the admin: every saved edit is a new revision."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from signing import admin_views
from signing.models import DocumentTemplate
from signing.rendering import DocumentTemplateError
from signing.services import (
    document_template_check,
    document_template_create,
    document_template_revise,
)


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["code", "kind", "name", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 32, "cols": 110, "class": "vLargeTextField"})
        }

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if DocumentTemplate.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("A template with this code exists: edit it to save a new revision.")
            )
        return code

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        try:
            document_template_check(body=body)
        except DocumentTemplateError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return body


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ("code", "revision", "kind", "name", "created_at", "created_by", "preview")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    save_as = False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("code", "kind", "name", "body")
        return ("code", "revision", "kind", "name", "body", "created_at", "created_by", "used_by")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["code", "revision", "created_at", "created_by", "used_by"]

    @admin.display(description=_("used by the procedure versions"))
    def used_by(self, obj: DocumentTemplate) -> str:
        """The procedure versions that link this revision."""
        versions = obj.procedure_versions.select_related("procedure", "agency")
        return format_html_join(", ", "{}", ((str(v),) for v in versions)) or "-"

    @admin.display(description=_("preview"))
    def preview(self, obj: DocumentTemplate) -> str:
        url = reverse("admin:signing_documenttemplate_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">PDF</a>', url)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = {key: form.cleaned_data[key] for key in ("kind", "name", "body")}
        if not change:
            saved = document_template_create(code=obj.code, user=request.user, **data)
        else:
            original = DocumentTemplate.objects.get(pk=obj.pk)
            saved = document_template_revise(template=original, user=request.user, **data)
            if saved.pk != original.pk:
                messages.info(
                    request,
                    _("Saved as revision %(new)s; revision %(old)s is kept unchanged.")
                    % {"new": saved.revision, "old": original.revision},
                )
        # The admin goes on with ``obj`` (its log entry, its redirect): make it the saved row.
        for field in ("pk", "revision", "created_at", "created_by_id"):
            setattr(obj, field, getattr(saved, field))

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        response = super().response_change(request, obj)
        if "_continue" in request.POST and isinstance(response, HttpResponseRedirect):
            # "Save and continue editing" goes on with the revision just saved.
            response["Location"] = reverse("admin:signing_documenttemplate_change", args=[obj.pk])
        return response

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="signing_documenttemplate_preview",
            ),
            path(
                "preview-draft/",
                view(require_POST(self.preview_draft_view)),
                name="signing_documenttemplate_preview_draft",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        template = self.get_object(request, unquote(object_id))
        if template is None:
            raise Http404
        if not self.has_view_permission(request, template):
            raise PermissionDenied
        filename = f"{template.code}-r{template.revision}.pdf"
        return admin_views.pdf_response(body=template.body, name=str(template), filename=filename)

    def preview_draft_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return admin_views.preview_draft(request)


from signing import admin_signers  # noqa: E402, F401  (signer profiles, pending signatures)
