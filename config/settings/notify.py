"""Notifications: email (Django's mail backends) and SMS backends, sender names, retries.

Every value from the environment, listed in deploy/env.example."""

from .env import env_int, env_str

# The SMS backend: "fake" (records messages in-process; refused in production unless
# MOTCUA_ALLOW_FAKES) or "brandname_http" (docs/notifications.md).
NOTIFY_SMS_BACKEND = env_str("NOTIFY_SMS_BACKEND", "fake")
NOTIFY_SMS_GATEWAY_URL = env_str("NOTIFY_SMS_GATEWAY_URL")
NOTIFY_SMS_API_KEY = env_str("NOTIFY_SMS_API_KEY")
# Signs our requests and verifies the gateway's delivery reports (HMAC-SHA256).
NOTIFY_SMS_HMAC_SECRET = env_str("NOTIFY_SMS_HMAC_SECRET")
NOTIFY_SMS_BRANDNAME = env_str("NOTIFY_SMS_BRANDNAME", "MOTCUA")
NOTIFY_SMS_TIMEOUT = env_int("NOTIFY_SMS_TIMEOUT", 10)
# The domain of the Message-ID of notification emails; email itself uses EMAIL_* and
# DEFAULT_FROM_EMAIL (config/settings/accounts.py).
NOTIFY_EMAIL_MESSAGE_ID_DOMAIN = env_str("NOTIFY_EMAIL_MESSAGE_ID_DOMAIN", "motcua.local")
