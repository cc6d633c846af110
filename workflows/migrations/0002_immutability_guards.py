"""Database guards under the model code: a published procedure version, its cases and its
template links cannot be changed by any statement (a queryset update, raw SQL, a script).

PostgreSQL: row triggers refuse every UPDATE or DELETE of a published or retired version
other than published -> retired, and any write to the cases or template links of one.
SQLite (the embedded default): the same for UPDATE and INSERT; deletes are left to the
models, because Django empties SQLite tables with DELETE (flush) rather than TRUNCATE.
"""

from django.db import migrations

LOCKED = "procedure version is locked: once published it only retires"

POSTGRESQL = [
    f"""
    CREATE FUNCTION workflows_procver_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status = 'draft' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE'
           AND (to_jsonb(NEW) - 'status' - 'retired_at' - 'retired_by_id' - 'updated_at')
             = (to_jsonb(OLD) - 'status' - 'retired_at' - 'retired_by_id' - 'updated_at')
           AND ((NEW.status = OLD.status
                 AND NEW.retired_at IS NOT DISTINCT FROM OLD.retired_at
                 AND NEW.retired_by_id IS NOT DISTINCT FROM OLD.retired_by_id)
                OR (OLD.status = 'published' AND NEW.status = 'retired')) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{LOCKED} (version %)', OLD.id USING ERRCODE = 'check_violation';
    END $$
    """,
    """
    CREATE TRIGGER workflows_procver_guard BEFORE UPDATE OR DELETE ON workflows_procedureversion
    FOR EACH ROW EXECUTE FUNCTION workflows_procver_guard()
    """,
    f"""
    CREATE FUNCTION workflows_procver_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM workflows_procedureversion WHERE id = OLD.version_id AND status <> 'draft'
        ) THEN
            RAISE EXCEPTION '{LOCKED} (version %)', OLD.version_id USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM workflows_procedureversion WHERE id = NEW.version_id AND status <> 'draft'
        ) THEN
            RAISE EXCEPTION '{LOCKED} (version %)', NEW.version_id USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER workflows_proccase_guard BEFORE INSERT OR UPDATE OR DELETE
    ON workflows_procedurecase FOR EACH ROW EXECUTE FUNCTION workflows_procver_child_guard()
    """,
    """
    CREATE TRIGGER workflows_procvertemplate_guard BEFORE INSERT OR UPDATE OR DELETE
    ON workflows_procedureversiontemplate
    FOR EACH ROW EXECUTE FUNCTION workflows_procver_child_guard()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_procvertemplate_guard ON workflows_procedureversiontemplate",
    "DROP TRIGGER IF EXISTS workflows_proccase_guard ON workflows_procedurecase",
    "DROP FUNCTION IF EXISTS workflows_procver_child_guard()",
    "DROP TRIGGER IF EXISTS workflows_procver_guard ON workflows_procedureversion",
    "DROP FUNCTION IF EXISTS workflows_procver_guard()",
]

# Every column but status, retired_at, retired_by_id and updated_at must stay as it is.
_FROZEN = [
    "id",
    "procedure_id",
    "agency_id",
    "number",
    "note",
    "definition",
    "form_schema",
    "retention_years",
    "created_at",
    "created_by_id",
    "published_at",
    "published_by_id",
]
_UNCHANGED = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in _FROZEN)
_LOCKED_VERSION = (
    "(SELECT status FROM workflows_procedureversion WHERE id = {row}.version_id) <> 'draft'"
)

SQLITE = [
    f"""
    CREATE TRIGGER workflows_procver_guard_update BEFORE UPDATE ON workflows_procedureversion
    FOR EACH ROW WHEN OLD.status <> 'draft' AND NOT (
        {_UNCHANGED}
        AND ((NEW.status IS OLD.status
              AND NEW.retired_at IS OLD.retired_at
              AND NEW.retired_by_id IS OLD.retired_by_id)
             OR (OLD.status = 'published' AND NEW.status = 'retired'))
    )
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
    """,
]
for _table in ("workflows_procedurecase", "workflows_procedureversiontemplate"):
    SQLITE += [
        f"""
        CREATE TRIGGER {_table}_guard_insert BEFORE INSERT ON {_table}
        FOR EACH ROW WHEN {_LOCKED_VERSION.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
        """,
        f"""
        CREATE TRIGGER {_table}_guard_update BEFORE UPDATE ON {_table}
        FOR EACH ROW WHEN {_LOCKED_VERSION.format(row="OLD")}
            OR {_LOCKED_VERSION.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
        """,
    ]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS workflows_procver_guard_update",
    *(
        f"DROP TRIGGER IF EXISTS {table}_guard_{op}"
        for table in ("workflows_procedurecase", "workflows_procedureversiontemplate")
        for op in ("insert", "update")
    ),
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
