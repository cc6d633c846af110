"""Signer profiles and pending signatures in the admin.

A profile's configuration (paths, PINs, passphrases, API keys) is write-only: the form
never shows it back; leaving the field empty keeps what is stored. "Test sign" signs a
sample document with the selected server-side profiles and verifies it.
"""

import json
import time
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from signing.errors import SigningError
from signing.models import PendingSignature, SignerProfile
from signing.rendering import document_render_source, sample_context
from signing.sign import pdf_sign
from signing.signers import signer_backends
from signing.stamp import StampText
from signing.verification import pdf_verify

SAMPLE = (
    '{% extends "documents/base.html" %}{% block body %}'
    "<p>Văn bản ký thử (test signature).</p>{% endblock %}"
)


class SignerProfileForm(forms.ModelForm):
    backend = forms.ChoiceField(label=_("backend"))
    new_config = forms.CharField(
        label=_("configuration (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "autocomplete": "off"}),
        help_text=_(
            "Never shown again once saved; leave empty to keep the stored one. pkcs12: "
            '{"path", "passphrase"}; pkcs11: {"module", "token_label", "pin", "key_label"}; '
            'remote: {"url", "api_key", "user_id"}; usb: {"certificate": PEM}.'
        ),
    )

    class Meta:
        model = SignerProfile
        fields = [
            "name",
            "title",
            "organisation",
            "kind",
            "agency_code",
            "user",
            "backend",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        backend = self.fields["backend"]
        assert isinstance(backend, forms.ChoiceField)
        backend.choices = [(name, name) for name in signer_backends]

    def clean_new_config(self) -> dict | None:
        text = self.cleaned_data["new_config"].strip()
        if not text:
            if self.instance.pk is None:
                raise forms.ValidationError(_("A new profile needs its configuration."))
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("This is not valid JSON.")) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The configuration is a JSON object."))
        return value

    def save(self, commit: bool = True) -> SignerProfile:
        profile: SignerProfile = super().save(commit=False)
        if self.cleaned_data.get("new_config") is not None:
            profile.config = self.cleaned_data["new_config"]
        if commit:
            profile.save()
        return profile


@admin.register(SignerProfile)
class SignerProfileAdmin(admin.ModelAdmin):
    form = SignerProfileForm
    list_display = ["name", "kind", "agency_code", "user", "backend", "active", "development"]
    list_filter = ["kind", "backend", "active", "development"]
    search_fields = ["name", "agency_code", "user__username"]
    readonly_fields = ["development", "created_at", "updated_at"]
    autocomplete_fields = ["user"]
    actions = ["test_sign"]

    @admin.action(description=_("Test sign a sample document"))
    def test_sign(self, request: HttpRequest, queryset: QuerySet[SignerProfile]) -> None:
        pdf = document_render_source(body=SAMPLE, context=sample_context(), name="test")
        for profile in queryset:
            stamp = StampText(profile.name, profile.title, profile.organisation)
            started = time.perf_counter()
            try:
                signed = pdf_sign(
                    pdf=pdf, signer=profile, stamp=stamp, reason="Ký thử", field_name="test"
                )
            except SigningError as exc:
                self.message_user(request, f"{profile}: {exc.message}", messages.ERROR)
                continue
            ms = round((time.perf_counter() - started) * 1000)
            report = pdf_verify(signed)
            if report.valid:
                text = gettext("%(profile)s: signed in %(ms)d ms and verified.")
                self.message_user(request, text % {"profile": profile, "ms": ms})
            else:
                problems = " ".join(report.problems)
                self.message_user(request, f"{profile}: {problems}", messages.WARNING)


@admin.register(PendingSignature)
class PendingSignatureAdmin(admin.ModelAdmin):
    list_display = ["reference", "field_name", "signer", "state", "created_at", "expires_at"]
    list_filter = ["state"]
    search_fields = ["reference", "transaction_id"]
    readonly_fields = [
        "reference",
        "field_name",
        "signer",
        "state",
        "transaction_id",
        "digest",
        "expires_at",
        "error",
        "created_at",
        "updated_at",
        "result_size",
    ]
    fields = tuple(readonly_fields)

    @admin.display(description=_("signed PDF"))
    def result_size(self, pending: PendingSignature) -> str:
        return f"{len(pending.result)} B" if pending.result else "-"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
