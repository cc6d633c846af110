"""Password reset by e-mail (Django's views: the page never says whether the address has an
account), rate-limited per client address."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy

from ..forms import NewPasswordForm, ResetForm
from ..limits import hit, too_many


class Reset(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "portal/accounts/password_reset.html"
    email_template_name = "portal/accounts/email/password_reset.txt"
    subject_template_name = "portal/accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if hit(request, "accounts.reset.ip", settings.MOTCUA_SIGNUP_RATE_IP):
            return too_many(request, self.template_name, {"form": self.get_form()})
        return super().post(request, *args, **kwargs)


class ResetDone(auth_views.PasswordResetDoneView):
    template_name = "portal/accounts/password_reset_done.html"


class ResetConfirm(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "portal/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "portal/accounts/password_reset_complete.html"
