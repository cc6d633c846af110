"""Accounts: e-mail, sign-in limits, one-time codes, OpenID Connect (docs/accounts.md)."""

from .env import env_bool, env_int, env_list, env_str

# Mail: the console on the embedded default (codes appear in the server's output); SMTP with
# EMAIL_HOST set. Django's own EMAIL_* settings are read as usual.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "motcua <no-reply@localhost>")

# Django's password validators: sign-up, reset and createsuperuser use them.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Rate limits (django-ratelimit, counted in the cache: use Redis with several processes).
RATELIMIT_USE_CACHE = "default"
MOTCUA_LOGIN_RATE_USER = env_str("MOTCUA_LOGIN_RATE_USER", "5/m")
MOTCUA_LOGIN_RATE_IP = env_str("MOTCUA_LOGIN_RATE_IP", "20/m")
MOTCUA_SIGNUP_RATE_IP = env_str("MOTCUA_SIGNUP_RATE_IP", "10/h")
MOTCUA_CODE_RATE_IP = env_str("MOTCUA_CODE_RATE_IP", "30/m")

# One-time codes sent by e-mail: minutes valid, attempts per code.
MOTCUA_EMAIL_CODE_MINUTES = env_int("MOTCUA_EMAIL_CODE_MINUTES", 15)
MOTCUA_EMAIL_CODE_ATTEMPTS = 5
# Officers (staff or an agency membership) must set up an authenticator app when on.
MOTCUA_OFFICER_OTP_REQUIRED = env_bool("MOTCUA_OFFICER_OTP_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("MOTCUA_OTP_ISSUER", "motcua")

# OpenID Connect (VNeID, the national portal): off unless the issuer and client id are set.
MOTCUA_OIDC_ISSUER = env_str("MOTCUA_OIDC_ISSUER")
MOTCUA_OIDC_CLIENT_ID = env_str("MOTCUA_OIDC_CLIENT_ID")
MOTCUA_OIDC_CLIENT_SECRET = env_str("MOTCUA_OIDC_CLIENT_SECRET")
MOTCUA_OIDC_SCOPES = env_list("MOTCUA_OIDC_SCOPES", ["openid", "profile", "email"])
MOTCUA_OIDC_AUDIENCES = env_list("MOTCUA_OIDC_AUDIENCES")
MOTCUA_OIDC_ALGORITHMS = env_list("MOTCUA_OIDC_ALGORITHMS", ["RS256"])
MOTCUA_OIDC_LABEL = env_str("MOTCUA_OIDC_LABEL", "VNeID")
MOTCUA_OIDC_AUTHORIZATION_ENDPOINT = env_str("MOTCUA_OIDC_AUTHORIZATION_ENDPOINT")
MOTCUA_OIDC_TOKEN_ENDPOINT = env_str("MOTCUA_OIDC_TOKEN_ENDPOINT")
MOTCUA_OIDC_USERINFO_ENDPOINT = env_str("MOTCUA_OIDC_USERINFO_ENDPOINT")
MOTCUA_OIDC_JWKS_URI = env_str("MOTCUA_OIDC_JWKS_URI")
# mozilla-django-oidc reads these names; the views and backend of portal.accounts take the
# provider's values from core.oidc at call time.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# The client address for the limits: the last X-Forwarded-For hop when the request comes from
# one of these proxies (deploy/nginx.conf), else REMOTE_ADDR.
MOTCUA_TRUSTED_PROXIES = env_list("MOTCUA_FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
