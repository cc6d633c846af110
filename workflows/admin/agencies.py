"""Admin: agencies, roles, memberships."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflows.models import Agency, Membership, Role


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "active", "valid_from", "valid_to"]
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "tree_name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]
    fields = ["code", "name", "short_name", "kind", "parent", "address", "active", "path", "depth"]
    ordering = ["path"]
    inlines = [MembershipInline]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj: Agency) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "active", "valid_from", "valid_to"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "agency__code", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "role", "agency"]
