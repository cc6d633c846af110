import datetime

import pytest
import time_machine
from django.utils import translation

from core.expressions import (
    ExpressionError,
    condition_holds,
    expression_check,
    expression_evaluate,
)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


DATA = {
    "channel": "post",
    "copies": 3,
    "applicant": {"kind": "Parent", "documents": ["id", "birth"]},
    "filed_on": "2026-06-09",
    "paid": None,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('data.channel == "post" and data.copies > 1', True),
        ("data.copies * 2 + 1", 7),
        ('lower(data.applicant.kind) in ["parent", "heir"]', True),
        ('data["applicant"]["documents"][1]', "birth"),
        ("len(data.applicant.documents)", 2),
        ("data.missing", None),
        ("data.missing.deeper is None", True),
        ("data.paid is None", True),
        ("not data.paid", True),
        ('"yes" if data.copies >= 3 else "no"', "yes"),
        ('date(data.filed_on) < date("2026-07-01")', True),
        ('days_between(data.filed_on, "2026-06-19")', 10),
        ("data.applicant.documents[9]", None),
        ("max(data.copies, 5) // 2", 2),
    ],
)
def test_expressions_over_the_data(source, expected):
    assert expression_evaluate(source, data=DATA) == expected


@time_machine.travel(datetime.datetime(2026, 6, 9, 17, 30, tzinfo=datetime.UTC), tick=False)
def test_today_is_the_local_date():
    # 17:30 UTC on 9 June is 00:30 on 10 June in Ho Chi Minh City.
    assert expression_evaluate("today()", data={}) == datetime.date(2026, 6, 10)
    assert condition_holds('today() > date("2026-06-09")', data={})


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("", "empty"),
        ("data.copies >", "syntax error"),
        ("data.__class__", "private attribute"),
        ("data._secret", "private attribute"),
        ('__import__("os")', "unknown function"),
        ("data.copies.__class__", "private attribute"),
        ("[].__class__", "private attribute"),
        ("open", "unknown name"),
        ("len", "is a function"),
        ("lambda: 1", "Lambda is not allowed"),
        ("[x for x in data.applicant.documents]", "ListComp is not allowed"),
        ("(y := 1)", "NamedExpr is not allowed"),
        ('data.get("copies")', "unknown function"),
        ('eval("1")', "unknown function"),
        ("min(data.copies, key=abs)", "keyword arguments"),
        ("2 ** 999999", "Pow is not allowed"),
        ("data.copies; 1", "syntax error"),
        ("x" * 1001, "longer than 1000"),
        ('f"{data.copies}"', "JoinedStr is not allowed"),
    ],
)
def test_what_is_refused_at_publish_time(source, reason):
    with pytest.raises(ExpressionError) as caught:
        expression_check(source)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        "data.copies.real",  # no attributes on anything but mappings
        "data.channel.upper",
        "data.copies < data.paid",  # int < None
        "data.copies / 0",
        "int(data.channel)",
        "data.copies[0]",
    ],
)
def test_what_fails_on_the_data_raises_an_expression_error(source):
    expression_check(source)
    with pytest.raises(ExpressionError):
        expression_evaluate(source, data=DATA)


def test_conditions_are_booleans():
    assert condition_holds("data.copies", data=DATA) is True
    assert condition_holds("data.missing", data=DATA) is False
