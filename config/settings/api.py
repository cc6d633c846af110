"""The JSON API (/api/v1/): rate limits (django-ratelimit's "<count>/<s|m|h|d>", counted in
the cache per client IP or per account)."""

from .env import env_str

# The public status by code, per client IP (the public tracking page's twin)
MOTCUA_API_STATUS_RATE = env_str("MOTCUA_API_STATUS_RATE") or "60/m"
# Authenticated writes (submissions, supplementation answers, new tokens), per account
MOTCUA_API_WRITE_RATE = env_str("MOTCUA_API_WRITE_RATE") or "30/m"
