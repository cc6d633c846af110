"""Who is responsible for a dossier's deadline: the officers holding its open tasks (or the
role's holders while a task is unclaimed) and the leaders of the agencies involved."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.engine.context import dossier_content_type
from workflows.models import Agency, Dossier, Membership, Role
from workflows.permissions import parse_role_permission
from workflows.selectors.memberships import role_permissions_for, user_has_role

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def open_tasks(dossier: Dossier) -> QuerySet[Task]:
    """The dossier's open user tasks."""
    return Task.objects.filter(
        process__artifact_content_type=dossier_content_type(),
        process__artifact_object_id=dossier.pk,
        flow_task_type="HUMAN",
        status__in=OPEN,
    )


def holds_open_task(*, user: Any, dossier: Dossier) -> bool:
    """The user has claimed an open task of the dossier, or one is unclaimed in a role the
    user holds in the task's agency."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    tasks = open_tasks(dossier)
    if tasks.filter(owner_id=user.pk).exclude(status=STATUS.NEW).exists():
        return True
    return tasks.filter(status=STATUS.NEW, owner_permission__in=role_permissions_for(user)).exists()


def leads(*, user: Any, agency: Agency) -> bool:
    """A leader of the agency or of an agency above it."""
    return user_has_role(user, Role.Standard.LEADER, agency, inherited=True)


def role_holders(role: str, agency_code: str) -> list[Any]:
    """The active users holding ``role`` in the agency today."""
    ids = Membership.objects.effective().filter(
        role__code=role, agency__code=agency_code, agency__active=True, user__is_active=True
    )
    return list(get_user_model().objects.filter(pk__in=ids.values("user_id")).order_by("pk"))


def leaders_of(agency_code: str) -> list[Any]:
    """The leaders of the agency; when it has none, those of the nearest agency above."""
    agency = Agency.objects.filter(code=agency_code).first()
    while agency is not None:
        found = role_holders(Role.Standard.LEADER, agency.code)
        if found:
            return found
        agency = agency.parent
    return []


def task_holders(task: Task) -> list[Any]:
    """The task's assignee, or the holders of its role in its agency while unclaimed."""
    if task.owner_id and task.status != STATUS.NEW:
        return [task.owner]
    try:
        role, agency = parse_role_permission(task.owner_permission or "")
    except ValueError:
        return []
    return role_holders(role, agency)
