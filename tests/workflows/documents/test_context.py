"""The context a dossier gives the document templates."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from workflows.documents import document_context, processing_time_text, track_url
from workflows.documents.texts import document_form_text, strip_unit_words
from workflows.models import DossierDocument, ProcedureCase
from workflows.services.attachments import dossier_attachment_add

from ..factories import PDF_BYTES
from ..services.reception_setup import CODE, OWNER, reception

Unit = ProcedureCase.DeadlineUnit


@pytest.mark.parametrize(
    ("unit", "amount", "expected"),
    [
        (Unit.WORKING_DAYS, 5, "05 ngày làm việc"),
        (Unit.WORKING_DAYS, 15, "15 ngày làm việc"),
        (Unit.WORKING_HOURS, 4, "04 giờ làm việc"),
        (Unit.SAME_DAY, 0, "Trong ngày"),
    ],
)
def test_processing_time_text(unit, amount, expected):
    case = ProcedureCase(deadline_unit=unit, deadline_amount=amount)
    assert processing_time_text(case) == expected


def test_document_forms_and_place_names():
    assert document_form_text({"originals": 1, "copies": 0}) == ("Bản chính", 1)
    assert document_form_text({"originals": 0, "copies": 2}) == ("Bản sao", 2)
    assert document_form_text({"originals": 1, "copies": 1}) == ("Bản chính và bản sao", 2)
    assert document_form_text({}) == ("Bản chính", 1)
    assert strip_unit_words("Ủy ban nhân dân xã An Bình") == "An Bình"
    assert strip_unit_words("Ủy ban nhân dân thành phố Hải Phòng") == "Hải Phòng"
    assert strip_unit_words("Phường Ba Đình") == "Ba Đình"


@pytest.mark.django_db
def test_the_context_of_a_dossier(settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn/"
    state = reception()
    user = get_user_model()(first_name="Đức", last_name="Trần Văn")
    kind = DossierDocument.Kind.RECEIPT
    context = document_context(dossier=state.dossier, kind=kind, officer=user)
    assert context["agency"] == {
        "governing_body": "Ủy ban nhân dân xã An Bình",
        "name": "Trung tâm Phục vụ hành chính công xã An Bình",
        "reception_unit": "Trung tâm Phục vụ hành chính công xã An Bình",
        "place": "An Bình",
        "address": "Thôn Đông, xã An Bình",
        "phone": "",
        "lookup_url": "https://dichvucong.example.vn/track/",
    }
    assert context["document"]["number"] == CODE and context["document"]["symbol"] == "TNHS"
    dossier = context["dossier"]
    assert dossier["procedure_name"] == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
    assert dossier["procedure_code"] == "3.000467.H18"
    assert dossier["processing_time"] == "05 ngày làm việc"
    assert dossier["result_delivery"] == (
        "Trung tâm Phục vụ hành chính công xã An Bình, Thôn Đông, xã An Bình"
    )
    # no file at all: every document of the case, as paper
    assert [(d["code"], d["form"], d["received"]) for d in dossier["documents"]] == [
        ("request_form", "Bản chính", 0),
        ("identity_document", "Bản sao", 0),
    ]
    assert context["applicant"] == {
        "name": OWNER["full_name"],
        "address": OWNER["address"],
        "phone": OWNER["phone"],
        "email": OWNER["email"],
    }
    assert context["officer"]["name"] == "Trần Văn Đức"
    assert context["tracking"] == {
        "url": f"https://dichvucong.example.vn/track/{CODE}/",
        "lookup_url": "https://dichvucong.example.vn/track/",
        "secret": state.dossier.tracking_secret,
    }
    assert track_url(state.dossier) == context["tracking"]["url"]


@pytest.mark.django_db
def test_files_received_a_representative_and_a_structured_address():
    state = reception()
    dossier = state.dossier
    dossier.personal = {
        "owner": dict(OWNER),
        "applicant": {
            "full_name": "Lê Văn Bình",
            "address": {"province": "01", "commune": "00004", "street": "Số 5 Kim Mã"},
        },
    }
    dossier.save()
    for _ in range(2):
        upload = ContentFile(PDF_BYTES, name="don.pdf")
        dossier_attachment_add(
            dossier=dossier, document_code="request_form", upload=upload, uploaded_by=None
        )
    context = document_context(
        dossier=dossier, kind=DossierDocument.Kind.SUPPLEMENTATION, extra={"refusal": {"x": 1}}
    )
    assert [(d["code"], d["received"]) for d in context["dossier"]["documents"]] == [
        ("request_form", 2)
    ]
    assert context["applicant"]["name"] == "Lê Văn Bình"
    assert context["applicant"]["address"] == "Số 5 Kim Mã, Phường Ba Đình, Thành phố Hà Nội"
    assert context["applicant"]["phone"] == ""
    assert context["refusal"] == {"reason": "", "x": 1}
    assert context["document"]["symbol"] == "YCBS"
