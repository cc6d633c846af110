"""Who calls the API: ``Authorization: Bearer mc_<token>`` (a personal API token), a bearer
access token of the configured OpenID Connect provider, or the site's session (same-site
pages; CSRF checked on writes, as on the pages).

Bearer requests carry no cookie: the operations are CSRF-exempt for them (ninja's views are;
only its session auth checks the CSRF token).

An OIDC access token is verified by ``core.oidc.verify_bearer`` (signature, issuer, audience
in MOTCUA_OIDC_AUDIENCES, expiry) and mapped by ``core.oidc.user_for_claims`` to the account
linked to its issuer and subject (the accounts app's identity link, made at the first sign-in
on the site): a token of an identity that never signed in there is refused (401).
"""

import logging
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from api.tokens import TOKEN_PREFIX, api_token_user
from core import oidc

logger = logging.getLogger("motcua.api")


def oidc_bearer_user(token: str) -> Any | None:
    """The active account an OIDC access token stands for, else None."""
    if not oidc.is_configured():
        return None
    try:
        claims = oidc.verify_bearer(token)
    except (oidc.OIDCTokenError, oidc.OIDCConfigError) as exc:
        logger.info("api: OIDC bearer refused: %s", exc)  # the reason, never the token
        return None
    user = oidc.user_for_claims(claims)
    if user is None or not user.is_active:
        return None
    return user


class BearerAuth(HttpBearer):
    """A personal API token (``mc_...``) or an OIDC access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        token = token.strip()
        user = api_token_user(token) if token.startswith(TOKEN_PREFIX) else oidc_bearer_user(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerAuth()
# every authenticated operation: a bearer token, or the session (CSRF-checked)
AUTH: list[Any] = [bearer, django_auth]
