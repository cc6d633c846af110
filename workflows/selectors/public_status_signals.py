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

from .public_status import public_status_forget

_DOSSIER_CACHE = "_motcua_dossier"  # where workflows.engine.context keeps a process's dossier


def _forget(code: str | None, using: str | None) -> None:
    if not code:
        return
    public_status_forget(code)
    transaction.on_commit(lambda: public_status_forget(code), using=using)


def _code_of(dossier: Dossier | None, dossier_id: Any) -> str | None:
    if dossier is not None and "code" in dossier.__dict__ and dossier.code:
        return dossier.code
    if dossier_id is None:
        return None
    return Dossier.objects.filter(pk=dossier_id).values_list("code", flat=True).first()


def _dossier_changed(sender: Any, instance: Dossier, using: str | None = None, **_: Any) -> None:
    _forget(_code_of(instance, instance.pk), using)


def _log_written(
    sender: Any, instance: ProcessingLogEntry, using: str | None = None, **_: Any
) -> None:
    cached = instance._state.fields_cache.get("dossier")
    _forget(_code_of(cached, instance.dossier_id), using)


def _task_saved(sender: Any, instance: Task, using: str | None = None, **_: Any) -> None:
    process = instance._state.fields_cache.get("process")
    dossier = getattr(process, _DOSSIER_CACHE, None) if process is not None else None
    if dossier is not None:
        _forget(_code_of(dossier, dossier.pk), using)
        return
    if process is not None:
        _forget(_code_of(None, process.artifact_object_id), using)
        return
    artifact = Process.objects.filter(pk=instance.process_id).values("artifact_object_id")
    code = Dossier.objects.filter(pk__in=artifact).values_list("code", flat=True).first()
    _forget(code, using)


post_save.connect(_dossier_changed, sender=Dossier, dispatch_uid="public-status-dossier-save")
post_delete.connect(_dossier_changed, sender=Dossier, dispatch_uid="public-status-dossier-del")
post_save.connect(_log_written, sender=ProcessingLogEntry, dispatch_uid="public-status-log")
post_save.connect(_task_saved, sender=Task, dispatch_uid="public-status-task")
