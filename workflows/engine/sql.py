"""Quoted identifiers from the models' metadata, for the engine's written-out subqueries.
Nothing here ever comes from a request."""

from typing import Any

from django.db import connection


def table(meta: Any) -> str:
    return connection.ops.quote_name(meta.db_table)


def column(meta: Any, field: str) -> str:
    """The quoted column of ``field`` ("pk" for the primary key)."""
    target = meta.pk if field == "pk" else meta.get_field(field)
    return connection.ops.quote_name(target.column)
