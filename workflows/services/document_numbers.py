"""Document numbers (số) per agency, year and series (the symbol, e.g. ``QĐ-SGDĐT``).

One upsert (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, PostgreSQL and SQLite >=
3.35) on ``DocumentNumberSequence`` takes the next number and keeps the row locked until the
caller's transaction ends: concurrent issuers queue on it and get consecutive numbers, and
an issue that rolls back gives its number back, so the register has no gaps.
"""

from django.db import connection, transaction

from workflows.engine import sql
from workflows.models import Agency, DocumentNumberSequence


def _upsert_sql() -> str:
    """The statement, its identifiers quoted from the model's metadata."""
    meta = DocumentNumberSequence._meta
    table = sql.table(meta)
    agency, year, series, last = (
        sql.column(meta, name) for name in ("agency", "year", "series", "last")
    )
    return (
        f"INSERT INTO {table} ({agency}, {year}, {series}, {last}) VALUES (%s, %s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({agency}, {year}, {series}) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )


def document_number_take(*, agency: Agency, year: int, series: str) -> int:
    """The next number of ``agency``'s ``series`` in ``year`` (1 for the first).

    Call it inside the transaction that stores the document: the number is only spent when
    that transaction commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_number_take must run inside the issuing transaction")
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [agency.pk, year, series])
        row = cursor.fetchone()
    assert row is not None  # RETURNING gives the row it wrote
    return int(row[0])
