"""The signed result of a dossier through SOAP: the competent agency fetches it (PDF, its
SHA-256), VerifyDocument finds it valid and ours; one changed byte is not valid."""

import hashlib
from typing import Any

import pytest

from tests.workflows.signing_setup import (
    dev_signing_settings,
    document_bytes,
    signed_document_make,
)
from workflows.models import Dossier, DossierDocument

from .conftest import zeep_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_document(settings: Any, tmp_path: Any) -> DossierDocument:
    dev_signing_settings(settings, tmp_path)
    return signed_document_make()


def test_the_competent_agency_fetches_the_signed_result_and_it_verifies(
    signed_document: DossierDocument, make_client: Any
) -> None:
    dossier = signed_document.dossier
    dossier.code = "000.20.20.H56-261128-0001"
    Dossier.objects.filter(pk=dossier.pk).update(code=dossier.code)
    _client, key = make_client(dossier.competent_agency)
    service = zeep_client(key).service

    result = service.GetResultDocument(code=dossier.code)
    verdict = service.VerifyDocument(content=result.content)
    changed = bytearray(result.content)
    position = bytes(changed).index(b"/Type /Page") + 1
    changed[position] = ord("t")
    tampered = service.VerifyDocument(content=bytes(changed))

    assert result.content == document_bytes(signed_document)
    assert result.sha256 == hashlib.sha256(result.content).hexdigest() == signed_document.sha256
    assert (result.number, result.symbol) == (7, "BS-CQ")
    assert verdict.valid is True and verdict.issued_here is True
    assert verdict.problems is None
    assert (verdict.kind, verdict.number, verdict.symbol) == ("result", 7, "BS-CQ")
    assert [s.valid for s in verdict.signatures.Signer] == [True, True]
    assert tampered.valid is False and tampered.issued_here is False
