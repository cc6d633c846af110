"""Dossier codes: agency code, local date, daily sequence; configurable, never reused."""

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import zoneinfo
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import override_settings

from workflows.errors import DossierCodeExhausted
from workflows.models import DossierCodeSequence
from workflows.services.dossier_code_format import code_format_errors
from workflows.services.dossier_codes import code_settings, dossier_code_issue

from ..factories import AgencyFactory

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = dt.datetime(2026, 11, 28, 9, 0, tzinfo=VIETNAM)
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_the_circular_format_agency_local_date_and_four_digits() -> None:
    agency = AgencyFactory(code="000.00.20.H99")

    codes = [dossier_code_issue(agency=agency, at=MORNING) for _ in range(3)]

    assert codes == [
        "000.00.20.H99-261128-0001",
        "000.00.20.H99-261128-0002",
        "000.00.20.H99-261128-0003",
    ]
    assert DossierCodeSequence.objects.get(agency=agency).last == 3


@pytest.mark.django_db
def test_each_agency_and_each_local_day_count_from_one() -> None:
    first, second = AgencyFactory(code="000.00.20.H99"), AgencyFactory(code="000.00.21.H99")

    assert dossier_code_issue(agency=first, at=MORNING).endswith("-261128-0001")
    assert dossier_code_issue(agency=second, at=MORNING).endswith("-261128-0001")
    next_day = MORNING + dt.timedelta(days=1)
    assert dossier_code_issue(agency=first, at=next_day) == "000.00.20.H99-261129-0001"
    assert dossier_code_issue(agency=first, at=MORNING) == "000.00.20.H99-261128-0002"


@pytest.mark.django_db
def test_half_past_midnight_in_vietnam_takes_the_local_date_not_utcs() -> None:
    agency = AgencyFactory(code="000.00.20.H99")
    at = dt.datetime(2026, 1, 1, 0, 30, tzinfo=VIETNAM)  # 17:30 on 31 December in UTC
    assert at.astimezone(dt.UTC).date() == dt.date(2025, 12, 31)

    assert dossier_code_issue(agency=agency, at=at) == "000.00.20.H99-260101-0001"
    assert DossierCodeSequence.objects.get(agency=agency).day == dt.date(2026, 1, 1)


@pytest.mark.django_db
@override_settings(
    MOTCUA_DOSSIER_CODE_FORMAT="{agency}-{date:%Y%m%d}-{seq}", MOTCUA_DOSSIER_CODE_WIDTH=7
)
def test_the_format_and_the_width_are_settings() -> None:
    agency = AgencyFactory(code="G09.20")

    code = dossier_code_issue(agency=agency, at=dt.datetime(2026, 6, 9, 10, tzinfo=VIETNAM))

    assert code == "G09.20-20260609-0000001"


@pytest.mark.django_db
@override_settings(MOTCUA_DOSSIER_CODE_WIDTH=1)
def test_overflow_is_a_clear_error_and_never_wraps() -> None:
    agency = AgencyFactory(code="000.00.20.H99")
    codes = [dossier_code_issue(agency=agency, at=MORNING) for _ in range(9)]
    assert codes[-1] == "000.00.20.H99-261128-9"

    with pytest.raises(DossierCodeExhausted, match="all 9 dossier codes of 2026-11-28"):
        dossier_code_issue(agency=agency, at=MORNING)
    with pytest.raises(DossierCodeExhausted):
        dossier_code_issue(agency=agency, at=MORNING)

    # the refused numbers were given back: the counter still says 9
    assert DossierCodeSequence.objects.get(agency=agency).last == 9
    # a wider setting carries on from there, it does not start again
    with override_settings(MOTCUA_DOSSIER_CODE_WIDTH=2):
        assert dossier_code_issue(agency=agency, at=MORNING) == "000.00.20.H99-261128-10"


@pytest.mark.django_db
def test_a_rolled_back_submission_gives_its_number_back() -> None:
    agency = AgencyFactory(code="000.00.20.H99")

    with pytest.raises(RuntimeError), transaction.atomic():
        assert dossier_code_issue(agency=agency, at=MORNING).endswith("-0001")
        raise RuntimeError("the submission failed after taking its code")

    assert dossier_code_issue(agency=agency, at=MORNING).endswith("-0001")


