"""Document numbers: gapless per agency, year and series; a rolled-back issue gives its
number back; concurrent issuers on PostgreSQL get 1..N."""

import threading

import pytest
from django.db import connection, transaction

from workflows.models import DocumentNumberSequence
from workflows.services.document_numbers import document_number_take

from ..factories import AgencyFactory


def _take(agency, year=2026, series="QĐ-SGDĐT") -> int:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        return document_number_take(agency=agency, year=year, series=series)


@pytest.mark.django_db
def test_numbers_count_from_one_per_agency_year_and_series() -> None:
    first, second = AgencyFactory(), AgencyFactory()

    assert [_take(first) for _ in range(3)] == [1, 2, 3]
    assert _take(second) == 1
    assert _take(first, year=2027) == 1
    assert _take(first, series="GXN-SGDĐT") == 1
    assert _take(first) == 4
    row = DocumentNumberSequence.objects.get(agency=first, year=2026, series="QĐ-SGDĐT")
    assert row.last == 4


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back() -> None:
    agency = AgencyFactory()
    assert _take(agency) == 1

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert document_number_take(agency=agency, year=2026, series="QĐ-SGDĐT") == 2
        1 / 0  # noqa: B018  (the issue fails after taking its number)

    assert _take(agency) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_refuses_to_take_a_number() -> None:
    agency = AgencyFactory()

    with pytest.raises(RuntimeError, match="inside the issuing transaction"):
        document_number_take(agency=agency, year=2026, series="QĐ")

    assert not DocumentNumberSequence.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_on_postgresql_get_one_to_n_without_gaps() -> None:
    agency = AgencyFactory()
    numbers: list[int] = []
    errors: list[BaseException] = []
    barrier, lock = threading.Barrier(12), threading.Lock()

    def work() -> None:
        try:
            barrier.wait()
            for index in range(10):
                with transaction.atomic():
                    number = document_number_take(agency=agency, year=2026, series="QĐ")
                    if index == 5:  # every thread rolls one issue back
                        transaction.set_rollback(True)
                        continue
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(12)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)

    assert errors == []
    assert sorted(numbers) == list(range(1, 12 * 9 + 1))
    assert DocumentNumberSequence.objects.get(agency=agency).last == 108
