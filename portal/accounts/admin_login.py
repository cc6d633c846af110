"""The administration signs in through the site's sign-in (/accounts/login/), so the officers'
second factor and the rate limits apply there too: Django admin's own login form would skip
both."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from .signin import safe_next


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponseRedirect:
    if request.user.is_active and request.user.is_staff:
        return HttpResponseRedirect(safe_next(request, request.GET.get("next"), "/admin/"))
    query = urlencode({"next": safe_next(request, request.GET.get("next"), "/admin/")})
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
