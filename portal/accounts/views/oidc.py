"""The two ends of an OpenID Connect sign-in: to the provider (state, nonce, PKCE kept in the
session) and back (mozilla-django-oidc's callback, then the officer's second factor if any)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core import oidc

from ..oidc_backend import oidc_setting
from ..signin import finish_sign_in, safe_next


class Start(OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.is_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = oidc_setting("OIDC_RP_CLIENT_ID")
        except oidc.OIDCConfigError:
            messages.error(request, _("The sign-in service is not available. Try again later."))
            return HttpResponseRedirect(reverse("accounts:login"))
        response: HttpResponse = super().get(request)
        request.session["oidc_login_next"] = safe_next(request, request.GET.get("next"))
        return response


class Callback(OIDCAuthenticationCallbackView):
    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def login_success(self) -> HttpResponse:
        next_url = safe_next(self.request, self.request.session.pop("oidc_login_next", None))
        return finish_sign_in(self.request, self.user, self.user.backend, next_url)

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, _("Signing in through the identity provider did not succeed."))
        return HttpResponseRedirect(reverse("accounts:login"))
