"""Issuing a dossier's documents: the template revision used, the stored PDF, the outbox
sender of the acknowledgement of submission."""

import hashlib

import pytest
from django.db import transaction

from core import outbox
from signing.defaults import FORM_00_ACKNOWLEDGEMENT, FORM_01_RECEIPT
from signing.models import DocumentTemplate
from signing.rendering import DocumentTemplateError
from signing.services import document_template_install_defaults, document_template_revise
from workflows.models import DossierDocument, ProcessingLogEntry
from workflows.services.documents import SENDER, dossier_document_issue

from ..factories import DocumentTemplateFactory
from .reception_setup import CODE, OWNER, pdf_text, reception

pytestmark = pytest.mark.django_db
Kind = DossierDocument.Kind
ACK = "acknowledgement"
BODY = (
    '{% extends "documents/base.html" %}'
    "{% block body %}<p>Riêng: {{ dossier.code }}</p>{% endblock %}"
)


def test_the_newest_revision_of_the_default_is_used_and_stored_with_its_hash(settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn"
    state = reception()
    document_template_install_defaults()
    first = DocumentTemplate.objects.get(code=FORM_01_RECEIPT)
    edited = document_template_revise(
        template=first, body=first.body.replace("Nội dung yêu cầu", "Yêu cầu")
    )
    document = dossier_document_issue(dossier=state.dossier, kind=Kind.RECEIPT)
    assert document.template == edited and edited.revision == 2
    with document.file.open("rb") as handle:
        pdf = handle.read()
    assert document.sha256 == hashlib.sha256(pdf).hexdigest() and document.size == len(pdf)
    assert document.file.name.startswith("documents/") and CODE not in document.file.name
    content = pdf_text(state.dossier, Kind.RECEIPT)
    assert "Yêu cầu giải quyết: Cấp bản sao" in content
    assert document.created_by is None
    entry = ProcessingLogEntry.objects.get(dossier=state.dossier, action="document_issued")
    assert entry.comment == "receipt"


def test_the_version_s_own_template_wins():
    own = DocumentTemplateFactory(code="rieng-01", kind=DocumentTemplate.Kind.RECEIPT, body=BODY)
    state = reception(templates=[own])
    document = dossier_document_issue(dossier=state.dossier, kind=Kind.RECEIPT)
    assert document.template == own
    assert f"Riêng: {CODE}" in pdf_text(state.dossier, Kind.RECEIPT)


def test_a_broken_template_stores_nothing():
    broken = DocumentTemplateFactory(
        code="hong-01", kind=DocumentTemplate.Kind.REFUSAL, body="{% if %}"
    )
    state = reception(templates=[broken])
    with pytest.raises(DocumentTemplateError):
        dossier_document_issue(dossier=state.dossier, kind=Kind.REFUSAL)
    assert not DossierDocument.objects.filter(dossier=state.dossier).exists()


def test_the_acknowledgement_is_issued_once_by_the_outbox_sender():
    state = reception()
    dossier = state.dossier
    with transaction.atomic():
        message = outbox.enqueue(
            kind=SENDER,
            payload={"dossier": dossier.pk, "kind": "acknowledgement"},
            idempotency_key=f"dossier-doc:{dossier.pk}:acknowledgement",
        )
    assert outbox.deliver(message.pk) == "sent"
    document = DossierDocument.objects.get(dossier=dossier, kind=Kind.ACKNOWLEDGEMENT)
    assert document.template.code == FORM_00_ACKNOWLEDGEMENT
    content = pdf_text(dossier, Kind.ACKNOWLEDGEMENT)
    for expected in [
        "PHIẾU XÁC NHẬN NỘP HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        f"Mã tra cứu: {dossier.tracking_secret}",
        f"xác nhận đã nhận được hồ sơ của: {OWNER['full_name']}",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc (mã thủ tục 3.000467.H18)",
        "Thời gian nộp: 16 giờ 30 phút, ngày 11 tháng 02 năm 2026",
        "1. Đơn đề nghị",
        "2. Căn cước",
        f"http://127.0.0.1:8000/track/{CODE}/",
    ]:
        assert expected in content, expected

    # a redelivery (the same payload sent again) issues nothing more
    with transaction.atomic():
        again = outbox.enqueue(kind=SENDER, payload={"dossier": dossier.pk, "kind": ACK})
    assert outbox.deliver(again.pk) == "sent"
    assert DossierDocument.objects.filter(dossier=dossier, kind=Kind.ACKNOWLEDGEMENT).count() == 1


def test_a_missing_dossier_is_a_permanent_failure():
    with transaction.atomic():
        message = outbox.enqueue(kind=SENDER, payload={"dossier": 999999, "kind": ACK})
    assert outbox.deliver(message.pk) == "dead"
