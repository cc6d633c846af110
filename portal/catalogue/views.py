"""The home page (the catalogue of procedures: search and filters) and a procedure's page."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from workflows.selectors.catalogue import catalogue, catalogue_search
from workflows.selectors.procedure_details import procedure_details

from .forms import CatalogueSearchForm
from .text import cutoff_note, deadline_text, fee_text

PER_PAGE = 20
APPLY_PATH = "/apply/{version}/{case}/"  # the apply lane's page of one case


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    current = catalogue()
    form = CatalogueSearchForm(request.GET or None, catalogue=current)
    filters = form.cleaned_data if form.is_valid() else {}
    found = catalogue_search(
        query=filters.get("q") or "",
        field=filters.get("field") or "",
        agency_id=filters.get("agency"),
        online_level=filters.get("level") or "",
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "version": version,
            "deadline": deadline_text(version.deadline_amount, version.deadline_unit),
            "fee": fee_text(version.fee_amount),
        }
        for entry, version in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "total": len(found),
        "searched": bool(filters and any(filters.values())),
        "query": query.urlencode(),
    }
    return render(request, "portal/catalogue/home.html", context)


@require_GET
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    version = request.GET.get("version", "")
    details = procedure_details(code=code, version_id=int(version) if version.isdigit() else None)
    if details is None:
        raise Http404("no published procedure with this code")
    cases = [
        {
            "case": case,
            "deadline": deadline_text(case.deadline_amount, case.deadline_unit),
            "cutoff": cutoff_note() if case.cutoff_applies else "",
            "fee": fee_text(case.fee_amount, case.fee_name),
            "apply_url": APPLY_PATH.format(version=details.version.pk, case=case.code),
        }
        for case in details.cases
    ]
    context = {"details": details, "procedure": details.procedure, "cases": cases}
    return render(request, "portal/catalogue/procedure.html", context)
