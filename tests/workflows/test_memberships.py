from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.workflows.factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from workflows.auth import MembershipBackend
from workflows.selectors.memberships import memberships_for, role_permissions_for, user_has_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    department = AgencyFactory(code="000.00.20.H98")
    office = AgencyFactory(code="000.01.20.H98", parent=department)
    school = AgencyFactory(code="000.11.20.H98", parent=department)
    return department, office, school


def test_different_roles_in_different_agencies(agencies):
    department, office, school = agencies
    user = UserFactory()
    MembershipFactory(user=user, agency=office, role=RoleFactory(code="specialist"))
    MembershipFactory(user=user, agency=school, role=RoleFactory(code="reception"))

    assert user_has_role(user, "specialist", office)
    assert user_has_role(user, "reception", school)
    assert user_has_role(user, "reception", "000.11.20.H98")
    assert not user_has_role(user, "reception", office)
    assert not user_has_role(user, "specialist", school)
    assert not user_has_role(user, "specialist", department)
    assert {(m.role.code, m.agency.code) for m in memberships_for(user)} == {
        ("specialist", "000.01.20.H98"),
        ("reception", "000.11.20.H98"),
    }


def test_inherited_roles_come_from_ancestors_only(agencies):
    department, office, _school = agencies
    leader = UserFactory()
    MembershipFactory(user=leader, agency=department, role=RoleFactory(code="leader"))
    assert user_has_role(leader, "leader", office, inherited=True)
    assert user_has_role(leader, "leader", "000.01.20.H98", inherited=True)
    assert not user_has_role(leader, "leader", office)
    officer = UserFactory()
    MembershipFactory(user=officer, agency=office, role=RoleFactory(code="leader"))
    assert not user_has_role(officer, "leader", department, inherited=True)


def test_inactive_memberships_agencies_and_users_do_not_count(agencies):
    _department, office, school = agencies
    role = RoleFactory(code="specialist")
    user = UserFactory()
    MembershipFactory(user=user, agency=office, role=role, active=False)
    assert not user_has_role(user, "specialist", office)

    other = UserFactory()
    MembershipFactory(user=other, agency=school, role=role)
    school.active = False
    school.save()
    assert not user_has_role(other, "specialist", school)

    gone = UserFactory(is_active=False)
    MembershipFactory(user=gone, agency=office, role=role)
    assert not user_has_role(gone, "specialist", office)


def test_validity_dates_are_local_dates(agencies):
    _department, office, _school = agencies
    user = UserFactory()
    MembershipFactory(
        user=user,
        agency=office,
        role=RoleFactory(code="reception"),
        valid_from=date(2026, 1, 2),
        valid_to=date(2026, 1, 31),
    )
    # 23:30 UTC on 1 January is already 2 January in Vietnam (UTC+7).
    with time_machine.travel(datetime(2026, 1, 1, 16, 59, tzinfo=UTC), tick=False):
        assert not user_has_role(user, "reception", office)
    with time_machine.travel(datetime(2026, 1, 1, 23, 30, tzinfo=UTC), tick=False):
        assert user_has_role(user, "reception", office)
    with time_machine.travel(datetime(2026, 1, 31, 16, 59, tzinfo=UTC), tick=False):
        assert user_has_role(user, "reception", office)
    with time_machine.travel(datetime(2026, 1, 31, 17, 0, tzinfo=UTC), tick=False):
        assert not user_has_role(user, "reception", office)


def test_anonymous_users_have_no_memberships():
    from django.contrib.auth.models import AnonymousUser

    assert list(memberships_for(AnonymousUser())) == []
    assert role_permissions_for(AnonymousUser()) == set()


def test_the_backend_grants_role_permissions(agencies):
    _department, office, school = agencies
    user = UserFactory()
    MembershipFactory(user=user, agency=office, role=RoleFactory(code="specialist"))
    MembershipFactory(user=user, agency=school, role=RoleFactory(code="leader"), active=False)
    backend = MembershipBackend()

    assert backend.get_all_permissions(user) == {"workflows.role:specialist@000.01.20.H98"}
    assert backend.has_perm(user, "workflows.role:specialist@000.01.20.H98")
    assert not backend.has_perm(user, "workflows.role:leader@000.11.20.H98")
    assert not backend.has_perm(user, "workflows.view_dossier")
    assert backend.authenticate(None, username=user.username, password="test-password") is None


def test_users_see_role_permissions_through_django(agencies, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "workflows.auth.MembershipBackend",
    ]
    _department, office, _school = agencies
    user = UserFactory()
    MembershipFactory(user=user, agency=office, role=RoleFactory(code="specialist"))
    assert user.has_perm("workflows.role:specialist@000.01.20.H98")
    assert "workflows.role:specialist@000.01.20.H98" in user.get_all_permissions()
