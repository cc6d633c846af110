"""Partial indexes on viewflow's task table for the officers' queues (workflows.engine.queues),
and one process per dossier on viewflow's process table.

Each starts with what its queue filters on and covers only open user tasks, so it stays
small however many finished tasks pile up. Plain SQL: the table belongs to viewflow, and
both PostgreSQL and SQLite take ``CREATE INDEX ... WHERE``.
"""

from django.db import migrations

OPEN_HUMAN = "flow_task_type = 'HUMAN' AND status IN ('NEW', 'ASSIGNED', 'STARTED')"

INDEXES = {
    # unclaimed in my roles and agencies, newest first
    "motcua_task_unclaimed_idx": (
        "(owner_permission, created DESC)",
        "flow_task_type = 'HUMAN' AND status = 'NEW'",
    ),
    # claimed by me, soonest due first
    "motcua_task_mine_idx": (
        "(owner_id, scheduled)",
        "flow_task_type = 'HUMAN' AND status IN ('ASSIGNED', 'STARTED')",
    ),
    # due soon / overdue among unclaimed tasks of my roles
    "motcua_task_due_idx": ("(owner_permission, scheduled)", OPEN_HUMAN),
}


# One process per dossier for the engine's flows (workflows.engine.process_start relies on it).
ONE_PROCESS_PER_DOSSIER = (
    "CREATE UNIQUE INDEX motcua_process_dossier_uniq"
    " ON viewflow_process (artifact_content_type_id, artifact_object_id)"
    " WHERE flow_class LIKE 'workflows/engine.flows.%'"
)


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0003_standard_roles"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON viewflow_task {columns} WHERE {condition}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (columns, condition) in INDEXES.items()
    ] + [
        migrations.RunSQL(
            sql=ONE_PROCESS_PER_DOSSIER, reverse_sql="DROP INDEX motcua_process_dossier_uniq"
        )
    ]
