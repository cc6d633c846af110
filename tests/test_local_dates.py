"""At 00:30 in Vietnam it is still the previous day in UTC: every date that matters to the
law (documents, memberships, reports, codes) must be the local one."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from signing.rendering.service import document_render_source
from tests.signing.pdf import text
from tests.workflows.factories import AgencyFactory, MembershipFactory, RoleFactory
from workflows.selectors.memberships import user_has_role

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# 00:30 on 1 January 2026 in Vietnam = 17:30 on 31 December 2025 in UTC
HALF_PAST_MIDNIGHT = dt.datetime(2026, 1, 1, 0, 30, tzinfo=VIETNAM)


@pytest.fixture
def at_half_past_midnight():
    with time_machine.travel(HALF_PAST_MIDNIGHT, tick=False):
        yield


def test_the_clock_really_is_on_the_previous_utc_day(at_half_past_midnight):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert timezone.now().astimezone(dt.UTC).date() == dt.date(2025, 12, 31)
    assert timezone.localdate() == dt.date(2026, 1, 1)


def test_a_document_dated_now_carries_the_local_date(at_half_past_midnight):
    pdf = document_render_source(
        body='{% extends "documents/base.html" %}{% block body %}Hôm nay: '
        "{{ today|ngay_thang_nam }}{% endblock %}",
        context={"today": timezone.now()},
    )
    assert "Hôm nay: ngày 01 tháng 01 năm 2026" in text(pdf)


@pytest.mark.django_db
def test_a_membership_starting_today_is_in_force_after_midnight(at_half_past_midnight):
    agency = AgencyFactory()
    membership = MembershipFactory(
        agency=agency, role=RoleFactory(code="reception"), valid_from=dt.date(2026, 1, 1)
    )
    assert user_has_role(membership.user, "reception", agency)
    ended = MembershipFactory(
        agency=agency, role=RoleFactory(code="leader"), valid_to=dt.date(2025, 12, 31)
    )
    assert not user_has_role(ended.user, "leader", agency)
