"""The catalogue's search and filters (a GET form: results can be bookmarked and shared)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.models import Procedure
from workflows.selectors.catalogue import Catalogue


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search procedures"),
        required=False,
        max_length=200,
        help_text=_("Words of the name, code or field, with or without accents."),
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(label=_("Online level"), required=False)

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "field": [(f, f) for f in catalogue.fields],
            "agency": [(str(pk), name) for pk, _path, name in catalogue.agencies],
            "level": list(Procedure.OnlineLevel.choices),
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = everything + options
