"""Personal API tokens in the admin: listed with their owner and use, made (the token shown
once, in the message after saving), revoked (an action); never edited or shown again.
SOAP clients likewise: the key shown once when made."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import ApiToken, SoapClient
from api.soap.clients import fingerprint_normalise, soap_client_create
from api.soap.service import OPERATIONS as SOAP_OPERATIONS
from api.tokens import api_token_create, api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["=prefix", "name", "user__username"]
    raw_id_fields = ["user"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["user", "name"]
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # a token is never edited
        token, raw = api_token_create(user=obj.user, name=obj.name)
        obj.pk, obj.prefix, obj.token_hash = token.pk, token.prefix, token.token_hash
        obj.created_at = token.created_at
        self.message_user(
            request,
            _("The token, shown this once: %(token)s") % {"token": raw},
            messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: "QuerySet[ApiToken]") -> None:
        count = 0
        for token in queryset.filter(revoked_at=None):
            api_token_revoke(token=token)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count},
            messages.SUCCESS,
        )


class SoapClientForm(forms.ModelForm):
    # as a proxy or openssl prints it (with colons): stored as 64 hex digits
    certificate_sha256 = forms.CharField(
        label=_("client certificate SHA-256"), max_length=200, required=False
    )
    operations = forms.MultipleChoiceField(
        label=_("allowed operations"),
        choices=[(name, name) for name in SOAP_OPERATIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SoapClient
        fields = ["agency", "name", "certificate_sha256", "operations", "active"]

    def clean_certificate_sha256(self) -> str:
        value = self.cleaned_data.get("certificate_sha256") or ""
        fingerprint = fingerprint_normalise(value)
        if value and not fingerprint:
            raise forms.ValidationError(_("Enter the SHA-256 fingerprint: 64 hex digits."))
        return fingerprint


@admin.register(SoapClient)
class SoapClientAdmin(admin.ModelAdmin):
    """SOAP clients: made with a key shown once (in the message after saving); the key is
    never shown again (make a new client to replace it, deactivate the old one)."""

    form = SoapClientForm
    list_display = ["name", "agency", "prefix", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["=prefix", "name", "agency__name"]
    raw_id_fields = ["agency"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]

    def save_model(self, request: HttpRequest, obj: SoapClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, raw = soap_client_create(
            agency=obj.agency,
            name=obj.name,
            operations=list(form.cleaned_data.get("operations") or []),
            certificate_sha256=obj.certificate_sha256,
        )
        if not obj.active:
            SoapClient.objects.filter(pk=client.pk).update(active=False)
        obj.pk, obj.prefix, obj.key_hash = client.pk, client.prefix, client.key_hash
        obj.account_id, obj.created_at = client.account_id, client.created_at
        self.message_user(
            request,
            _("The key, shown this once: %(key)s") % {"key": raw},
            messages.WARNING,
        )
