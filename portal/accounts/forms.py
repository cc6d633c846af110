"""The account forms. Errors are tied to their fields (aria-invalid, aria-describedby)."""

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

PHONE = re.compile(r"^(\+84|0)\d{9,10}$")


class AccessibleErrors:
    """After validation, each field in error says so to assistive technology."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name, bound in self.fields.items():  # type: ignore[attr-defined]
            if name not in self.errors:  # type: ignore[attr-defined]
                continue
            auto_id = self[name].auto_id  # type: ignore[index]
            described = [f"{auto_id}_error"]
            if bound.help_text:
                described.append(f"{auto_id}_helptext")
            bound.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": " ".join(described)}
            )


class LoginForm(AccessibleErrors, forms.Form):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignUpForm(AccessibleErrors, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        help_text=_("We send a code to this address to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=16,
        help_text=_("A Vietnamese number, e.g. 0912345678."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_validation.password_validators_help_text_html,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s.\-]", "", self.cleaned_data.get("phone") or "")
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a Vietnamese phone number, e.g. 0912345678."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = get_user_model()(
                username=data.get("email", ""),
                email=data.get("email", ""),
                first_name=data.get("full_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CodeForm(AccessibleErrors, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        help_text=_("The six digits we sent you."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return code


class ResetForm(AccessibleErrors, PasswordResetForm):
    pass


class NewPasswordForm(AccessibleErrors, SetPasswordForm):
    pass
