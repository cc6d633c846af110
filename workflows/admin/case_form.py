"""A case of a draft version in the admin: its required documents written as YAML (or JSON),
one document a list item: ``- {code: request, name: Đơn đề nghị, originals: 1, required: true}``.
The shape (codes, counts, unique codes) is checked by ``ProcedureCase.clean``."""

from typing import Any

import yaml
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows.models import ProcedureCase

from .form_schema_text import SchemaTextInvalid, text_load

KEY_ORDER = ("code", "name", "originals", "copies", "required", "note")


def _ordered(document: Any) -> Any:
    """The keys in the order of the help text (the database may store them sorted)."""
    if not isinstance(document, dict):
        return document
    rank = {key: index for index, key in enumerate(KEY_ORDER)}
    return dict(sorted(document.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def documents_text(documents: Any) -> str:
    """One YAML flow mapping per line, keys in a fixed order."""
    if not documents:
        return ""
    documents = [_ordered(d) for d in documents]
    rows = [
        yaml.safe_dump(
            d, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=True
        ).strip()
        for d in documents
    ]
    return "".join(f"- {row}\n" for row in rows)


class CaseForm(forms.ModelForm):
    required_documents = forms.CharField(
        label=_("required documents"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "mc-yaml"}),
        help_text=_(
            "One line per document, in YAML: - {code: request, name: Request form, "
            "originals: 1, copies: 0, required: true, note: ...}"
        ),
    )

    class Meta:
        model = ProcedureCase
        fields = [
            "code",
            "order",
            "name",
            "required_documents",
            "fee_amount",
            "fee_name",
            "deadline_amount",
            "deadline_unit",
            "cutoff_applies",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["required_documents"] = documents_text(self.instance.required_documents)

    def clean_required_documents(self) -> Any:
        text = self.cleaned_data.get("required_documents") or ""
        if not text.strip():
            return []
        try:
            documents, _node = text_load(text)
        except SchemaTextInvalid as exc:
            raise ValidationError(exc.problems) from None
        if not isinstance(documents, list):
            raise ValidationError(_("A list of documents, one item per document."))
        return documents
