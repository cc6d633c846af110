"""The same submission sent 32 times at once (one Idempotency-Key, 32 threads, PostgreSQL's
real locks): one dossier, one code, one set of files; 201 once and 200 for the others."""

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from core.outbox.models import OutboxMessage
from tests.workflows.services.submission_setup import desk
from workflows.models import Dossier, DossierAttachment, DossierCodeSequence

from .conftest import submit, token_for

COUNT = 32


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_32_identical_requests_at_once_make_one_dossier(settings: Any) -> None:
    settings.MOTCUA_API_WRITE_RATE = "1000/m"
    d = desk()
    raw = token_for(d.citizen)
    barrier = threading.Barrier(COUNT)
    answers: list[Any] = []

    def send() -> None:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        try:
            barrier.wait()
            response = submit(client, d, key="one-submission")
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # reported below
            answers.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(COUNT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert all(isinstance(a, tuple) for a in answers), answers
    statuses = sorted(status for status, _body in answers)
    assert statuses == [200] * (COUNT - 1) + [201]
    codes = {body["code"] for _status, body in answers}
    dossier = Dossier.objects.get()
    assert codes == {dossier.code}
    assert sum(body["created"] for _status, body in answers) == 1
    assert DossierAttachment.objects.count() == 2
    assert DossierCodeSequence.objects.get().last == 1
    # one acknowledgement to issue and one notification of the submission, not 32 of each
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert len(kinds) == len(set(kinds)) == 2, kinds