@pytest.mark.parametrize(
    ("code_format", "width", "expected"),
    [
        ("{agency}-{date:%y%m%d}-{seq}", 4, []),
        ("{agency}/{date:%d%m%Y}/{seq}", 7, []),
        ("{agency}-{date:%y%m%d}", 4, ["the format needs {seq} exactly once (found 0)"]),
        ("{date:%y%m%d}-{seq}", 4, ["the format needs {agency} exactly once (found 0)"]),
        ("{agency}-{seq}", 4, ["the format needs {date} exactly once (found 0)"]),
        (
            "{agency}-{date:%y%m%d}-{seq}-{seq}",
            4,
            ["the format needs {seq} exactly once (found 2)"],
        ),
        (
            "{agency}-{day}-{date:%y%m%d}-{seq}",
            4,
            ["unknown placeholder {day}: use {agency}, {date} and {seq}"],
        ),
        (
            "{agency}-{date:%m%d}-{seq}",
            4,
            ["the {date} part must show the day, the month and the year"],
        ),
        ("{agency}-{date:%y%m%d}-{seq!r}", 4, ["{seq} takes no !r conversion"]),
        ("{agency}-{date:%y%m%d}-{seq", 4, ["the format is not a str.format template: "]),
        ("{agency}-{date:%y%m%d}-{seq}", 0, ["the sequence width must be between 1 and 12, not 0"]),
        (
            "{agency}-{date:%Y-%m-%d %Y-%m-%d}-{seq}",
            4,
            ["codes can reach 67 characters with a 40-character agency code: at most 60 fit"],
        ),
    ],
)
def test_wrong_formats_are_explained(code_format: str, width: int, expected: list[str]) -> None:
    errors = code_format_errors(code_format, width)

    assert len(errors) == len(expected)
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(start)


@override_settings(MOTCUA_DOSSIER_CODE_FORMAT="{agency}-{seq}")
def test_a_wrong_format_set_since_the_start_is_refused_before_any_number_is_taken() -> None:
    with pytest.raises(ValueError, match=r"needs \{date\}"):
        code_settings()


def test_the_settings_refuse_to_load_a_wrong_format(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        MOTCUA_VAR_DIR=str(tmp_path),
        MOTCUA_DOSSIER_CODE_FORMAT="{agency}-{date:%y%m%d}-{number}",
    )
    probe = "import django; django.setup()"

    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr
    assert "unknown placeholder {number}" in out.stderr


def _issue_in_threads(
    agency_pk: int, threads: int, each: int
) -> tuple[list[str], list[BaseException]]:
    from workflows.models import Agency

    codes: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)
    lock = threading.Lock()

    def work() -> None:
        try:
            agency = Agency.objects.get(pk=agency_pk)
            barrier.wait()
            for _ in range(each):
                with transaction.atomic():
                    code = dossier_code_issue(agency=agency, at=MORNING)
                with lock:
                    codes.append(code)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return codes, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submitters_on_postgresql_get_distinct_gapless_codes() -> None:
    agency = AgencyFactory(code="000.00.20.H99")

    codes, errors = _issue_in_threads(agency.pk, threads=16, each=10)

    assert errors == []
    assert len(codes) == len(set(codes)) == 160
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 161))
    assert DossierCodeSequence.objects.get(agency=agency).last == 160


# The embedded default is a SQLite file in WAL mode with IMMEDIATE transactions (the test
# database is in memory, where a busy connection fails at once instead of waiting): a fresh
# process on a file database, with the two tables the codes need.
SQLITE_PROBE = """
import datetime as dt, json, threading, zoneinfo, django
django.setup()
from django.db import connection, transaction
from workflows.models import Agency, DossierCodeSequence
from workflows.services.dossier_codes import dossier_code_issue
with connection.schema_editor() as editor:
    editor.create_model(Agency)
    editor.create_model(DossierCodeSequence)
agency = Agency.objects.create(code="000.00.20.H99", name="A", kind="office")
connection.close()
at = dt.datetime(2026, 11, 28, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
codes, errors, barrier = [], [], threading.Barrier(8)
def work():
    try:
        barrier.wait()
        for _ in range(10):
            with transaction.atomic():
                codes.append(dossier_code_issue(agency=agency, at=at))
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"codes": codes, "errors": errors, "vendor": connection.vendor}))
"""


def test_concurrent_submitters_on_the_embedded_sqlite_file_are_serialised(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", MOTCUA_VAR_DIR=str(tmp_path))

    out = subprocess.run(
        [sys.executable, "-c", SQLITE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["vendor"], result["errors"]) == ("sqlite", [])
    assert sorted(int(code.rsplit("-", 1)[1]) for code in result["codes"]) == list(range(1, 81))
