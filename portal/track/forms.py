"""The tracking forms: a dossier code; a code and its tracking secret."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.selectors.public_status import MAX_CODE_LENGTH, normalise_code


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Dossier code"),
        max_length=MAX_CODE_LENGTH,
        help_text=_("As printed on the acknowledgement, e.g. 000.00.20.H56-260212-0001."),
    )

    def clean_code(self) -> str:
        return normalise_code(self.cleaned_data["code"])


class SecretForm(CodeForm):
    secret = forms.CharField(
        label=_("Tracking secret"),
        max_length=40,
        strip=True,
        help_text=_("The 12 letters and digits printed beside the code on the acknowledgement."),
    )
