"""National portal sync: the portal backend (DVCQG-style HTTP or the fake), its account.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401
