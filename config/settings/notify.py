"""Notifications: email (Django's mail backends) and SMS backends, sender names, retries.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
