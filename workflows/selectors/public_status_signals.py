"""Dropping a dossier's cached public status when it changes.

A saved or deleted dossier, a new log entry, or a saved engine task (the engine writes its
hand-over log rows in one bulk insert, which sends no signal, in the same transaction as the
task it saves) deletes the cached status of the dossier's code: at once, and again when the
transaction commits, so that no reader keeps what it read before the commit. Connected by
``WorkflowsConfig.ready`` in every process (web and workers).
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from viewflow.workflow.models import Process, Task

from workflows.models import Dossier, ProcessingLogEntry

from .public_status import public_status_forget, public_status_forget_id

_DOSSIER_CACHE = "_motcua_dossier"  # where workflows.engine.context keeps a process's dossier


def _forget(dossier: Dossier | None, dossier_id: Any, using: str | None) -> None:
    """By the code when the dossier in memory has it, else through the cache's id entry (no
    query: an engine step's statements stay what they were)."""
    if dossier is not None and "code" in dossier.__dict__ and dossier.code:
        code = dossier.code

        def forget() -> None:
            public_status_forget(code)

    else:

        def forget() -> None:
            public_status_forget_id(dossier_id)

    forget()
    transaction.on_commit(forget, using=using)


def _dossier_changed(sender: Any, instance: Dossier, using: str | None = None, **_: Any) -> None:
    _forget(instance, instance.pk, using)


def _log_written(
    sender: Any, instance: ProcessingLogEntry, using: str | None = None, **_: Any
) -> None:
    _forget(instance._state.fields_cache.get("dossier"), instance.dossier_id, using)


def _task_saved(sender: Any, instance: Task, using: str | None = None, **_: Any) -> None:
    process = instance._state.fields_cache.get("process")
    if process is None:
        process = Process.objects.filter(pk=instance.process_id).first()
    if process is None:
        return
    dossier = getattr(process, _DOSSIER_CACHE, None)
    _forget(dossier, process.artifact_object_id, using)


post_save.connect(_dossier_changed, sender=Dossier, dispatch_uid="public-status-dossier-save")
post_delete.connect(_dossier_changed, sender=Dossier, dispatch_uid="public-status-dossier-del")
post_save.connect(_log_written, sender=ProcessingLogEntry, dispatch_uid="public-status-log")
post_save.connect(_task_saved, sender=Task, dispatch_uid="public-status-task")
