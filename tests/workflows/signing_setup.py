"""Helpers for results signed through the workflow: the development CA's settings (files in
a temporary directory), the demo (agencies, officers, procedures) with a seal per demo
agency and a personal signature per demo leader (signing_dev_setup), a signed result on
record without a process. Test modules wrap them in their own fixtures."""

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core import outbox
from signing.defaults import DEFAULT_TEMPLATES, RESULT_DIPLOMA_COPY
from signing.devsetup import signing_dev_setup
from signing.rendering import document_render_source, sample_context
from signing.selectors import signer_for
from signing.services import pdf_sign
from signing.stamp import StampText
from tests.workflows.factories import DossierFactory, UserFactory
from workflows.demo import (
    ACCOUNTS,
    demo_accounts,
    demo_agencies,
    demo_procedures,
    demo_roles,
    demo_signers,
)
from workflows.demo_dossiers import open_task
from workflows.models import Dossier, DossierDocument
from workflows.services.result_signing import result_signature_request
from workflows.services.result_signing_render import verification_url


def dev_signing_settings(settings: Any, tmp_path: Any) -> None:
    """The development CA on (its TSA stamps, its root is the only trusted one), its files
    and the stored documents in ``tmp_path``."""
    settings.MOTCUA_SIGNING_DIR = str(tmp_path / "signing")
    settings.MOTCUA_SIGNING_DEV = True
    settings.MOTCUA_SIGNING_TSA_URL = ""
    settings.MOTCUA_SIGNING_TRUST_ROOTS = []
    settings.MOTCUA_SIGNING_LT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }


def demo_with_signers() -> dict[str, Any]:
    """The demo's agencies, officers and procedures, with their development signers."""
    agencies = demo_agencies()
    passwords = {username: "demo-pass" for username, *_ in ACCOUNTS}
    demo_accounts(agencies=agencies, roles=demo_roles(), passwords=passwords)
    demo_procedures()
    demo_signers(agencies=agencies)
    users = {u.username: u for u in get_user_model().objects.all()}
    return {"agencies": agencies, "users": users}


def sign_result(dossier: Dossier, leader: Any, *, step: str = "approval") -> DossierDocument:
    """The leader approves ``step`` and the worker signs (the outbox drained)."""
    document = result_signature_request(
        task_id=open_task(dossier, step), user=leader, outcome="approve"
    )
    outbox.drain()
    document.refresh_from_db()
    return document


def signed_document_make() -> DossierDocument:
    """A result issued and signed (leader, then seal) without walking a process: the
    rendered default of the diploma copy, signed with development signers, on record."""
    leader = UserFactory(username="leader", first_name="An", last_name="Nguyễn Văn")
    dossier = DossierFactory()
    agency = dossier.competent_agency
    signing_dev_setup(agencies=[(agency.code, agency.name)], leaders=[("leader", agency.code)])
    document = DossierDocument.objects.create(
        dossier=dossier, kind="result", sha256="", size=0, number=7, symbol="BS-CQ"
    )
    body = next(d for d in DEFAULT_TEMPLATES if d.code == RESULT_DIPLOMA_COPY).body()
    pdf = document_render_source(
        body=body, context=sample_context(), qr_url=verification_url(document)
    )
    signers = []
    for kind, signer in (
        ("personal", signer_for(kind="personal", user=leader)),
        ("agency", signer_for(kind="agency", agency_code=agency.code)),
    ):
        assert signer is not None
        stamp = StampText(name=signer.name, title=signer.title, organisation=signer.organisation)
        pdf = pdf_sign(pdf=pdf, signer=signer, stamp=stamp, reason="", field_name=f"f_{kind}")
        signers.append({"name": signer.name, "title": signer.title, "kind": kind, "at": ""})
    document.file.save("result.pdf", ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    document.signers = signers
    document.signed_at = timezone.now()
    document.signature_state = DossierDocument.SignatureState.SIGNED
    document.save()
    return document


def document_bytes(document: DossierDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()
