"""The step's outcome forms on the task page: the reception outcomes (accept, request
supplementation, refuse) and the other outcomes of a step with a comment."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.engine.runtime import EFFECT_OUTCOMES
from workflows.models import ProcedureCase
from workflows.services.reception import MissingItem

OUTCOME_LABELS = {
    "accept": _("Accept the dossier"),
    "supplement": _("Request supplementation"),
    "refuse": _("Refuse the dossier"),
    "approve": _("Approve"),
    "send_back": _("Send back"),
    "stop": _("Stop processing"),
    "returned": _("Result returned"),
    "reject": _("Reject"),
    "ok": _("Done"),
}


def outcome_label(code: str) -> str:
    return str(OUTCOME_LABELS.get(code, code.replace("_", " ")))


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplementForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("Missing or incorrect documents"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label=_("Other missing items, one per line"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason and guidance for the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, case: ProcedureCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document_names = {
            str(item.get("code")): str(item.get("name") or item.get("code"))
            for item in case.required_documents or []
        }
        field = self.fields["documents"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(self.document_names.items())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.items():
            raise forms.ValidationError(_("List at least one missing or incorrect item."))
        return cleaned

    def items(self) -> list[MissingItem]:
        data = getattr(self, "cleaned_data", {})
        items = [
            MissingItem(name=self.document_names[code], document_code=code)
            for code in data.get("documents") or []
        ]
        lines = (data.get("other") or "").splitlines()
        items += [MissingItem(name=line.strip()) for line in lines if line.strip()]
        return items


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, outcomes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(code, outcome_label(code)) for code in plain_outcomes(outcomes)]


def step_form_for(task: Any, data: Any = None) -> forms.Form | None:
    """The step's own form (``workflows.definitions.registry.step_forms``), prefixed "step",
    when the step names one."""
    name = getattr(task.flow_task.step, "form", "")
    if not name:
        return None
    from workflows.definitions.registry import step_forms

    form_class: Any = step_forms.get(name)
    form: forms.Form = form_class(data=data, prefix="step")
    return form


def step_form_data(form: forms.Form | None) -> dict[str, Any] | None:
    """What the step form posted, unprefixed and as sent (the engine checks it again)."""
    if form is None:
        return None
    return {name: form[name].data for name in form.fields}


def plain_outcomes(outcomes: tuple[str, ...]) -> list[str]:
    """The outcomes the engine completes by itself (no effect on the dossier's status)."""
    return [code for code in outcomes if code not in EFFECT_OUTCOMES]
