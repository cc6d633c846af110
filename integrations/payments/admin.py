"""Administration: attempts, callbacks, reconciliations and e-receipts to read; refunds
(double payments) to resolve."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import EReceipt, PaymentAttempt, PaymentCallback, Reconciliation, Refund
from .service import refund_resolve


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyAdmin):
    list_display = ["txn_ref", "reference", "amount", "backend", "state", "created_at", "paid_at"]
    list_filter = ["state", "backend"]
    search_fields = ["txn_ref", "reference", "transaction_no", "receipt_number"]
    date_hierarchy = "created_at"


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "source", "txn_ref", "verified", "outcome"]
    list_filter = ["source", "verified", "outcome"]
    search_fields = ["txn_ref"]


@admin.register(Reconciliation)
class ReconciliationAdmin(ReadOnlyAdmin):
    list_display = [
        "day",
        "ran_at",
        "checked",
        "paid",
        "still_pending",
        "unreachable",
        "mismatches",
    ]


@admin.register(EReceipt)
class EReceiptAdmin(ReadOnlyAdmin):
    list_display = ["number", "reference", "backend", "issued_at"]
    search_fields = ["number", "reference"]


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ["attempt", "amount", "state", "created_at", "resolved_by", "resolved_at"]
    list_filter = ["state", ("resolved_at", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "attempt", "amount", "state", "request_id", "response", "created_at",
        "resolved_by", "resolved_at",
    ]  # fmt: skip
    fields = [*readonly_fields, "note"]
    actions = ["mark_resolved"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Mark the selected double payments as resolved"))
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[Refund]) -> None:
        count = 0
        for refund in queryset.filter(resolved_at__isnull=True):
            refund_resolve(refund=refund, resolved_by=request.user.get_username())
            count += 1
        self.message_user(
            request,
            ngettext("%d double payment resolved.", "%d double payments resolved.", count) % count,
            messages.SUCCESS,
        )
