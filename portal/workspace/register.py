"""Form 07, the dossier register of an agency over a period: on the page, as PDF, as Excel.
For the agency's reception and result desk officers and its leaders (and those above)."""

from datetime import timedelta

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.audit.services import access_record
from workflows.documents.register import register_pdf, register_xlsx
from workflows.models import Agency
from workflows.selectors.register import (
    MAX_DAYS,
    MAX_ROWS,
    dossier_register,
    register_agencies_for,
)

from .access import officer_required

FORMATS = ("html", "pdf", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"), queryset=Agency.objects.none(), empty_label=None
    )
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput({"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput({"type": "date"}))
    procedure = forms.CharField(
        label=gettext_lazy("Procedure code (optional)"), required=False, max_length=40
    )

    def __init__(self, *args: object, agencies: list[Agency], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("path")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(days)s days.") % {"days": MAX_DAYS}
                )
        return data


@require_safe
@never_cache  # personal data: never kept by a browser or a proxy
@officer_required
def register_page(request: HttpRequest) -> HttpResponse:
    agencies = register_agencies_for(request.user)
    if not agencies:
        raise Http404
    today = timezone.localdate()
    if "start" in request.GET:
        form = RegisterForm(request.GET, agencies=agencies)
    else:
        form = RegisterForm(
            initial={"agency": agencies[0], "start": today - timedelta(days=30), "end": today},
            agencies=agencies,
        )
    output = request.GET.get("format", "html")
    if output not in FORMATS:
        output = "html"
    if not form.is_bound or not form.is_valid():
        return render(request, "portal/workspace/register.html", {"form": form, "register": None})
    data = form.cleaned_data
    # the documents are Vietnamese whatever the page's language (statuses included)
    with translation.override("vi" if output != "html" else translation.get_language()):
        register = dossier_register(
            agency=data["agency"],
            start=data["start"],
            end=data["end"],
            procedure_code=data["procedure"].strip(),
        )
        if output == "pdf":
            body = register_pdf(register)
        elif output == "xlsx":
            body = register_xlsx(register)
    access_record(
        actor=request.user,
        action=f"form07_{output}",
        obj=data["agency"],
        path=request.path,
    )
    if output == "html":
        return render(
            request,
            "portal/workspace/register.html",
            {"form": form, "register": register, "max_rows": MAX_ROWS},
        )
    response = HttpResponse(body, content_type=CONTENT_TYPES[output])
    name = f"so-theo-doi-ho-so_{data['agency'].code}_{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{output}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
