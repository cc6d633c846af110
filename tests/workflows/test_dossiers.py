import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from tests.workflows.factories import DossierFactory
from workflows.models import Dossier
from workflows.models.dossiers import TRACKING_SECRET_LENGTH
from workflows.personal import id_number_hash
from workflows.selectors.dossiers import dossiers_by_owner_id_number

pytestmark = pytest.mark.django_db


def _raw(dossier: Dossier, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM workflows_dossier WHERE id = %s", [dossier.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_personal_data_and_form_data_are_encrypted_at_rest():
    dossier = DossierFactory(
        personal={
            "owner": {"full_name": "Nguyễn Văn Bình", "id_number": "079090001234"},
            "applicant": {"full_name": "Lê Thị Hoa", "phone": "0987654321"},
        },
        data={"school": "Trường THCS Lê Quý Đôn"},
    )
    personal, data = _raw(dossier, "personal"), _raw(dossier, "data")
    for secret in ("Nguyễn", "Bình", "079090001234", "Lê Thị Hoa", "0987654321"):
        assert secret not in personal
    assert "Lê Quý Đôn" not in data
    assert personal.startswith("gAAAA") and data.startswith("gAAAA")  # Fernet tokens
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.owner["full_name"] == "Nguyễn Văn Bình"
    assert stored.applicant_details["phone"] == "0987654321"
    assert stored.data == {"school": "Trường THCS Lê Quý Đôn"}


def test_the_owner_id_number_is_found_by_its_keyed_hash_only():
    dossier = DossierFactory(personal={"owner": {"id_number": "079090001234"}})
    DossierFactory(personal={"owner": {"id_number": "001203004567"}})
    DossierFactory(personal={})
    stored = _raw(dossier, "owner_id_hash")
    assert stored == id_number_hash("079090001234")
    assert "079090001234" not in stored and len(stored) == 64
    assert list(dossiers_by_owner_id_number(id_number="079 090 001 234")) == [dossier]
    assert list(dossiers_by_owner_id_number(id_number="079090009999")) == []
    assert list(dossiers_by_owner_id_number(id_number="")) == []


def test_the_hash_is_keyed(settings):
    plain = id_number_hash("079090001234")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert id_number_hash("079090001234") != plain


def test_the_hash_follows_changes_of_the_owner():
    dossier = DossierFactory(personal={"owner": {"id_number": "079090001234"}})
    dossier.personal = {"owner": {"id_number": "001203004567"}}
    dossier.save(update_fields=["personal"])
    assert list(dossiers_by_owner_id_number(id_number="001203004567")) == [dossier]
    assert list(dossiers_by_owner_id_number(id_number="079090001234")) == []


def test_status_codes_are_the_national_portal_numbers():
    assert [(s.value, s.name) for s in Dossier.Status] == [
        (1, "NEW"),
        (2, "ACCEPTED"),
        (3, "NOT_ACCEPTED"),
        (4, "PROCESSING"),
        (5, "SUPPLEMENTATION_REQUESTED"),
        (6, "FEE_OWED"),
        (7, "WITHDRAWAL_REQUESTED"),
        (8, "STOPPED"),
        (9, "PROCESSED"),
        (10, "RESULT_RETURNED"),
    ]
    assert [c.value for c in Dossier.Channel] == [1, 2, 3]


def test_the_database_refuses_unknown_statuses():
    dossier = DossierFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(status=11)


def test_codes_are_empty_until_issued_then_unique():
    first, second = DossierFactory(), DossierFactory()
    assert first.code is None and second.code is None
    with translation.override("en"):
        assert "no code yet" in str(first)
    first.code = "000.00.20.H99-260601-0001"
    first.save()
    assert str(first) == "000.00.20.H99-260601-0001"
    second.code = first.code
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_each_dossier_gets_its_own_tracking_secret():
    secrets = {DossierFactory().tracking_secret for _ in range(5)}
    assert len(secrets) == 5
    assert all(len(s) == TRACKING_SECRET_LENGTH and s.isalnum() for s in secrets)
    assert not any(ch in s for s in secrets for ch in "01IO")
