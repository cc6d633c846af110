"""A queue's page: filtered, sorted, paginated, searchable by dossier code or owner name."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from workflows.engine.queues import QUEUES, queue_filter, queue_with_dossier_code
from workflows.selectors.dossiers import dossiers_awaiting_citizen

from .access import officer_required
from .filters import SORTS, QueueFilterForm, search_ids
from .home import QUEUE_TITLES
from .rows import task_rows, waiting_rows

PER_PAGE = 25
MAX_PAGES = 200  # 5,000 rows: narrow the filters to see further
SEARCH_KEY = "workspace_search"


@require_http_methods(["GET", "HEAD", "POST"])
@officer_required
def queue_list(request: HttpRequest, queue: str) -> HttpResponse:
    if queue not in QUEUE_TITLES:
        raise Http404
    if request.method == "POST":  # the search: kept in the session, never in the URL
        text = " ".join(request.POST.get("q", "").split())[:200]
        searches = dict(request.session.get(SEARCH_KEY) or {})
        searches[queue] = "" if "clear" in request.POST else text
        request.session[SEARCH_KEY] = searches
        query = request.GET.copy()
        query.pop("page", None)
        url = request.path + (f"?{query.urlencode()}" if query else "")
        return redirect(url)
    search = (request.session.get(SEARCH_KEY) or {}).get(queue, "")
    form = QueueFilterForm(request.GET or None, user=request.user)
    ids = search_ids(search)
    if queue == "waiting":
        page, rows = _waiting_page(request, form, ids)
    else:
        page, rows = _task_page(request, queue, form, ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/workspace/queue.html",
        {
            "queue": queue,
            "title": QUEUE_TITLES[queue],
            "form": form,
            "search": search,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
        },
    )


def _page_number(request: HttpRequest) -> int:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    return max(1, min(number, MAX_PAGES))


def _task_page(
    request: HttpRequest, queue: str, form: QueueFilterForm, ids: Any
) -> tuple[Page[Any], list[Any]]:
    procedure = form.value("procedure")
    tasks = queue_filter(
        QUEUES[queue](user=request.user),
        procedure=procedure.pk if procedure else None,
        step=form.value("step") or "",
        agency=form.value("agency") or "",
        dossier_status=form.value("status"),
        dossier_ids=ids,
    ).select_related("owner")
    sort = form.value("sort") or ""
    if sort in SORTS:
        if "code" in sort:
            tasks = queue_with_dossier_code(tasks)
        tasks = tasks.order_by(*SORTS[sort])
    page = Paginator(tasks, PER_PAGE).get_page(_page_number(request))
    return page, task_rows(list(page.object_list))


def _waiting_page(
    request: HttpRequest, form: QueueFilterForm, ids: Any
) -> tuple[Page[Any], list[Any]]:
    dossiers = dossiers_awaiting_citizen(user=request.user)
    procedure = form.value("procedure")
    if procedure:
        dossiers = dossiers.filter(version__procedure=procedure)
    if form.value("agency"):
        dossiers = dossiers.filter(receiving_agency__code=form.value("agency"))
    if ids is not None:
        dossiers = dossiers.filter(pk__in=ids)
    sort = form.value("sort") or ""
    orders = {"due": "due_at", "-due": "-due_at", "code": "code", "-code": "-code"}
    orders |= {"received": "received_at", "-received": "-received_at"}
    if sort in orders:
        dossiers = dossiers.order_by(orders[sort], "pk")
    page = Paginator(dossiers, PER_PAGE).get_page(_page_number(request))
    return page, waiting_rows(list(page.object_list))
