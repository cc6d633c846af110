"""Officers' task queues: unclaimed in my roles and agencies, mine, due soon, overdue.

A user task carries ``owner_permission = "workflows.role:<role>@<agency>"`` and its due
moment in ``scheduled``; each queue filters on what a partial index of migration
``workflows.0004_task_queue_indexes`` starts with.
"""

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.permissions import is_role_permission

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
