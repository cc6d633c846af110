"""Officers' task queues: unclaimed in my roles and agencies, mine, due soon, overdue.

A user task carries ``owner_permission = "workflows.role:<role>@<agency>"`` and its due
moment in ``scheduled``; each queue filters on what a partial index of migration
``workflows.0004_task_queue_indexes`` starts with.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.models import Agency, Dossier, Role
from workflows.permissions import is_role_permission, parse_role_permission
from workflows.selectors.memberships import memberships_for

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def _role_permissions(user: Any) -> list[str]:
    return sorted(p for p in user.get_all_permissions() if is_role_permission(p))


def _human() -> QuerySet[Task]:
    return Task.objects.filter(flow_task_type="HUMAN").select_related("process")


def queue_unclaimed(*, user: Any) -> QuerySet[Task]:
    """Open tasks nobody has claimed, for a role the user holds in the task's agency."""
    return (
        _human()
        .filter(status=STATUS.NEW, owner_permission__in=_role_permissions(user))
        .order_by("-created")
    )


def queue_mine(*, user: Any) -> QuerySet[Task]:
    """Tasks the user has claimed and not finished, soonest due first."""
    return (
        _human()
        .filter(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
        .order_by("scheduled", "created")
    )


def _open_for(user: Any) -> QuerySet[Task]:
    mine = Q(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
    unclaimed = Q(status=STATUS.NEW, owner_permission__in=_role_permissions(user))
    return _human().filter(mine | unclaimed)


def queue_due_soon(*, user: Any, within: timedelta = timedelta(days=1)) -> QuerySet[Task]:
    """Mine or unclaimed in my roles, not yet due but due within ``within``."""
    now = timezone.now()
    return (
        _open_for(user).filter(scheduled__gt=now, scheduled__lte=now + within).order_by("scheduled")
    )


def queue_overdue(*, user: Any) -> QuerySet[Task]:
    """Mine or unclaimed in my roles, past their due moment."""
    return _open_for(user).filter(scheduled__lte=timezone.now()).order_by("scheduled")


QUEUES: dict[str, Callable[..., QuerySet[Task]]] = {
    "unclaimed": queue_unclaimed,
    "mine": queue_mine,
    "due_soon": queue_due_soon,
    "overdue": queue_overdue,
}


def queue_counts(*, user: Any) -> dict[str, int]:
    """How many tasks each queue holds for the user (one COUNT each, on the queue indexes)."""
    return {name: queue(user=user).count() for name, queue in QUEUES.items()}


def queue_filter(
    tasks: QuerySet[Task],
    *,
    procedure: int | None = None,
    step: str = "",
    agency: str = "",
    dossier_status: int | None = None,
    dossier_ids: QuerySet[Any] | None = None,
) -> QuerySet[Task]:
    """A queue narrowed to a procedure (id), a step (node id), the step's agency (code),
    the dossier's status, or the dossiers of a subquery of dossier ids (a code or owner
    name search)."""
    if step:
        tasks = tasks.filter(flow_task__endswith=f".{step}")
    if agency:
        tasks = tasks.filter(owner_permission__endswith=f"@{agency}")
    dossiers = Dossier.objects.all()
    narrowed = False
    if procedure is not None:
        dossiers, narrowed = dossiers.filter(version__procedure_id=procedure), True
    if dossier_status is not None:
        dossiers, narrowed = dossiers.filter(status=dossier_status), True
    if dossier_ids is not None:
        dossiers, narrowed = dossiers.filter(pk__in=dossier_ids), True
    if narrowed:
        tasks = tasks.filter(process__artifact_object_id__in=dossiers.values("pk"))
    return tasks


def queue_with_dossier_code(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks annotated with their dossier's code (``dossier_code``), to sort on it."""
    code = Dossier.objects.filter(pk=OuterRef("process__artifact_object_id")).values("code")
    return tasks.annotate(dossier_code=Subquery(code[:1]))


def task_agency_code(task: Task) -> str:
    """The code of the agency a user task runs in ("" when its permission is not a role's)."""
    try:
        return parse_role_permission(task.owner_permission or "")[1]
    except ValueError:
        return ""


def task_visible_to(*, user: Any, task: Task) -> bool:
    """An officer (any role) of the agency the task runs in, a leader of an agency above it,
    or a superuser. Everyone else is told nothing (the caller answers 404)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    code = task_agency_code(task)
    if not code:
        return False
    memberships = list(
        memberships_for(user).values_list("agency__code", "agency__path", "role__code")
    )
    if any(agency == code for agency, _path, _role in memberships):
        return True
    leads = [path for _code, path, role in memberships if role == Role.Standard.LEADER and path]
    if not leads:
        return False
    path = Agency.objects.filter(code=code).values_list("path", flat=True).first() or ""
    return any(path.startswith(lead) for lead in leads)
