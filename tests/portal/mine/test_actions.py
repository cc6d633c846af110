"""The applicant's actions on a dossier's page: supplementation, withdrawal and rating (each a
service call; errors shown on the page with what was typed; anyone else 404)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.workflows.factories import PDF_BYTES
from workflows.models import Dossier, ServiceRating
from workflows.services.reception import MissingItem, dossier_request_supplementation

from .conftest import Mine

pytestmark = pytest.mark.django_db


def _supplementation(mine: Mine) -> None:
    dossier_request_supplementation(
        task_id=mine.state.task().pk,
        user=mine.state.receptionist,
        items=[MissingItem("Tên trường đúng", note="Ghi rõ tên trường")],
    )


def test_the_supplementation_form_shows_the_items_and_the_data(mine: Mine) -> None:
    _supplementation(mine)
    html = mine.client(mine.citizen).get(mine.url).content.decode()
    assert "Tên trường đúng" in html and "Ghi rõ tên trường" in html
    assert 'name="school" value="THCS Lê Lợi"' in html
    assert 'name="owner_name"' in html


def test_a_supplement_with_an_error_is_shown_again(mine: Mine) -> None:
    _supplementation(mine)
    post = {"owner_name": "Nguyễn Văn A", "school": "", "graduation_year": "1900"}
    response = mine.client(mine.citizen).post(mine.url + "supplement/", post)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="f-graduation_year-error"' in html and 'href="#f-graduation_year"' in html
    assert 'name="owner_name" value="Nguyễn Văn A"' in html
    assert mine.state.refresh().status == Dossier.Status.SUPPLEMENTATION_REQUESTED


def test_the_supplement_is_sent_with_a_file(mine: Mine) -> None:
    _supplementation(mine)
    code = mine.dossier.case.required_documents[0]["code"]
    post: dict[str, Any] = {
        "owner_name": "Nguyễn Văn A",
        "school": "THCS Nguyễn Du",
        "graduation_year": "2011",
        f"_doc.{code}": SimpleUploadedFile("bo-sung.pdf", PDF_BYTES),
        "note": "Đã bổ sung",
    }
    response = mine.client(mine.citizen).post(mine.url + "supplement/", post)
    assert response.status_code == 302
    dossier = mine.state.refresh()
    assert dossier.status == Dossier.Status.NEW
    assert dossier.data["school"] == "THCS Nguyễn Du"
    assert dossier.attachments.get().original_name == "bo-sung.pdf"
    again = mine.client(mine.citizen).post(mine.url + "supplement/", post)
    assert again.status_code == 302  # told: no request open


def test_only_the_applicant_supplements(mine: Mine) -> None:
    _supplementation(mine)
    response = mine.client(mine.stranger).post(mine.url + "supplement/", {"school": "X"})
    assert response.status_code == 404


def test_a_row_can_be_added_without_submitting(mine: Mine) -> None:
    _supplementation(mine)
    response = mine.client(mine.citizen).post(mine.url + "supplement/", {"_fr_refresh": "1"})
    assert response.status_code == 200
    assert mine.state.refresh().status == Dossier.Status.SUPPLEMENTATION_REQUESTED


def test_withdrawal(mine: Mine) -> None:
    response = mine.client(mine.citizen).post(mine.url + "withdraw/", {"reason": " "})
    assert response.status_code == 400
    assert 'id="withdraw-reason-error"' in response.content.decode()
    assert (
        mine.client(mine.stranger).post(mine.url + "withdraw/", {"reason": "x"}).status_code == 404
    )
    response = mine.client(mine.citizen).post(mine.url + "withdraw/", {"reason": "Đổi ý"})
    assert response.status_code == 302
    assert mine.state.refresh().status == Dossier.Status.WITHDRAWAL_REQUESTED
    assert "Request withdrawal" not in mine.client(mine.citizen).get(mine.url).content.decode()


def test_rating_once_the_result_is_returned(mine: Mine) -> None:
    client = mine.client(mine.citizen)
    assert "Rate the service" not in client.get(mine.url).content.decode()
    Dossier.objects.filter(pk=mine.dossier.pk).update(status=Dossier.Status.RESULT_RETURNED)
    assert "Rate the service" in client.get(mine.url).content.decode()
    bad = client.post(mine.url + "rate/", {"score": "9", "comment": "Tốt"})
    assert bad.status_code == 400 and 'id="score-error"' in bad.content.decode()
    assert "Tốt" in bad.content.decode()
    assert mine.client(mine.stranger).post(mine.url + "rate/", {"score": "5"}).status_code == 404
    post = {"score": "5", "criterion.timeliness": "4", "comment": "Nhanh"}
    assert client.post(mine.url + "rate/", post).status_code == 302
    rating = ServiceRating.objects.get()
    assert (rating.score, rating.criteria, rating.rated_by) == (5, {"timeliness": 4}, mine.citizen)
    html = client.get(mine.url).content.decode()
    assert "Your rating" in html and "Rate the service" not in html
    assert client.post(mine.url + "rate/", post).status_code == 400
