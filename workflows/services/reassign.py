"""A leader gives an open task to another officer holding the step's role in its agency.

The task is read under its process's flow lock (``workflows.engine.locking``), so a claim, a
release or a completion at the same moment either finishes first or waits; the hand-over is
written to the dossier's processing log (action ``reassigned``, the leader as actor).
"""

import logging
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.engine import EngineError, TaskNotAvailable
from workflows.engine.locking import locked_task
from workflows.engine.nodes import UserTask
from workflows.models import Dossier, Role
from workflows.permissions import parse_role_permission
from workflows.selectors.memberships import user_has_role
from workflows.services.processing_log import dossier_log

logger = logging.getLogger("motcua.workflows")


class ReassignRefused(EngineError):
    """The user leads no agency the task runs in, or the officer does not hold its role."""


def task_step_agency(task: Task) -> tuple[str, str]:
    """(role code, agency code) of a user task, read from its owner permission."""
    return parse_role_permission(task.owner_permission or "")


def user_may_reassign(*, user: Any, task: Task) -> bool:
    """A leader of the task's agency or of an agency above it (or a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    try:
        _role, agency = task_step_agency(task)
    except ValueError:
        return False
    return user_has_role(user, Role.Standard.LEADER, agency, inherited=True)


def task_reassign(*, task_id: int, user: Any, to: Any, comment: str = "") -> Task:
    """Give the open task ``task_id`` (claimed or not) to ``to``.

    Raises TaskNotAvailable when the task is no longer open, ReassignRefused when ``user``
    may not reassign it or ``to`` does not hold the step's role in the step's agency."""
    with locked_task(task_id) as task:
        if (
            task is None
            or not isinstance(task.flow_task, UserTask)
            or task.status not in (STATUS.NEW, STATUS.ASSIGNED)
        ):
            raise TaskNotAvailable(f"task {task_id} is not an open user task")
        if not user_may_reassign(user=user, task=task):
            raise ReassignRefused(f"user {user.pk} may not reassign task {task_id}")
        role, agency = task_step_agency(task)
        if not getattr(to, "is_active", False) or not user_has_role(to, role, agency):
            raise ReassignRefused(f"user {to.pk} does not hold the role of task {task_id}")
        if task.owner_id == to.pk and task.status == STATUS.ASSIGNED:
            return task
        task.owner, task.assigned, task.status = to, timezone.now(), STATUS.ASSIGNED
        task.save(update_fields=["owner", "assigned", "status"])
        dossier_log(
            dossier=Dossier(pk=task.process.artifact_object_id),
            actor=user,
            action="reassigned",
            step=task.flow_task.name,
            comment=comment.strip(),
        )
    logger.info("task reassigned", extra={"task_id": task_id, "by_user": user.pk, "to_user": to.pk})
    return task
