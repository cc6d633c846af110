"""The admin audit middleware and the access-log service."""

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from core.audit.models import AccessLogEntry
from core.audit.services import access_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model: Any) -> User:
    user: User = django_user_model.objects.create_superuser("officer", password=None)
    return user


@pytest.fixture
def staff_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def test_admin_change_page_view_is_recorded(staff_client: Client, staff: User) -> None:
    group = Group.objects.create(name="Reception")
    url = reverse("admin:auth_group_change", args=[group.pk])

    response = staff_client.get(url)

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.actor == staff
    assert entry.action == AccessLogEntry.Action.VIEW
    assert entry.object_type == "auth.group"
    assert entry.object_id == str(group.pk)
    assert entry.path == url
    assert entry.request_id == response["X-Request-ID"]


def test_admin_post_is_recorded(staff_client: Client, staff: User) -> None:
    response = staff_client.post(reverse("admin:auth_group_add"), {"name": "Processing"})

    assert response.status_code == 302
    assert Group.objects.filter(name="Processing").exists()
    entry = AccessLogEntry.objects.get()
    assert entry.actor == staff
    assert entry.action == AccessLogEntry.Action.ADMIN
    assert entry.object_type == "auth.group"
    assert entry.path == reverse("admin:auth_group_add")


def test_the_query_string_is_not_recorded(staff_client: Client) -> None:
    group = Group.objects.create(name="Reception")
    url = reverse("admin:auth_group_change", args=[group.pk])

    staff_client.get(url, {"_changelist_filters": "q=079203001234"})

    assert AccessLogEntry.objects.get().path == url


def test_admin_lists_are_not_recorded_as_record_reads(staff_client: Client) -> None:
    assert staff_client.get(reverse("admin:auth_group_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:index")).status_code == 200

    assert not AccessLogEntry.objects.exists()


def test_anonymous_requests_are_not_recorded(client: Client) -> None:
    group = Group.objects.create(name="Reception")

    client.get(reverse("admin:auth_group_change", args=[group.pk]))
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    client.post(reverse("admin:auth_group_add"), {"name": "Intruders"})
    client.get("/")

    assert not AccessLogEntry.objects.exists()
    assert not Group.objects.filter(name="Intruders").exists()


def test_non_staff_users_are_not_recorded(client: Client, django_user_model: Any) -> None:
    citizen = django_user_model.objects.create_user("citizen")
    client.force_login(citizen)
    group = Group.objects.create(name="Reception")

    client.get(reverse("admin:auth_group_change", args=[group.pk]))

    assert not AccessLogEntry.objects.exists()


def test_refused_admin_requests_are_not_recorded(client: Client, django_user_model: Any) -> None:
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)  # no permissions
    client.force_login(clerk)
    group = Group.objects.create(name="Reception")

    response = client.get(reverse("admin:auth_group_change", args=[group.pk]))

    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_access_record_takes_type_and_id_from_the_object(staff: User) -> None:
    group = Group.objects.create(name="Reception")

    entry = access_record(
        actor=staff, action=AccessLogEntry.Action.DOWNLOAD, obj=group, path="/f/1?token=abc"
    )

    assert (entry.object_type, entry.object_id) == ("auth.group", str(group.pk))
    assert entry.path == "/f/1"
    assert entry.request_id == ""


def test_access_record_of_an_anonymous_actor_has_no_actor() -> None:
    from django.contrib.auth.models import AnonymousUser

    entry = access_record(
        actor=AnonymousUser(), action=AccessLogEntry.Action.VIEW, object_type="x", object_id="1"
    )

    assert entry.actor is None
