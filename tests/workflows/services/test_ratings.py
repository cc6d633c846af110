"""The satisfaction rating: once the result is returned, once per dossier, by the applicant."""

from typing import Any

import pytest
from django.utils import translation

from workflows.models import Dossier, ServiceRating
from workflows.services.ratings import RatingNotAllowed, dossier_rate, dossier_rating_open

from ..factories import UserFactory
from .reception_setup import Reception, reception

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def state() -> Reception:
    state = reception()
    user: Any = UserFactory()
    state.dossier.applicant = user
    state.dossier.save(update_fields=["applicant"])
    Dossier.objects.filter(pk=state.dossier.pk).update(status=Dossier.Status.RESULT_RETURNED)
    state.refresh()
    return state


def test_the_applicant_rates_once(state: Reception) -> None:
    by = state.dossier.applicant
    assert dossier_rating_open(state.dossier)
    rating = dossier_rate(
        dossier=state.dossier, by=by, score=4, criteria={"timeliness": 5}, comment=" Tốt "
    )
    assert (rating.score, rating.criteria, rating.comment) == (4, {"timeliness": 5}, "Tốt")
    assert not dossier_rating_open(state.dossier)
    with pytest.raises(RatingNotAllowed, match="already"):
        dossier_rate(dossier=state.dossier, by=by, score=5)
    assert ServiceRating.objects.count() == 1


def test_not_before_the_result_is_returned(state: Reception) -> None:
    Dossier.objects.filter(pk=state.dossier.pk).update(status=Dossier.Status.PROCESSING)
    with pytest.raises(RatingNotAllowed, match="once the result"):
        dossier_rate(dossier=state.refresh(), by=state.dossier.applicant, score=5)


def test_only_the_applicant(state: Reception) -> None:
    with pytest.raises(RatingNotAllowed, match="Only the applicant"):
        dossier_rate(dossier=state.dossier, by=state.receptionist, score=5)


@pytest.mark.parametrize(
    "score,criteria,comment",
    [
        (0, {}, ""),
        (6, {}, ""),
        (True, {}, ""),
        (5, {"speed": 5}, ""),
        (5, {"attitude": 9}, ""),
        (5, {}, "x" * 2001),
    ],
)
def test_invalid_ratings(state: Reception, score: Any, criteria: Any, comment: str) -> None:
    with pytest.raises(RatingNotAllowed):
        dossier_rate(
            dossier=state.dossier,
            by=state.dossier.applicant,
            score=score,
            criteria=criteria,
            comment=comment,
        )
    assert not ServiceRating.objects.exists()
