"""The draft version form: the workflow definition as YAML text, or an uploaded BPMN file.

Text or file that does not load (syntax, shape, BPMN outside the supported subset) is an
error on its field, one line per problem naming the node; a definition that loads is stored
in its canonical form. What would still stop publishing (unknown roles, dead ends...) does
not stop saving a draft: the change page lists it next to the field. A form schema that
fails the form language's check (docs/forms.md) is an error on its field, one line per problem,
each with the line of the text it is on; the schema is edited as YAML (or JSON).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows.bpmn import BpmnImportError, definition_from_bpmn
from workflows.bpmn.xmlsafe import MAX_BYTES
from workflows.models import ProcedureVersion

from .definition_source import MAX_CHARS, Problem, SourceInvalid, canonical, read_text, source_text
from .form_schema_text import SchemaTextInvalid, schema_read, schema_text


def _messages(problems: list[Problem]) -> ValidationError:
    return ValidationError([p.message for p in problems])


class ProcedureVersionForm(forms.ModelForm):
    definition = forms.CharField(
        label=_("workflow definition (YAML)"),
        required=False,
        max_length=MAX_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 30, "spellcheck": "false", "class": "vLargeTextField mc-yaml"}
        ),
        help_text=_("The language is described in docs/workflow-language.md. Empty: no workflow."),
    )
    form_schema = forms.CharField(
        label=_("form schema (YAML or JSON)"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 30, "spellcheck": "false", "class": "vLargeTextField mc-yaml"}
        ),
        help_text=_(
            "The application form in the language of docs/forms.md (format: motcua/form@1). "
            "Empty: no form."
        ),
    )
    bpmn_file = forms.FileField(
        label=_("or upload BPMN"),
        required=False,
        help_text=_(
            "A BPMN 2.0 file (from bpmn.io or Camunda Modeler) replaces the definition above."
        ),
    )

    class Meta:
        model = ProcedureVersion
        fields = ["note", "definition", "form_schema", "retention_years"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "definition" in self.fields and self.instance.pk is not None:
            self.initial["definition"] = source_text(self.instance.definition)
        if "form_schema" in self.fields:
            self.initial["form_schema"] = schema_text(self.instance.form_schema)

    def clean_definition(self) -> Any:
        text = self.cleaned_data.get("definition") or ""
        if self.files.get(self.add_prefix("bpmn_file")):
            return self.instance.definition  # replaced in clean() by the uploaded file
        if not text.strip():
            return {}
        try:
            raw, _definition = read_text(text)
        except SourceInvalid as exc:
            raise _messages(exc.problems) from None
        return raw

    def clean_form_schema(self) -> Any:
        try:
            return schema_read(self.cleaned_data.get("form_schema") or "")
        except SchemaTextInvalid as exc:
            raise ValidationError(exc.problems) from None

    def clean_bpmn_file(self) -> Any:
        upload = self.cleaned_data.get("bpmn_file")
        if upload and upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s bytes."), params={"limit": MAX_BYTES}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("bpmn_file")
        if not upload or "definition" not in self.fields:
            return cleaned
        try:
            raw, _definition = canonical(definition_from_bpmn(upload.read(MAX_BYTES + 1)))
        except BpmnImportError as exc:
            self.add_error("bpmn_file", ValidationError(exc.errors))
        except SourceInvalid as exc:
            self.add_error("bpmn_file", _messages(exc.problems))
        else:
            cleaned["definition"] = raw
        return cleaned
