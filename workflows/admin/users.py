"""Admin: users (officers and citizens) with their memberships (role, agency, validity).

A user who has acted (a processing log entry, a task, a dossier, a version, a document...)
is never deleted: the records keep who did what. Deactivate them instead (the action
below, or the "active" box): they can no longer sign in, their history stays.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import ForeignObjectRel, Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workflows.models import Membership

User = get_user_model()

# Where the records of what someone did live (the account's own settings live elsewhere).
_ACTS_APPS = {"workflows", "signing", "core", "viewflow"}
_NOT_ACTS = {Membership._meta.label_lower}


def user_has_acted(user: Model) -> bool:
    """Whether a record of the domain (a task, a log entry, a dossier, a version, a document,
    an access log entry...) points at ``user``."""
    for relation in type(user)._meta.get_fields(include_hidden=True):
        if not (isinstance(relation, ForeignObjectRel) and relation.one_to_many):
            continue
        model: Any = relation.related_model
        if model._meta.app_label not in _ACTS_APPS or model._meta.label_lower in _NOT_ACTS:
            continue
        if model._base_manager.filter(**{relation.field.name: user.pk}).exists():
            return True
    return False


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["role", "agency", "active", "valid_from", "valid_to"]
    autocomplete_fields = ["agency"]


admin.site.unregister(User)


@admin.register(User)
class OfficerAdmin(UserAdmin):
    inlines = [UserMembershipInline]
    list_display = ["username", "email", "is_active", "is_staff", "last_login"]
    actions = ["deactivate"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and user_has_acted(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, where nothing refers to the user
        return actions

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [] if obj is None else super().get_inline_instances(request, obj)

    @admin.action(description=_("Deactivate the selected users"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: "QuerySet[Any]") -> None:
        count = queryset.exclude(pk=request.user.pk).update(is_active=False)
        self.message_user(
            request,
            ngettext("%(n)d user deactivated.", "%(n)d users deactivated.", count) % {"n": count},
            messages.SUCCESS,
        )
