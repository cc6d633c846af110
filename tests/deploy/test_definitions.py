"""The process definitions in deploy/: Procfile, systemd units, env.example, nginx, image."""

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import DEPLOY, ROOT

UNITS = {
    "web": DEPLOY / "systemd" / "motcua-web.service",
    "worker": DEPLOY / "systemd" / "motcua-worker.service",
    "beat": DEPLOY / "systemd" / "motcua-beat.service",
}


def test_procfile_runs_the_three_processes_through_deploy_run() -> None:
    entries = dict(
        line.split(":", 1)
        for line in (DEPLOY / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    )

    assert {name: command.strip() for name, command in entries.items()} == {
        "web": "deploy/run web",
        "worker": "deploy/run worker",
        "beat": "deploy/run beat",
    }


def _unit(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


@pytest.mark.parametrize("process", sorted(UNITS))
def test_systemd_unit_runs_its_process_unprivileged(process: str) -> None:
    unit = _unit(UNITS[process])

    service = unit["Service"]
    assert service["ExecStart"] == f"/opt/motcua/deploy/run {process}"
    assert service["User"] == "motcua"
    assert service["EnvironmentFile"] == "/etc/motcua/env"
    assert service["NoNewPrivileges"] == "true"
    assert service["Restart"] in {"on-failure", "always"}
    assert unit["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_units_verify(tmp_path: Path) -> None:
    for path in UNITS.values():
        text = path.read_text().replace("/opt/motcua", str(ROOT))
        (tmp_path / path.name).write_text(text)

    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    for complaint in ("Unknown key", "Unknown section", "Failed to parse", "Invalid", "Missing"):
        assert complaint not in result.stderr


def _settings_variables() -> set[str]:
    pattern = re.compile(
        r"""(?:env_(?:str|bool|int|list)\(|os\.environ\.get\()\s*["']([A-Z0-9_]+)"""
    )
    names: set[str] = set()
    for path in (ROOT / "config").rglob("*.py"):
        names.update(pattern.findall(path.read_text()))
    return names


def _example_variables() -> dict[str, str]:
    variables = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        match = re.match(r"^#?\s?([A-Z][A-Z0-9_]+)=(.*)$", line)
        if match:
            variables[match.group(1)] = match.group(2)
    return variables


def test_env_example_lists_every_variable_the_settings_read() -> None:
    read = _settings_variables()
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "MOTCUA_FIELD_KEYS"} <= read

    missing = read - set(_example_variables())

    assert missing == set(), f"add to deploy/env.example: {sorted(missing)}"


def test_env_example_lists_the_process_variables() -> None:
    used = set(re.findall(r"MOTCUA_[A-Z_]+", (DEPLOY / "gunicorn.conf.py").read_text()))
    used |= set(re.findall(r"\$\{?(MOTCUA_[A-Z_]+|VENV)", (DEPLOY / "run").read_text()))

    assert used - set(_example_variables()) == set()


def test_env_example_holds_no_secret() -> None:
    values = _example_variables()

    for name in (
        "SECRET_KEY",
        "MOTCUA_FIELD_KEYS",
        "MOTCUA_METRICS_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
    ):
        assert values[name] == "", name
    assert "change-me" in values["DATABASE_URL"]  # a placeholder, not a password


def test_nginx_proxies_to_gunicorn_and_serves_no_uploaded_file() -> None:
    conf = (DEPLOY / "nginx.conf").read_text()
    active = "\n".join(line.split("#", 1)[0] for line in conf.splitlines())

    assert "proxy_pass http://motcua_web;" in active
    assert "server 127.0.0.1:8000" in active
    size = re.search(r"client_max_body_size\s+(\d+)m;", active)
    assert size is not None and int(size.group(1)) >= 20
    assert "/media" not in active
    assert "files" not in active  # MEDIA_ROOT is $MOTCUA_VAR_DIR/files: never aliased
    locations = re.findall(r"location\s+(=\s+)?(\S+)\s*\{", active)
    assert sorted(path for _, path in locations) == ["/", "/metrics", "/static/"]
    assert "proxy_set_header X-Request-ID $request_id;" in active
    assert "$request " not in active  # the access log keeps $uri, not the query string


def test_containerfile_copies_every_application_package() -> None:
    text = (DEPLOY / "Containerfile").read_text()
    copied = set(re.findall(r"^COPY (\w+) \./\1$", text, flags=re.MULTILINE))
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    packages |= {name for name in ("templates", "locale") if (ROOT / name).is_dir()}

    assert packages <= copied, f"add COPY lines for {sorted(packages - copied)}"
    assert "--require-hashes" in text
    assert re.search(r"^USER motcua$", text, flags=re.MULTILINE)
    assert 'ENTRYPOINT ["/opt/motcua/deploy/run"]' in text
