"""Dossier codes: the receiving agency's code, the local date and a daily sequence.

The sequence of an (agency, local day) is a row of ``DossierCodeSequence`` taken with one
upsert (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, SQLite >= 3.35 and PostgreSQL):
the row stays locked until the caller's transaction ends, so concurrent submitters queue on
it and get consecutive numbers, and a rolled-back submission gives its number back
(docs/adr/0004-dossier-codes-and-submission.md).
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from workflows.engine import sql
from workflows.errors import DossierCodeExhausted
from workflows.models import Agency, DossierCodeSequence

from .dossier_code_format import code_format_errors, code_render


def _upsert_sql() -> str:
    """The statement, its identifiers quoted from the model's metadata (nothing from a request)."""
    meta = DossierCodeSequence._meta
    table = sql.table(meta)
    agency, day, last = (sql.column(meta, name) for name in ("agency", "day", "last"))
    return (
        f"INSERT INTO {table} ({agency}, {day}, {last}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({agency}, {day}) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )


def code_settings() -> tuple[str, int]:
    """The configured (format, width), refused with the reasons if they are wrong (the
    settings check them at load time; this catches a value overridden since)."""
    code_format = str(settings.MOTCUA_DOSSIER_CODE_FORMAT)
    width = int(settings.MOTCUA_DOSSIER_CODE_WIDTH)
    errors = code_format_errors(code_format, width)
    if errors:
        raise ValueError("MOTCUA_DOSSIER_CODE_FORMAT / _WIDTH: " + "; ".join(errors))
    return code_format, width


def dossier_code_issue(*, agency: Agency, at: dt.datetime) -> str:
    """The next code of ``agency`` on the local (Asia/Ho_Chi_Minh) date of ``at``.

    Call it inside the transaction that saves the dossier. Raises DossierCodeExhausted when
    the day's numbers are used up (above ``10 ** width - 1``): numbers never wrap."""
    code_format, width = code_settings()
    day = timezone.localdate(at, timezone.get_default_timezone())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [agency.pk, day])
        row = cursor.fetchone()
        assert row is not None  # RETURNING gives the row it wrote
        seq = int(row[0])
        if seq > 10**width - 1:
            # raised inside the savepoint: the increment is undone with it
            raise DossierCodeExhausted(
                f"agency {agency.code} has issued all {10**width - 1} dossier codes of {day}:"
                " raise MOTCUA_DOSSIER_CODE_WIDTH (codes are never reused)"
            )
    return code_render(code_format, agency=agency.code, day=day, seq=seq, width=width)
