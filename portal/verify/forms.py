"""The upload form: one PDF, checked for size and type before anything reads it whole."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from workflows.selectors.verification import PDF_HEADER_WINDOW, upload_problem


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("Signed document (PDF)"),
        help_text=_("The PDF file you received; it is checked and not kept."),
    )

    def clean_document(self) -> bytes:
        upload: UploadedFile = self.cleaned_data["document"]
        upload.seek(0)
        head = upload.read(PDF_HEADER_WINDOW)
        problem = upload_problem(size=upload.size or 0, head=head)
        if problem:
            raise forms.ValidationError(problem)
        upload.seek(0)
        return upload.read()
