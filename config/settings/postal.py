"""Postal delivery: the postal backend (VNPost-style HTTP or the fake), its credentials and webhook
secret.

Every value from the environment, listed in deploy/env.example."""

from .env import env_int, env_str

# "fake" (in-process, the embedded default) or "vnpost_http"
MOTCUA_POSTAL_BACKEND = env_str("MOTCUA_POSTAL_BACKEND", "fake")
MOTCUA_POSTAL_URL = env_str("MOTCUA_POSTAL_URL")
MOTCUA_POSTAL_USERNAME = env_str("MOTCUA_POSTAL_USERNAME")
MOTCUA_POSTAL_PASSWORD = env_str("MOTCUA_POSTAL_PASSWORD")
MOTCUA_POSTAL_WEBHOOK_SECRET = env_str("MOTCUA_POSTAL_WEBHOOK_SECRET")
MOTCUA_POSTAL_SERVICE = env_str("MOTCUA_POSTAL_SERVICE", "BK")
MOTCUA_POSTAL_TIMEOUT = env_int("MOTCUA_POSTAL_TIMEOUT", 10)
MOTCUA_POSTAL_POLL_MINUTES = env_int("MOTCUA_POSTAL_POLL_MINUTES", 30)
MOTCUA_POSTAL_FAKE_STEP_MINUTES = env_int("MOTCUA_POSTAL_FAKE_STEP_MINUTES", 2)
# the sending agency's phone and address codes on shipments (the agency's record has none)
MOTCUA_POSTAL_SENDER_PHONE = env_str("MOTCUA_POSTAL_SENDER_PHONE")
MOTCUA_POSTAL_SENDER_PROVINCE = env_str("MOTCUA_POSTAL_SENDER_PROVINCE")
MOTCUA_POSTAL_SENDER_COMMUNE = env_str("MOTCUA_POSTAL_SENDER_COMMUNE")
