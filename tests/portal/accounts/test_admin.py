"""The admin lists linked identities, read-only."""

import pytest

from portal.accounts.models import OIDCIdentity
from tests.workflows.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_identities_are_listed_and_not_added_by_hand(client) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    OIDCIdentity.objects.create(user=admin, issuer="https://id.example", subject_hash="0" * 64)
    client.force_login(admin)
    assert client.get("/admin/portal_accounts/oidcidentity/").status_code == 200
    assert client.get("/admin/portal_accounts/oidcidentity/add/").status_code == 403
