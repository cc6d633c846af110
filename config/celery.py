"""The Celery app. Its periodic schedule comes from core's periodic-job registry."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("motcua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["core"])


@app.on_after_finalize.connect
def _schedule_periodic_jobs(sender: Celery, **_: object) -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from core.periodic import celery_beat_schedule

    sender.conf.beat_schedule = celery_beat_schedule()
