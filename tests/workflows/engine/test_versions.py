"""A dossier finishes on the version it started on: after a new version is published, after
viewflow's caches are dropped, and in another Python process (a restart)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from viewflow.workflow import fields
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from workflows.engine import flow_class_for, flows, process_start, task_complete
from workflows.models import Dossier, ProcedureVersion

from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on, publish_next, published, two_step

ROOT = Path(__file__).resolve().parents[3]


def _officer(agency, *roles):  # type: ignore[no-untyped-def]
    user = UserFactory()
    for role in roles:
        MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


def _clear_viewflow_caches() -> None:
    for cached in (
        fields.import_flow_by_ref,
        fields.get_flow_ref,
        fields.import_task_by_ref,
        fields.get_task_ref,
    ):
        cached.cache_clear()


def _open(process: Process) -> Task:
    return Task.objects.get(process=process, flow_task_type="HUMAN", status=STATUS.NEW)


@pytest.mark.django_db
def test_a_dossier_started_on_v1_finishes_on_v1_after_v2_is_published():
    agency = AgencyFactory()
    v1 = published(two_step(result="processed"))
    old = dossier_on(v1, receiving_agency=agency, competent_agency=agency)
    user = _officer(agency, "reception", "specialist")
    process = process_start(dossier=old)
    task_complete(task_id=_open(process).pk, user=user, outcome="forward")

    v2 = publish_next(v1, two_step(result="returned"))
    v1.refresh_from_db()
    assert v1.status == ProcedureVersion.Status.RETIRED
    new = dossier_on(v2, receiving_agency=agency, competent_agency=agency)

    v1_class = flow_class_for(v1)
    _clear_viewflow_caches()
    assert Process.objects.get(pk=process.pk).flow_class is v1_class  # never replaced
    flows._built.clear()  # and as if this Python process had just started
    _clear_viewflow_caches()

    review = _open(Process.objects.get(pk=process.pk))
    assert review.flow_task.flow_class.__name__ == f"Version{v1.pk}Flow"
    task_complete(task_id=review.pk, user=user, outcome="approve")
    old.refresh_from_db()
    assert old.status == Dossier.Status.PROCESSED

    process2 = process_start(dossier=new)
    assert process2.flow_class.__name__ == f"Version{v2.pk}Flow"
    task_complete(task_id=_open(process2).pk, user=user, outcome="forward")
    task_complete(task_id=_open(process2).pk, user=user, outcome="approve")
    new.refresh_from_db()
    assert new.status == Dossier.Status.RESULT_RETURNED


SCRIPT = """
import django
django.setup()
from django.contrib.auth import get_user_model
from workflows.engine import task_complete
user = get_user_model().objects.get(pk={user})
task = task_complete(task_id={task}, user=user, outcome="approve")
print(type(task.flow_task.flow_class).__name__, task.flow_task.flow_class.__name__)
"""


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_another_python_process_completes_the_task_on_the_same_version():
    agency = AgencyFactory()
    v1 = published(two_step(result="processed"))
    dossier = dossier_on(v1, receiving_agency=agency, competent_agency=agency)
    user = _officer(agency, "reception", "specialist")
    process = process_start(dossier=dossier)
    task_complete(task_id=_open(process).pk, user=user, outcome="forward")
    publish_next(v1, two_step(result="returned"))
    review = _open(process)

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "MOTCUA_BACKGROUND": "manual"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(user=user.pk, task=review.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == f"Version{v1.pk}Flow"
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
