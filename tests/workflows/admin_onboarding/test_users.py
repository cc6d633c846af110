"""Users in the admin: their memberships inline; a user who acted is deactivated, never
deleted; one who never did anything may be deleted."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.workflows.factories import (
    AgencyFactory,
    DossierFactory,
    MembershipFactory,
    ProcedureVersionFactory,
    UserFactory,
)
from workflows.admin.users import user_has_acted
from workflows.services.processing_log import dossier_log

pytestmark = pytest.mark.django_db


def _delete(user) -> str:  # type: ignore[no-untyped-def]
    return reverse("admin:auth_user_delete", args=[user.pk])


def test_the_user_page_lists_memberships(admin_client):
    membership = MembershipFactory(agency=AgencyFactory(code="000.00.77.H98"))
    page = admin_client.get(reverse("admin:auth_user_change", args=[membership.user.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="agency_memberships-0-role"' in text and "000.00.77.H98" in text


def test_a_user_who_acted_cannot_be_deleted(admin_client):
    officer = UserFactory()
    dossier_log(dossier=DossierFactory(), actor=officer, action="note", comment="")
    creator = UserFactory()
    ProcedureVersionFactory(created_by=creator)
    for user in (officer, creator):
        assert user_has_acted(user)
        assert admin_client.post(_delete(user), {"post": "yes"}).status_code == 403
        assert get_user_model().objects.filter(pk=user.pk).exists()


def test_a_user_who_never_acted_may_be_deleted(admin_client):
    user = MembershipFactory().user
    assert not user_has_acted(user)
    response = admin_client.post(_delete(user), {"post": "yes"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_users_are_deactivated_in_bulk_not_deleted(admin_client):
    officers = [UserFactory(), UserFactory()]
    changelist = reverse("admin:auth_user_changelist")
    page = admin_client.get(changelist).content.decode()
    assert 'value="delete_selected"' not in page and 'value="deactivate"' in page
    response = admin_client.post(
        changelist, {"action": "deactivate", "_selected_action": [u.pk for u in officers]}
    )
    assert response.status_code == 302
    for user in officers:
        user.refresh_from_db()
        assert not user.is_active
