"""Sign-in through the configured OpenID Connect provider (mozilla-django-oidc's code flow).

The provider's endpoints and client come from core.oidc at call time; the id token is checked
by core.oidc.verify_id_token (signature from the JWKS, issuer, audience, expiry, nonce); the
userinfo answer must name the same subject; the account is the one linked to the subject
(portal.accounts.identities), created on the first sign-in. Refusals are logged by reason only.
"""

import logging
from typing import Any

import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from core import oidc

from .identities import user_for_sign_in

logger = logging.getLogger(__name__)


def oidc_setting(name: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, the provider's ones from core.oidc."""
    if name in {"OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_RP_CLIENT_ID", "OIDC_RP_SCOPES"}:
        config = oidc.provider()
        return {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": config.authorization_endpoint,
            "OIDC_RP_CLIENT_ID": config.client_id,
            "OIDC_RP_SCOPES": " ".join(config.scopes),
        }[name]
    return import_from_settings(name, *default)


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # mozilla-django-oidc reads its settings here; ours are read per sign-in.
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        # Only the callback view passes a nonce: a password sign-in never reaches the provider.
        if request is None or not kwargs.get("nonce") or not oidc.is_configured():
            return None
        try:
            config = oidc.provider()
            self.OIDC_OP_TOKEN_ENDPOINT = config.token_endpoint
            self.OIDC_OP_USER_ENDPOINT = config.userinfo_endpoint
            self.OIDC_RP_CLIENT_ID = config.client_id
            self.OIDC_RP_CLIENT_SECRET = config.client_secret
            self.issuer = config.issuer
            return super().authenticate(request, **kwargs)
        except (oidc.OIDCTokenError, oidc.OIDCConfigError, SuspiciousOperation) as exc:
            logger.warning("OIDC sign-in refused: %s", exc)
        except requests.RequestException as exc:
            logger.warning("OIDC sign-in failed: %s", type(exc).__name__)
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        return oidc.verify_id_token(token, nonce=kwargs.get("nonce"))

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = self.get_userinfo(access_token, id_token, payload)
            if str(info.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("userinfo names another subject")
            claims = {**info, **payload}
        return user_for_sign_in(self.issuer, claims)
