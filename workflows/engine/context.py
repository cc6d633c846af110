"""The dossier behind a viewflow process, and what a node reads from it.

A process points at its dossier through viewflow's ``Process.artifact`` (content type and
object id; ADR 0003). The dossier is loaded once per process object and kept on it, so a
chain of activations in one transaction reads it once.
"""

import functools
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models import JSONField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from viewflow.workflow.models import Process

from workflows.definitions.model import AgencyRef, AgencySource
from workflows.models import Agency, Dossier

from .sql import column, table

_CACHE = "_motcua_dossier"


def dossier_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Dossier)  # cached by Django after the first call


def dossier_of(process: Any) -> Dossier:
    dossier = getattr(process, _CACHE, None)
    if dossier is None:
        dossier = (
            Dossier.objects.select_related("receiving_agency", "competent_agency")
            .defer("personal")  # encrypted, and no node reads it
            .get(pk=process.artifact_object_id)
        )
        setattr(process, _CACHE, dossier)
    return dossier


def dossier_ref(process: Any) -> Dossier:
    """The loaded dossier if there is one, else a reference by primary key (enough to point a
    log row at it, without reading the row)."""
    return getattr(process, _CACHE, None) or Dossier(pk=process.artifact_object_id)


def remember_dossier(process: Any, dossier: Dossier) -> None:
    setattr(process, _CACHE, dossier)


_ROW = "motcua_dossier_row"


@functools.cache
def _dossier_row_sql(vendor: str) -> str:
    """A scalar subquery of the dossier behind the outer query's ``viewflow_process`` row,
    as one JSON object; written out (not an ORM subquery) because compiling that on every
    call cost more than the statement it saves."""
    build = "jsonb_build_object" if vendor == "postgresql" else "json_object"
    dossier, agency = Dossier._meta, Agency._meta
    pairs = [
        (name, f"d.{column(dossier, name)}")
        for name in ("id", "status", "data", "receiving_agency", "competent_agency")
    ] + [
        ("receiving_code", f"r.{column(agency, 'code')}"),
        ("competent_code", f"c.{column(agency, 'code')}"),
    ]
    fields = ", ".join(f"'{name}', {expression}" for name, expression in pairs)
    process = Process._meta
    dossiers, agencies, agency_id = table(dossier), table(agency), column(agency, "id")
    # identifiers from the models' metadata only; nothing here comes from a request
    return (
        f"SELECT {build}({fields}) FROM {dossiers} d"  # noqa: S608
        f" JOIN {agencies} r ON r.{agency_id} = d.{column(dossier, 'receiving_agency')}"
        f" JOIN {agencies} c ON c.{agency_id} = d.{column(dossier, 'competent_agency')}"
        f" WHERE d.{column(dossier, 'id')}"
        f" = {table(process)}.{column(process, 'artifact_object_id')}"
    )


def with_dossier_row(tasks: QuerySet[Any]) -> QuerySet[Any]:
    """Tasks joined to their process (``select_related("process")``), annotated with what
    nodes read from the dossier: its status, data and the two agencies' codes, in the same
    statement; ``remember_dossier_row`` then makes it the process's dossier."""
    row = RawSQL(_dossier_row_sql(connection.vendor), [], output_field=JSONField())  # noqa: S611
    return tasks.annotate(**{_ROW: row})


def remember_dossier_row(task: Any) -> None:
    """The dossier read along with ``task``, as a model instance whose other fields load on
    first access (like ``.only()``)."""
    row = getattr(task, _ROW, None)
    if not row:
        return
    db = task._state.db
    data = Dossier._meta.get_field("data")
    values = {
        "id": row["id"],
        "status": row["status"],
        "data": data.from_db_value(row["data"], None, connections[db]),
        "receiving_agency_id": row["receiving_agency"],
        "competent_agency_id": row["competent_agency"],
    }
    fields = [f.attname for f in Dossier._meta.concrete_fields if f.attname in values]
    dossier = Dossier.from_db(db, fields, [values[name] for name in fields])
    for name, code in (
        ("receiving_agency", "receiving_code"),
        ("competent_agency", "competent_code"),
    ):
        agency = Agency.from_db(db, ["id", "code"], [values[f"{name}_id"], row[code]])
        setattr(dossier, name, agency)
    remember_dossier(task.process, dossier)


def data_path(data: Any, path: str) -> Any:
    """``data_path({"a": {"b": 1}}, "a.b") == 1``; a leading ``data.`` is allowed."""
    parts = path.split(".")
    if parts and parts[0] == "data":
        parts = parts[1:]
    value = data
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            raise LookupError(_("The dossier has no field %(path)s.") % {"path": path})
        value = value[part]
    return value


def agency_code(dossier: Dossier, ref: AgencyRef) -> str:
    """The code of the agency a user task runs in, for this dossier."""
    if ref.source is AgencySource.FIXED:
        return ref.value
    if ref.source is AgencySource.COMPETENT:
        return dossier.competent_agency.code
    if ref.source is AgencySource.FIELD:
        return str(data_path(dossier.data or {}, ref.value))
    return dossier.receiving_agency.code
