"""Every operation through zeep on our own WSDL (in-process): the catalogue, the public
status, a submission (idempotent, its problems in a fault, an attachment above Django's
2.5 MB), the result document (the submitting or competent agency only), verification."""

import hashlib
import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from zeep.exceptions import Fault

from tests.workflows.factories import PDF_BYTES, PNG_BYTES, AgencyFactory
from tests.workflows.services.submission_setup import DATA
from workflows.models import Dossier, DossierAttachment, DossierDocument

from .conftest import SoapDesk, zeep_client

pytestmark = pytest.mark.django_db


def submission(d: SoapDesk, key: str = "req-1", **overrides: Any) -> dict[str, Any]:
    return {
        "request_key": key,
        "version_id": d.desk.version.pk,
        "case_code": d.desk.case.code,
        "receiving_agency": d.desk.centre.code,
        "data_json": json.dumps(DATA),
        "attachments": {
            "Attachment": [
                {"document_code": "request_form", "filename": "don.pdf", "content": PDF_BYTES},
                {
                    "document_code": "identity_document",
                    "filename": "cccd.png",
                    "content": PNG_BYTES,
                },
            ]
        },
        **overrides,
    }


def test_list_procedures_is_the_published_catalogue(soap_desk: SoapDesk) -> None:
    found = soap_desk.service().ListProcedures()

    codes = [item.code for item in found]
    assert soap_desk.desk.version.procedure.code in codes
    item = next(i for i in found if i.code == soap_desk.desk.version.procedure.code)
    assert item.version_id == soap_desk.desk.version.pk
    assert item.case_code == soap_desk.desk.case.code
    assert soap_desk.service().ListProcedures(query="no such words at all") is None


def test_submit_files_a_dossier_for_the_calling_agency_once_per_key(soap_desk: SoapDesk) -> None:
    first = soap_desk.service().SubmitDossier(submission=submission(soap_desk))
    again = soap_desk.service().SubmitDossier(submission=submission(soap_desk))

    dossier = Dossier.objects.get()
    assert (first.code, first.status, first.created) == (dossier.code, 1, True)
    assert (again.code, again.created) == (dossier.code, False)
    assert first.tracking_secret == dossier.tracking_secret
    assert dossier.applicant == soap_desk.client.account
    assert dossier.channel == Dossier.Channel.ONLINE
    assert dossier.receiving_agency == soap_desk.desk.centre
    assert DossierAttachment.objects.filter(dossier=dossier).count() == 2


def test_a_refused_submission_is_a_fault_listing_every_problem(soap_desk: SoapDesk) -> None:
    body = submission(soap_desk, data_json=json.dumps({}), attachments=None)

    with pytest.raises(Fault) as caught:
        soap_desk.service().SubmitDossier(submission=body)

    assert caught.value.code.endswith("Client.Invalid")
    paths = {el.get("path") for el in caught.value.detail.iter("problem")}
    assert "documents.request_form" in paths and len(paths) > 2
    assert "documents.request_form" in caught.value.message
    assert not Dossier.objects.exists()


def test_bad_json_unknown_version_and_blank_key_are_faults(soap_desk: SoapDesk) -> None:
    with pytest.raises(Fault) as blank_key:
        soap_desk.service().SubmitDossier(submission=submission(soap_desk, key="   "))
    with pytest.raises(Fault) as bad_json:
        soap_desk.service().SubmitDossier(submission=submission(soap_desk, data_json="[1"))
    with pytest.raises(Fault) as no_version:
        soap_desk.service().SubmitDossier(submission=submission(soap_desk, version_id=999999))

    assert blank_key.value.code.endswith("Client.Invalid")
    assert bad_json.value.code.endswith("Client.Invalid")
    assert no_version.value.code.endswith("Client.Invalid")


def test_an_attachment_above_django_upload_limit_is_accepted(soap_desk: SoapDesk) -> None:
    big = PDF_BYTES + b"%" + b"x" * (3 * 1024 * 1024)  # 3 MB > DATA_UPLOAD_MAX_MEMORY_SIZE
    body = submission(soap_desk, key="big")
    body["attachments"]["Attachment"][0]["content"] = big

    answer = soap_desk.service().SubmitDossier(submission=body)

    attachment = DossierAttachment.objects.get(document_code="request_form")
    assert answer.created is True
    assert attachment.sha256 == hashlib.sha256(big).hexdigest()


def test_status_by_code_and_an_unknown_code(soap_desk: SoapDesk) -> None:
    code = soap_desk.service().SubmitDossier(submission=submission(soap_desk)).code

    status = soap_desk.service().GetDossierStatus(code=code)
    with pytest.raises(Fault) as unknown:
        soap_desk.service().GetDossierStatus(code="000.00.00.X99-000000-0000")

    assert (status.code, status.status) == (code, 1)
    assert status.procedure_code == soap_desk.desk.version.procedure.code
    assert status.timeline.TimelineEntry[0].kind == "submitted"
    assert "Trần" not in json.dumps(str(status))  # nothing personal
    assert unknown.value.code.endswith("Client.NotFound")


def _result(dossier: Dossier, content: bytes, state: str = "signed") -> DossierDocument:
    document = DossierDocument(
        dossier=dossier,
        kind=DossierDocument.Kind.RESULT,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        signature_state=state,
        number=12,
        symbol="12/GP-UBND",
    )
    document.file.save("result.pdf", ContentFile(content), save=False)
    document.save()
    return document


def test_the_result_document_for_the_submitting_agency_only(
    soap_desk: SoapDesk, make_client: Any
) -> None:
    code = soap_desk.service().SubmitDossier(submission=submission(soap_desk)).code
    dossier = Dossier.objects.get(code=code)
    with pytest.raises(Fault) as not_ready:
        soap_desk.service().GetResultDocument(code=code)
    _result(dossier, PDF_BYTES + b"% result\n")
    _other, other_key = make_client(AgencyFactory())

    found = soap_desk.service().GetResultDocument(code=code)
    with pytest.raises(Fault) as foreign:
        zeep_client(other_key).service.GetResultDocument(code=code)

    assert not_ready.value.code.endswith("Client.NotReady")
    assert found.content == PDF_BYTES + b"% result\n"
    assert found.sha256 == hashlib.sha256(found.content).hexdigest()
    assert (found.number, found.symbol) == (12, "12/GP-UBND")
    assert foreign.value.code.endswith("Client.NotFound")


def test_the_competent_agency_gets_the_result_but_not_one_being_signed(
    soap_desk: SoapDesk, make_client: Any
) -> None:
    code = soap_desk.service().SubmitDossier(submission=submission(soap_desk)).code
    dossier = Dossier.objects.get(code=code)
    competent = AgencyFactory()
    Dossier.objects.filter(pk=dossier.pk).update(competent_agency=competent)
    _result(dossier, PDF_BYTES, state="awaiting")
    _client, key = make_client(competent)

    with pytest.raises(Fault) as awaiting:
        zeep_client(key).service.GetResultDocument(code=code)
    _result(dossier, PDF_BYTES + b"%signed\n")

    assert awaiting.value.code.endswith("Client.NotReady")
    assert zeep_client(key).service.GetResultDocument(code=code).content.endswith(b"%signed\n")


def test_verify_a_pdf_that_is_not_ours(soap_desk: SoapDesk) -> None:
    answer = soap_desk.service().VerifyDocument(content=PDF_BYTES)

    assert answer.valid is False and answer.issued_here is False
    assert answer.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert answer.problems.string
