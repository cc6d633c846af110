"""Sign-up and its confirmation by the code sent by e-mail."""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from ..codes import CodeResult, code_check, code_issue
from ..forms import CodeForm, SignUpForm
from ..limits import hit, too_many
from ..models import EmailCode
from ..registration import account_confirm, account_sign_up

SIGNUP = "accounts_signup"  # the session's pending sign-up: a user id, or 0 (nothing to confirm)
DECOY_ATTEMPTS = "accounts_signup_decoy"
MAIL_IN_CONSOLE = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST if request.method == "POST" else None)
    template, context = "portal/accounts/signup.html", {"form": form}
    if request.method == "POST":
        if hit(request, "accounts.signup.ip", settings.MOTCUA_SIGNUP_RATE_IP):
            return too_many(request, template, context)
        if form.is_valid():
            data = form.cleaned_data
            user = account_sign_up(
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                password=data["password1"],
            )
            request.session[SIGNUP] = user.pk if user is not None else 0
            request.session[DECOY_ATTEMPTS] = 0
            messages.info(request, _("We sent a code to your e-mail address."))
            return HttpResponseRedirect(reverse("accounts:signup_confirm"))
    return render(request, template, context)


def _check(request: HttpRequest, code: str) -> CodeResult:
    user_id = request.session.get(SIGNUP) or 0
    user = get_user_model().objects.filter(pk=user_id, is_active=False).first()
    if user is None:  # an address with an account: no code is ever right
        request.session[DECOY_ATTEMPTS] = int(request.session.get(DECOY_ATTEMPTS, 0)) + 1
        used_up = request.session[DECOY_ATTEMPTS] >= settings.MOTCUA_EMAIL_CODE_ATTEMPTS
        return CodeResult.USED_UP if used_up else CodeResult.WRONG
    result = code_check(user=user, purpose=EmailCode.Purpose.SIGNUP, code=code)
    if result is CodeResult.OK:
        account_confirm(user=user)
        request.session.pop(SIGNUP, None)
        auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return result


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    if SIGNUP not in request.session:
        return HttpResponseRedirect(reverse("accounts:signup"))
    form = CodeForm(request.POST if request.method == "POST" else None)
    template = "portal/accounts/confirm.html"
    context = {
        "form": form,
        "mail_in_console": settings.DEBUG and settings.EMAIL_BACKEND in MAIL_IN_CONSOLE,
    }
    if request.method == "POST":
        if hit(request, "accounts.code.ip", settings.MOTCUA_CODE_RATE_IP):
            return too_many(request, template, context)
        if form.is_valid():
            result = _check(request, form.cleaned_data["code"])
            if result is CodeResult.OK:
                messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
                return HttpResponseRedirect("/")
            if result is CodeResult.WRONG:
                form.add_error("code", _("The code is not right."))
            else:
                form.add_error("code", _("This code can no longer be used: ask for a new one."))
    return render(request, template, context)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    if hit(request, "accounts.resend.ip", "5/10m"):
        return too_many(request)
    user_id = request.session.get(SIGNUP) or 0
    user = get_user_model().objects.filter(pk=user_id, is_active=False).first()
    if user is not None:
        code_issue(user=user, purpose=EmailCode.Purpose.SIGNUP)
    request.session[DECOY_ATTEMPTS] = 0
    messages.info(request, _("We sent a new code to your e-mail address."))
    return HttpResponseRedirect(reverse("accounts:signup_confirm"))
