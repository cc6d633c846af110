"""National portal sync: the portal backend (DVCQG-style HTTP or the fake), its account.

Every value from the environment, listed in deploy/env.example."""

from .base import DEBUG
from .env import env_bool, env_int, env_str

# Push dossiers and their progress to the national portal. Off unless set, except on the
# embedded demo (MOTCUA_DEBUG=1), where the fake portal receives them.
PORTAL_SYNC_ENABLED = env_bool("MOTCUA_PORTAL_SYNC_ENABLED", DEBUG)
PORTAL_SYNC_BACKEND = env_str("MOTCUA_PORTAL_SYNC_BACKEND", "fake")  # "dvcqg_http" or "fake"
PORTAL_SYNC_URL = env_str("MOTCUA_PORTAL_SYNC_URL", "")
PORTAL_SYNC_USERNAME = env_str("MOTCUA_PORTAL_SYNC_USERNAME", "")
PORTAL_SYNC_PASSWORD = env_str("MOTCUA_PORTAL_SYNC_PASSWORD", "")
# The agency code the portal knows this system by (madonvi)
PORTAL_SYNC_AGENCY_CODE = env_str("MOTCUA_PORTAL_SYNC_AGENCY_CODE", "")
PORTAL_SYNC_CONNECT_TIMEOUT = env_int("MOTCUA_PORTAL_SYNC_CONNECT_TIMEOUT", 5)
PORTAL_SYNC_READ_TIMEOUT = env_int("MOTCUA_PORTAL_SYNC_READ_TIMEOUT", 20)
# How long a session is reused before logging in again (the portal may end it sooner)
PORTAL_SYNC_SESSION_SECONDS = env_int("MOTCUA_PORTAL_SYNC_SESSION_SECONDS", 1800)
# Dossiers updated within this many days are compared with the portal by the periodic job
PORTAL_SYNC_RECONCILE_DAYS = env_int("MOTCUA_PORTAL_SYNC_RECONCILE_DAYS", 7)
# The fake portal's behaviour at start: normal, fail, slow or reject (changeable in the admin)
PORTAL_SYNC_FAKE_MODE = env_str("MOTCUA_PORTAL_SYNC_FAKE_MODE", "normal")
