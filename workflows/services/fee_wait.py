"""A wait-for-payment step entered when nothing is owed any more (the fee was paid at the
counter when filing, or online before the step) moves on at once.

When a ``wait_event`` task on ``payment_confirmed`` is created, an outbox row is written in
the same transaction; sent after the commit, it delivers ``payment_confirmed`` to the process
if every fee of the dossier is settled. A payment confirmed later delivers it itself
(``fee_payments``). Either way the flow lock orders the two: the payment that commits first
is seen by the other, so the step is never left waiting for a payment already made.
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from workflows.engine import event_deliver
from workflows.engine.nodes import WaitEvent
from workflows.models import Dossier

from .fees import dossier_fees_settled

SENDER = "workflows.fee_wait_check"
EVENT = "payment_confirmed"


def _is_payment_wait(task: Any) -> bool:
    if task.flow_task_type != WaitEvent.task_type:
        return False
    node = task.flow_task
    return isinstance(node, WaitEvent) and node.event == EVENT


def fee_wait_entered(sender: Any, instance: Task, created: bool, **kwargs: Any) -> None:
    """post_save of a task: queue the check for a new wait-for-payment task."""
    if not created or not _is_payment_wait(instance):
        return
    outbox.enqueue(
        kind=SENDER,
        payload={"task": instance.pk},
        idempotency_key=f"fee-wait:{instance.pk}",
        summary="fee_wait_check",
    )


@outbox.senders.register(SENDER)
def deliver_fee_wait_check(delivery: outbox.Delivery) -> None:
    """Move the waiting step on if nothing is owed (nothing when it has moved on already)."""
    task = Task.objects.select_related("process").filter(pk=delivery.payload["task"]).first()
    if task is None:
        raise outbox.PermanentError("the task does not exist")
    if task.status != STATUS.NEW:
        return
    dossier = Dossier.objects.filter(pk=task.process.artifact_object_id).first()
    if dossier is None:
        raise outbox.PermanentError("the task's dossier does not exist")
    with transaction.atomic():
        if dossier_fees_settled(dossier_id=dossier.pk):
            event_deliver(dossier=dossier, event=EVENT, payload={"settled": "before"})


post_save.connect(fee_wait_entered, sender=Task, dispatch_uid="workflows.fee_wait_entered")
