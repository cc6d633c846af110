"""Admin: the deadline alerts that fired and the apologies issued, to look at (the job and
the apology service write them)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from workflows.models import DeadlineAlert, DossierApology


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DeadlineAlert)
class DeadlineAlertAdmin(ReadOnly):
    list_display = ["dossier", "kind", "step", "due_at", "action", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["dossier"]
    search_fields = ["=dossier__code"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(DossierApology)
class DossierApologyAdmin(ReadOnly):
    list_display = ["dossier", "previous_appointment_date", "new_appointment_date", "created_at"]
    list_select_related = ["dossier"]
    search_fields = ["=dossier__code"]
    fields = [
        "dossier",
        "reason",
        ("previous_due_at", "previous_appointment_date"),
        ("new_due_at", "new_appointment_date"),
        ("drafted_by", "created_at"),
    ]
