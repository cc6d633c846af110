import pytest

from integrations.postal.models import Shipment
from integrations.postal.service import ShipmentInvalid, shipment_create, shipment_for

from .conftest import order_args

pytestmark = pytest.mark.django_db


def test_create_is_idempotent_while_one_is_active() -> None:
    first = shipment_create(**order_args())
    again = shipment_create(**order_args(weight_grams=999))  # a double submit
    assert again.tracking_number == first.tracking_number
    assert Shipment.objects.count() == 1


def test_a_new_shipment_after_a_failed_one() -> None:
    first = shipment_create(**order_args())
    Shipment.objects.filter(tracking_number=first.tracking_number).update(status="failed")
    second = shipment_create(**order_args())
    assert second.tracking_number != first.tracking_number
    assert shipment_for(reference="dossier:1").tracking_number == second.tracking_number  # type: ignore[union-attr]
    assert list(Shipment.objects.values_list("partner_code", flat=True).order_by("pk")) == [
        "dossier:1:delivery:1",
        "dossier:1:delivery:2",
    ]


def test_bad_requests_list_every_problem_and_save_nothing() -> None:
    receiver = {"name": "An", "address": {"street": "x", "province": "01"}}
    with pytest.raises(ShipmentInvalid) as caught:
        shipment_create(
            **order_args(receiver=receiver, weight_grams=0, cod_amount=-1, payer="nobody")
        )
    problems = " | ".join(caught.value.problems)
    assert "payer" in problems and "weight" in problems and "negative" in problems
    assert "receiver has no phone, commune" in problems
    assert not Shipment.objects.exists()


def test_no_shipment() -> None:
    assert shipment_for(reference="dossier:404") is None
