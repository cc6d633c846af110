"""Celery tasks: thin wrappers over the outbox and the periodic jobs."""

from celery import shared_task

from core import outbox
from core.outbox.delivery import next_in_order
from core.periodic import run_job


@shared_task(name="core.deliver_outbox", acks_late=True, ignore_result=True)
def deliver_outbox(message_id: int) -> str:
    outcome = outbox.deliver(message_id)
    if outcome == "sent":
        successor = next_in_order(message_id)
        if successor is not None:
            deliver_outbox.delay(successor)
    return outcome


@shared_task(name="core.run_periodic", ignore_result=True)
def run_periodic(name: str) -> bool:
    return run_job(name)
