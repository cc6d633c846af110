"""Public tracking and the catalogue: rate limits and cache lifetimes (docs in
portal/track and workflows/selectors/public_status.py)."""

from .env import env_int, env_str

# Per client IP (django-ratelimit, counted in the cache): the public status page.
MOTCUA_TRACK_RATE_IP = env_str("MOTCUA_TRACK_RATE_IP", "60/m")
# Attempts at the tracking secret, per client IP and per dossier code.
MOTCUA_TRACK_SECRET_RATE_IP = env_str("MOTCUA_TRACK_SECRET_RATE_IP", "10/h")
MOTCUA_TRACK_SECRET_RATE_CODE = env_str("MOTCUA_TRACK_SECRET_RATE_CODE", "10/h")
# The longest a cached public status may lag a change that sent no signal (seconds).
PUBLIC_STATUS_CACHE_SECONDS = env_int("PUBLIC_STATUS_CACHE_SECONDS", 300)
# The verification of signed documents (/verify/, /api/v1/verify): checks per client IP, and
# the largest PDF accepted, in bytes (docs/signing-results.md).
MOTCUA_VERIFY_RATE_IP = env_str("MOTCUA_VERIFY_RATE_IP", "20/m")
MOTCUA_VERIFY_MAX_BYTES = env_int("MOTCUA_VERIFY_MAX_BYTES", 10 * 1024 * 1024)
