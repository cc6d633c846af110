"""The periodic job that fires due timers (``flow.Timer`` and boundary timers).

Celery beat runs it in production (``core.run_periodic``), the embedded dispatcher thread on
the embedded default. A timer never fires twice: ``run_job`` keeps two schedulers from
running the job at once, and ``fire_due_timers`` re-reads each task under its process's
row lock and fires it only while it is still SCHEDULED.
"""

from datetime import timedelta

from viewflow.workflow.timers import fire_due_timers

from core.periodic import periodic

JOB = "workflows.fire_due_timers"


@periodic(JOB, every=timedelta(minutes=1))
def fire_timers() -> int:
    return int(fire_due_timers())
