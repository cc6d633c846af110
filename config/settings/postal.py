"""Postal delivery: the postal backend (VNPost-style HTTP or the fake), its credentials and webhook
secret.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
