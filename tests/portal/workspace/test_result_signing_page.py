"""The leader signs from the task page: the approval's outcome form starts the signing, the
page shows "awaiting signature" and no outcome forms until it is done; a failure shows the
reason and "Sign again"; a USB token's signature is uploaded from the leader's PC."""

import asyncio

import pytest
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from signing.devca import dev_ca_load
from signing.keys import CachedKeySigner
from signing.models import PendingSignature, SignerProfile
from signing.pki import Issued, leaf_issue
from tests.workflows.services.test_result_signing import at_approval
from tests.workflows.signing_setup import demo_with_signers, dev_signing_settings
from workflows.demo_dossiers import open_task
from workflows.models import DossierDocument
from workflows.services.result_signing import task_signing

pytestmark = pytest.mark.django_db
State = DossierDocument.SignatureState


@pytest.fixture
def demo(settings, tmp_path):  # type: ignore[no-untyped-def]
    dev_signing_settings(settings, tmp_path)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_with_signers()


def page_of(user):  # type: ignore[no-untyped-def]
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def approve(client: Client, task_id: int):  # type: ignore[no-untyped-def]
    return client.post(
        f"/workspace/tasks/{task_id}/outcome/outcome/",
        {"outcome-outcome": "approve", "outcome-comment": "Đồng ý"},
    )


def test_the_leader_approves_and_the_page_shows_the_signing(demo):
    leader = demo["users"]["demo_leader"]
    task_id = open_task(at_approval(demo, "diploma_copy"), "approval")
    client = page_of(leader)

    answer = approve(client, task_id)

    assert answer.status_code == 302
    page = client.get(f"/workspace/tasks/{task_id}/").content.decode()
    assert "The result was issued and is awaiting signature." in page
    assert "Awaiting digital signature" in page
    assert "Finish this step" not in page  # no outcome while the signature is awaited
    assert "Sign again" not in page

    outbox.drain()

    assert Task.objects.get(pk=task_id).status == STATUS.DONE
    page = client.get(f"/workspace/tasks/{task_id}/").content.decode()
    assert "Awaiting digital signature" not in page and "Signed" in page


def test_a_failure_shows_the_reason_and_sign_again_signs(demo):
    leader = demo["users"]["demo_leader"]
    task_id = open_task(at_approval(demo, "diploma_copy"), "approval")
    client = page_of(leader)
    approve(client, task_id)
    seals = SignerProfile.objects.filter(kind="agency")
    seals.update(active=False)
    outbox.drain()

    page = client.get(f"/workspace/tasks/{task_id}/").content.decode()
    assert "The signature failed" in page and "Sign again" in page
    assert "Finish this step" in page  # the leader may also send it back instead

    seals.update(active=True)
    assert client.post(f"/workspace/tasks/{task_id}/sign/retry/").status_code == 302
    outbox.drain()
    assert Task.objects.get(pk=task_id).status == STATUS.DONE


def test_sign_again_is_post_only_and_for_the_leader(demo):
    leader = demo["users"]["demo_leader"]
    task_id = open_task(at_approval(demo, "diploma_copy"), "approval")
    assert page_of(leader).get(f"/workspace/tasks/{task_id}/sign/retry/").status_code == 405
    specialist = page_of(demo["users"]["demo_specialist"])
    specialist.post(f"/workspace/tasks/{task_id}/sign/retry/")
    assert task_signing(Task.objects.get(pk=task_id)) == {}


def _usb_token(leader) -> Issued:  # type: ignore[no-untyped-def]
    """The leader's personal signature moved to a USB token (a key this test holds)."""
    ca = dev_ca_load()
    assert ca is not None
    token = leaf_issue(issuer=ca.root, common_name="Lãnh đạo Sở", organisation="Sở GD&ĐT")
    pem = (token.cert_pem() + ca.root.cert_pem()).decode()
    SignerProfile.objects.filter(kind="personal", user=leader).update(
        backend="usb", config={"certificate": pem}
    )
    return token


def pc_sign(token: Issued, digest_hex: str) -> bytes:
    """What the signing software on the leader's PC does with the token."""
    ca = dev_ca_load()
    assert ca is not None
    signer = CachedKeySigner(key=token.key, cert=token.cert, chain=[ca.root.cert])
    content = asyncio.run(signer.async_sign(bytes.fromhex(digest_hex), "sha256", use_pades=True))
    return bytes(content.dump())


def test_a_usb_token_signature_is_uploaded_from_the_leaders_pc(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    leader = demo["users"]["demo_leader"]
    token = _usb_token(leader)
    task_id = open_task(at_approval(demo, "diploma_copy"), "approval")
    client = page_of(leader)
    approve(client, task_id)
    outbox.drain()
    usb = f"/workspace/tasks/{task_id}/sign/usb/"

    assert usb in client.get(f"/workspace/tasks/{task_id}/").content.decode()
    pending = PendingSignature.objects.get(pk=task_signing(Task.objects.get(pk=task_id))["pending"])
    page = client.get(usb)
    assert page.status_code == 200 and pending.digest in page.content.decode()
    other = page_of(demo["users"]["demo_specialist"])
    assert other.get(usb).status_code == 404

    wrong = client.post(usb, {"signature": SimpleUploadedFile("s.p7s", b"not a cms")})
    assert wrong.status_code == 400
    assert Task.objects.get(pk=task_id).status == STATUS.ASSIGNED

    cms = pc_sign(token, pending.digest)
    done = client.post(usb, {"signature": SimpleUploadedFile("s.p7s", cms)})

    assert done.status_code == 302
    assert Task.objects.get(pk=task_id).status == STATUS.DONE
    document = DossierDocument.objects.get(
        pk=task_signing(Task.objects.get(pk=task_id))["document"]
    )
    assert document.signature_state == State.SIGNED
    assert [s["kind"] for s in document.signers] == ["personal", "agency"]


def test_after_a_usb_signature_a_seal_that_fails_for_a_while_is_carried_on_by_the_poll(
    demo, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.periodic import run_job
    from signing import services as signing_services
    from signing.errors import TimestampUnavailable

    leader = demo["users"]["demo_leader"]
    token = _usb_token(leader)
    task_id = open_task(at_approval(demo, "diploma_copy"), "approval")
    client = page_of(leader)
    approve(client, task_id)
    outbox.drain()
    pending = PendingSignature.objects.get(pk=task_signing(Task.objects.get(pk=task_id))["pending"])
    sign = signing_services.pdf_sign

    def tsa_down(**arguments):  # type: ignore[no-untyped-def]
        raise TimestampUnavailable()

    monkeypatch.setattr(signing_services, "pdf_sign", tsa_down)
    cms = pc_sign(token, pending.digest)
    page = client.post(
        f"/workspace/tasks/{task_id}/sign/usb/", {"signature": SimpleUploadedFile("s.p7s", cms)}
    )
    assert page.status_code == 400  # the reason shown; the signature itself is kept
    assert Task.objects.get(pk=task_id).status == STATUS.ASSIGNED

    monkeypatch.setattr(signing_services, "pdf_sign", sign)
    assert run_job("workflows.result_signing_poll")

    assert Task.objects.get(pk=task_id).status == STATUS.DONE
