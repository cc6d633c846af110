"""External events (payment confirmed, shipment delivered, supplementation received)."""

from typing import Any

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.models import Dossier

from . import handover
from .nodes import WaitEvent
from .runtime import process_of


def event_deliver(*, dossier: Dossier, event: str, payload: dict[str, Any] | None = None) -> int:
    """Complete the dossier's tasks waiting for ``event``; returns how many moved on (0 when
    nothing waits, e.g. a replayed callback). ``payload`` is kept on the task as it is (not
    encrypted): references and amounts, never personal data."""
    process = process_of(dossier)
    if process is None:
        return 0
    flow_class = process.flow_class
    moved = 0
    with flow_class.lock(process.pk), handover.batched():
        waiting = Task.objects.select_related("process").filter(
            process_id=process.pk, flow_task_type=WaitEvent.task_type, status=STATUS.NEW
        )
        for task in waiting:
            node = task.flow_task
            if not isinstance(node, WaitEvent) or node.event != event:
                continue
            activation = node.activation_class(task)
            activation.run(None)
            task.data = {**(task.data or {}), "event": event, "payload": payload or {}}
            activation.execute()
            handover.step_done(task=task, actor=None, action=f"event:{event}")
            moved += 1
    return moved
