"""A leader whose personal key is at a remote-signing service (the fake at /signing-fake/,
spoken to over HTTP by the real client): the result waits for the approval on the phone,
the poll job carries on (the seal signs, the step completes); a refusal leaves the step
open with the reason."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from core.periodic import run_job
from signing.fake_remote.service import fake_api_key
from signing.models import PendingSignature, SignerProfile
from tests.workflows.services.test_result_signing import at_approval
from tests.workflows.signing_setup import demo_with_signers, dev_signing_settings
from workflows.demo_dossiers import open_task
from workflows.models import DossierDocument
from workflows.selectors.verification import document_verify
from workflows.services.result_signing import result_signature_request, task_signing

State = DossierDocument.SignatureState
POLL = "workflows.result_signing_poll"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def site_url(settings):  # type: ignore[no-untyped-def]
    """This site on 127.0.0.1 in a thread: the remote-signing client calls the fake over HTTP."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def remote_leader(settings, tmp_path, site_url):  # type: ignore[no-untyped-def]
    """The demo with demo_leader's personal signature at the fake remote service."""
    cache.clear()
    dev_signing_settings(settings, tmp_path)
    demo = demo_with_signers()
    leader = demo["users"]["demo_leader"]
    SignerProfile.objects.filter(kind="personal", user=leader).update(
        backend="remote",
        config={
            "url": site_url + "/signing-fake/api",
            "api_key": fake_api_key(),
            "user_id": leader.username,
        },
    )
    return demo


def phone(leader, pending: PendingSignature, answer: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(leader)
    client.post(reverse("signing_fake:answer", args=[pending.transaction_id, answer]))


@pytest.mark.django_db(transaction=True)
def test_the_poll_job_completes_the_step_once_the_leader_approves(remote_leader):
    leader = remote_leader["users"]["demo_leader"]
    dossier = at_approval(remote_leader, "diploma_copy")
    task_id = open_task(dossier, "approval")

    document = result_signature_request(task_id=task_id, user=leader, outcome="approve")
    outbox.drain()

    pending = PendingSignature.objects.get(pk=task_signing(Task.objects.get(pk=task_id))["pending"])
    assert pending.reference == f"result:{task_id}:{document.pk}:0:0"
    assert run_job(POLL)  # not approved yet: nothing moves
    document.refresh_from_db()
    assert document.signature_state == State.AWAITING
    assert Task.objects.get(pk=task_id).status == STATUS.ASSIGNED

    phone(leader, pending, "approve")
    assert run_job(POLL)

    document.refresh_from_db()
    assert document.signature_state == State.SIGNED
    assert [s["kind"] for s in document.signers] == ["personal", "agency"]
    assert Task.objects.get(pk=task_id).status == STATUS.DONE
    open_task(dossier, "issue")
    with document.file.open("rb") as handle:
        assert document_verify(pdf=handle.read()).valid


@pytest.mark.django_db(transaction=True)
def test_a_refusal_on_the_phone_leaves_the_step_open_with_the_reason(remote_leader):
    leader = remote_leader["users"]["demo_leader"]
    dossier = at_approval(remote_leader, "diploma_copy")
    task_id = open_task(dossier, "approval")
    document = result_signature_request(task_id=task_id, user=leader, outcome="approve")
    outbox.drain()
    pending = PendingSignature.objects.get(pk=task_signing(Task.objects.get(pk=task_id))["pending"])

    phone(leader, pending, "reject")
    with translation.override("en"):
        run_job(POLL)

    document.refresh_from_db()
    task = Task.objects.get(pk=task_id)
    assert document.signature_state == State.FAILED
    assert task.status == STATUS.ASSIGNED
    assert task_signing(task)["state"] == State.FAILED and task_signing(task)["error"]
