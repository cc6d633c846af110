"""Identities linked through OpenID Connect: listed for admins, who may unlink one (the next
sign-in through the provider then creates a new account)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import OIDCIdentity


@admin.register(OIDCIdentity)
class OIDCIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "created_at", "last_login_at")
    list_filter = ("issuer",)
    search_fields = ("user__username",)
    readonly_fields = ("user", "issuer", "subject_hash", "created_at", "last_login_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
