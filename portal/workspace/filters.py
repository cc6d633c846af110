"""The queue page's filters and sort, read from the query string (nothing personal in it:
a name search travels by POST and waits in the session, see ``views_queues``)."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from workflows.models import Dossier, Procedure
from workflows.personal import name_hash
from workflows.selectors.memberships import memberships_for

SORTS = {
    "due": ("scheduled", "pk"),
    "-due": ("-scheduled", "-pk"),
    "received": ("created", "pk"),
    "-received": ("-created", "-pk"),
    "code": ("dossier_code", "pk"),
    "-code": ("-dossier_code", "-pk"),
}
SORT_CHOICES = [
    ("due", _("Due, soonest first")),
    ("-due", _("Due, latest first")),
    ("received", _("Received, oldest first")),
    ("-received", _("Received, newest first")),
    ("code", _("Dossier code, A to Z")),
    ("-code", _("Dossier code, Z to A")),
]


class QueueFilterForm(forms.Form):
    procedure = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Procedure.objects.none(), required=False
    )
    step = forms.SlugField(label=_("Step"), required=False, max_length=100)
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    status = forms.TypedChoiceField(
        label=_("Dossier status"),
        choices=[("", "—"), *Dossier.Status.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = memberships_for(user).values_list("agency__code", "agency__name").distinct()
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [("", "—"), *sorted(set(agencies))]
        procedure_field = self.fields["procedure"]
        assert isinstance(procedure_field, forms.ModelChoiceField)
        procedure_field.queryset = Procedure.objects.order_by("name")

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else None


def search_ids(text: str) -> QuerySet[Any] | None:
    """The ids of the dossiers a search names: its code (exact or a prefix of it), or the
    owner's exact full name (accents and case aside) through its keyed hash."""
    text = " ".join(text.split())
    if not text:
        return None
    condition = Q(code__startswith=text.upper())
    digest = name_hash(text)
    if digest:
        condition |= Q(owner_name_hash=digest)
    return Dossier.objects.filter(condition).values("pk")
