"""Helpers for the deployment tests: the repository root and a clean environment."""

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """The test process's environment without motcua's variables, plus ``extra``."""
    prefixes = ("MOTCUA_", "DATABASE_URL", "REDIS_URL", "CELERY_", "SECRET_KEY", "VENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(extra)
    return env


@pytest.fixture
def root() -> Path:
    return ROOT
