"""Read-only lists of shipments and their events (no personal data in the columns)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Shipment, ShipmentEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ShipmentEvent
    fields = ("at", "provider_status", "status", "applied", "source", "received_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Shipment)
class ShipmentAdmin(ReadOnly):
    list_display = ("tracking_number", "reference", "kind", "backend", "status", "status_at")
    list_filter = ("status", "kind", "backend")
    search_fields = ("tracking_number", "reference", "order_id")
    exclude = ("parties",)
    inlines = (EventInline,)


@admin.register(ShipmentEvent)
class ShipmentEventAdmin(ReadOnly):
    list_display = ("shipment", "provider_status", "status", "applied", "source", "at")
    list_filter = ("status", "source", "applied")
    search_fields = ("shipment__tracking_number", "key")
    exclude = ("raw",)
