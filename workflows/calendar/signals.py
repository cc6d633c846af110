"""A saved or deleted calendar day, office hours or agency (the tree decides whose rows
apply) drops the memo of calendars: at once, and again when the transaction commits so that
no process keeps what it read before the commit. Bulk writes (``update``, ``bulk_create``)
send no signals: call ``workflows.calendar.forget()`` after them."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from workflows.models import Agency, CalendarDay, OfficeHours

from .memo import forget


def _changed(sender: Any, **kwargs: Any) -> None:
    forget()
    transaction.on_commit(forget, using=kwargs.get("using"))


for _model in (CalendarDay, OfficeHours, Agency):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"calendar-{_model.__name__}-save")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"calendar-{_model.__name__}-del")
