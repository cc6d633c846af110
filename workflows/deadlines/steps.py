"""Warnings and escalations of open user tasks with a budget (``task.scheduled``).

A warning fires ``warn_before`` the due moment (the step's policy), to the assignee (the
role's holders while unclaimed) and the leaders of the step's agency; once due, the overdue
alert does the policy's ``on_overdue``. A task already overdue when the job first sees it (the
job ran late: workers were down) gets the overdue alert only. Each alert is a
``DeadlineAlert`` row, unique per task, kind and due moment: inserted first, in the same
transaction as what it does, so two runs at once (or one after another) fire it once.
"""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.calendar import calendar_for_code
from workflows.engine.locking import locked_task
from workflows.engine.nodes import UserTask
from workflows.models import DeadlineAlert, Dossier
from workflows.permissions import parse_role_permission, role_permission_code
from workflows.services.processing_log import dossier_log

from .arithmetic import before
from .notify import alert_notify
from .officers import leaders_of, task_holders
from .policy import NOTIFY_ASSIGNEE, NOTIFY_LEADER, REASSIGN, StepPolicy, step_policy
from .window import LOOKAHEAD

Kind = DeadlineAlert.Kind


def _fired(kind: str) -> Exists:
    return Exists(
        DeadlineAlert.objects.filter(
            task_id=OuterRef("pk"), kind=kind, due_at=OuterRef("scheduled")
        )
    )


def _candidates(now: datetime) -> Any:
    """Open tasks due within the look-ahead whose overdue alert has not fired, each with
    whether its warning has (``warned``): one query."""
    return (
        Task.objects.filter(
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
            scheduled__isnull=False,
            scheduled__lte=now + LOOKAHEAD,
        )
        .exclude(_fired(Kind.STEP_OVERDUE))
        .annotate(warned=_fired(Kind.STEP_WARNING))
        .select_related("process", "owner")
        .order_by("scheduled", "pk")
    )


def step_alerts_fire(*, now: datetime | None = None) -> int:
    """Fire what is due for every open task; returns how many alerts fired."""
    now = now or timezone.now()
    fired = 0
    for task in _candidates(now).iterator(chunk_size=500):
        node = task.flow_task
        if not isinstance(node, UserTask):
            continue
        fired += _task_alert(task, node, now)
    return fired


def _task_alert(task: Task, node: UserTask, now: datetime) -> bool:
    try:
        _role, agency = parse_role_permission(task.owner_permission or "")
    except ValueError:
        return False
    policy = step_policy(node.step)
    due = task.scheduled
    if now >= due:
        kind = Kind.STEP_OVERDUE
    else:
        warn_at = before(due, policy.warn_before, calendar=calendar_for_code(agency))
        if now < warn_at or warn_at <= task.created:
            return False
        if getattr(task, "warned", False):
            return False
        kind = Kind.STEP_WARNING
    return _fire(task, node, kind, agency, policy)


def _fire(task: Task, node: UserTask, kind: str, agency: str, policy: StepPolicy) -> bool:
    actions = policy.on_overdue if kind == Kind.STEP_OVERDUE else (NOTIFY_ASSIGNEE, NOTIFY_LEADER)
    dossier = (
        Dossier.objects.select_related("version__procedure")
        .defer("personal", "data")
        .get(pk=task.process.artifact_object_id)
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                alert = DeadlineAlert.objects.create(
                    dossier=dossier,
                    task_id=task.pk,
                    step=node.step.id,
                    kind=kind,
                    due_at=task.scheduled,
                    action=",".join(actions)[:40],
                )
        except IntegrityError:  # another run fired it
            return False
        users: list[Any] = []
        if NOTIFY_ASSIGNEE in actions:
            users += task_holders(task)
        if NOTIFY_LEADER in actions:
            users += leaders_of(agency)
        alert_notify(alert=alert, dossier=dossier, users=users, step_name=_name(node))
        if REASSIGN in actions and policy.reassign_to:
            _reassign(task.pk, dossier, policy.reassign_to, agency, task.scheduled)
    return True


def _reassign(task_id: int, dossier: Dossier, role: str, agency: str, due: datetime) -> None:
    """The overdue task goes back unclaimed to the holders of ``role`` in its agency."""
    with locked_task(task_id) as task:
        if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            return
        if task.scheduled != due:
            return
        task.owner, task.assigned, task.status = None, None, STATUS.NEW
        task.owner_permission = role_permission_code(role, agency)
        task.save(update_fields=["owner", "assigned", "status", "owner_permission"])
        dossier_log(
            dossier=dossier, actor=None, action="escalated", step=task.flow_task.name, comment=role
        )


def _name(node: UserTask) -> str:
    return node.step.name or node.step.id
