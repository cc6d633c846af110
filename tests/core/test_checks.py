"""Deployment checks: `manage.py check --deploy` refuses or warns about unsafe production setups."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings as django_settings

from core.checks import background_check

ROOT = Path(__file__).resolve().parents[2]


def _ids() -> set[str]:
    return {issue.id for issue in background_check(None)}


@pytest.fixture
def production(settings: Any) -> Any:
    """Settings as a correct production deployment has them."""
    settings.DEBUG = False
    settings.MOTCUA_BACKGROUND = "celery"
    settings.MOTCUA_FIELD_KEYS = ["a-key"]
    settings.MOTCUA_METRICS_TOKEN = "a-token"
    with mock.patch.dict(
        django_settings.DATABASES["default"], {"ENGINE": "django.db.backends.postgresql"}
    ):
        yield settings


def test_a_correct_production_setup_has_no_issue(production: Any) -> None:
    assert _ids() == set()


def test_background_thread_without_debug_warns_w001(production: Any) -> None:
    production.MOTCUA_BACKGROUND = "thread"

    assert _ids() == {"motcua.W001"}


def test_unknown_background_mode_is_error_e001(production: Any) -> None:
    production.MOTCUA_BACKGROUND = "cron"

    [issue] = background_check(None)
    assert issue.id == "motcua.E001"
    assert issue.is_serious()


def test_sqlite_without_debug_warns_w002(production: Any) -> None:
    with mock.patch.dict(
        django_settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3"}
    ):
        assert _ids() == {"motcua.W002"}


def test_derived_field_key_without_debug_warns_w003(production: Any) -> None:
    production.MOTCUA_FIELD_KEYS = []

    assert _ids() == {"motcua.W003"}


def test_metrics_without_token_without_debug_warns_w004(production: Any) -> None:
    production.MOTCUA_METRICS_TOKEN = ""

    assert _ids() == {"motcua.W004"}


def test_the_embedded_default_in_debug_is_quiet(settings: Any) -> None:
    settings.DEBUG = True
    settings.MOTCUA_BACKGROUND = "thread"
    settings.MOTCUA_FIELD_KEYS = []
    settings.MOTCUA_METRICS_TOKEN = ""
    with mock.patch.dict(
        django_settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3"}
    ):
        assert _ids() == set()


@pytest.mark.django_db  # the signing check counts development signer profiles
def test_checks_run_only_with_deploy(production: Any) -> None:
    from django.core.checks import run_checks

    production.MOTCUA_BACKGROUND = "cron"

    assert "motcua.E001" not in {issue.id for issue in run_checks()}
    assert "motcua.E001" in {issue.id for issue in run_checks(include_deployment_checks=True)}


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MOTCUA_", "DATABASE_URL", "REDIS_URL", "CELERY_"))
    }
    clean.update({"MOTCUA_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_on_the_embedded_default_without_debug_refuses_the_fakes(
    tmp_path: Path,
) -> None:
    result = _manage("check", "--deploy", tmp_path=tmp_path, MOTCUA_DEBUG="0")

    assert result.returncode != 0  # the in-process stand-ins of external services
    for code in ("motcua.E120", "motcua.E130", "motcua.E140"):
        assert code in result.stderr, code


def test_check_deploy_on_the_embedded_default_without_debug_warns(tmp_path: Path) -> None:
    result = _manage(
        "check", "--deploy", tmp_path=tmp_path, MOTCUA_DEBUG="0", MOTCUA_ALLOW_FAKES="1"
    )

    assert result.returncode == 0, result.stderr  # warnings do not stop a deployment
    assert "motcua.W001" in result.stderr
    assert "motcua.W002" in result.stderr
    assert "motcua.W003" in result.stderr
    assert "motcua.W004" in result.stderr


def test_check_deploy_fails_on_an_unknown_background_mode(tmp_path: Path) -> None:
    result = _manage(
        "check", "--deploy", tmp_path=tmp_path, MOTCUA_DEBUG="0", MOTCUA_BACKGROUND="cron"
    )

    assert result.returncode != 0
    assert "motcua.E001" in result.stderr


def test_check_in_debug_has_no_motcua_issue(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", tmp_path=tmp_path, MOTCUA_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "motcua." not in result.stdout + result.stderr
