"""Office hours schedules: checked in ``OfficeHours.clean()`` and parsed for the calendar."""

import re
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from workflows.calendar.hours import parse_schedule, schedule_errors
from workflows.models import OfficeHours

from ..factories import AgencyFactory

GOOD = {"1": [["07:30", "11:30"], ["13:30", "17:00"]], "6": [["08:00", "11:00"]], "7": []}


def test_a_good_schedule_has_no_errors_and_parses():
    assert schedule_errors(GOOD) == []
    assert parse_schedule(GOOD) == {
        1: ((time(7, 30), time(11, 30)), (time(13, 30), time(17))),
        6: ((time(8), time(11)),),
    }


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ([], "is an object"),
        ({"8": []}, "8 is not a weekday"),
        ({"mon": []}, "mon is not a weekday"),
        ({"1": "08:00-12:00"}, "a list of intervals"),
        ({"1": [["8:00", "12:00"]]}, '["HH:MM", "HH:MM"]'),
        ({"1": [["08:00", "25:00"]]}, '["HH:MM", "HH:MM"]'),
        ({"1": [["12:00", "08:00"]]}, "end after it starts"),
        ({"1": [["08:00", "12:00"], ["11:00", "17:00"]]}, "not overlap"),
    ],
)
def test_bad_schedules_say_what_is_wrong(schedule, message):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        errors = schedule_errors(schedule)
        with pytest.raises(ValueError, match=re.escape(message)):
            parse_schedule(schedule)
    assert len(errors) == 1 and message in errors[0]


@pytest.mark.django_db
def test_office_hours_clean_refuses_a_bad_schedule():
    hours = OfficeHours(agency=AgencyFactory(), schedule={"1": [["12:00", "08:00"]]})
    with pytest.raises(ValidationError) as raised:
        hours.full_clean()
    assert "schedule" in raised.value.message_dict
    OfficeHours(agency=AgencyFactory(), schedule=GOOD).full_clean()
