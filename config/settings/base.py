"""Django core: apps, middleware, templates, languages, time."""

from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, VAR_DIR, env_bool, env_list

DEBUG = env_bool("MOTCUA_DEBUG", False)
ALLOWED_HOSTS = env_list("MOTCUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "viewflow",
    "viewflow.workflow",
    "core",
    "integrations",
    "integrations.notify",
    "integrations.payments",
    "integrations.postal",
    "integrations.portal_sync",
    "integrations.interop",
    "forms",
    "signing",
    "workflows",
    "portal",
    "portal.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "api",
]

MIDDLEWARE = [
    "core.observability.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.audit.middleware.AdminAuditMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# Vietnamese by default, English available. Times are stored in UTC and every
# date that matters to the law is taken in Vietnam's local time.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/accounts/login/"
# Officers get "role in agency" permission strings from their memberships (workflows.permissions).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "workflows.auth.MembershipBackend",
    "portal.accounts.oidc_backend.OIDCBackend",
]

# Fakes of external services (payment gateway, post, portal, SMS) serve the
# embedded default; a system check refuses them when DEBUG is off unless this is set.
MOTCUA_ALLOW_FAKES = env_bool("MOTCUA_ALLOW_FAKES", False)
