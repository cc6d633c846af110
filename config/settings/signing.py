"""Signing: signer backends per agency, the timestamp authority, trust roots, the development CA.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
