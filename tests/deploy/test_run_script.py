"""deploy/run: the one entry point of the production processes."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import DEPLOY, ROOT, clean_env, free_port

RUN = DEPLOY / "run"


def _run(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUN), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_script_is_executable_bash() -> None:
    assert os.access(RUN, os.X_OK)
    assert RUN.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in RUN.read_text()
    subprocess.run(["bash", "-n", str(RUN)], check=True)


def test_help_lists_every_command() -> None:
    result = _run("help", env=clean_env())

    assert result.returncode == 0
    for command in ("web", "worker", "beat", "migrate", "static", "check", "all", "stop"):
        assert f"deploy/run {command}" in result.stdout


def test_an_unknown_command_is_refused() -> None:
    result = _run("serve", env=clean_env())

    assert result.returncode == 2
    assert "deploy/run web" in result.stderr


def test_a_missing_virtualenv_is_explained(tmp_path: Path) -> None:
    result = _run("web", env=clean_env(VENV=str(tmp_path / "nowhere")))

    assert result.returncode == 1
    assert "gunicorn not found" in result.stderr


@pytest.fixture
def fake_venv(tmp_path: Path) -> Path:
    """A virtualenv whose gunicorn and celery record their arguments and wait."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("gunicorn", "celery", "python"):
        script = bin_dir / tool
        script.write_text(
            "#!/usr/bin/env bash\n"
            f'echo "{tool} $*" >> "$MOTCUA_VAR_DIR/calls"\n'
            "trap 'kill $! 2>/dev/null; exit 0' TERM\n"
            "if [[ -n ${FAKE_WAIT:-} ]]; then sleep 60 & wait; fi\n"
        )
        script.chmod(0o755)
    return tmp_path / "venv"


def _calls(var_dir: Path) -> list[str]:
    return (var_dir / "calls").read_text().splitlines()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("web", f"gunicorn --config {ROOT}/deploy/gunicorn.conf.py"),
        ("worker", "celery -A config worker --loglevel INFO --hostname motcua@%h"),
        ("beat", "celery -A config beat --loglevel INFO --schedule {var}/celerybeat-schedule"),
        ("migrate", "python manage.py migrate --noinput"),
        ("static", "python manage.py collectstatic --noinput"),
        ("check", "python manage.py check --deploy"),
    ],
)
def test_each_process_runs_its_command(
    fake_venv: Path, tmp_path: Path, command: str, expected: str
) -> None:
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    env = clean_env(VENV=str(fake_venv), MOTCUA_VAR_DIR=str(var_dir))

    result = _run(command, env=env)

    assert result.returncode == 0, result.stderr
    assert _calls(var_dir) == [expected.format(var=var_dir)]


def test_worker_concurrency_and_extra_arguments_pass_through(
    fake_venv: Path, tmp_path: Path
) -> None:
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    env = clean_env(VENV=str(fake_venv), MOTCUA_VAR_DIR=str(var_dir), MOTCUA_WORKER_CONCURRENCY="4")

    assert _run("worker", "--queues", "celery", env=env).returncode == 0

    assert _calls(var_dir) == [
        "celery -A config worker --loglevel INFO --hostname motcua@%h --concurrency 4 "
        "--queues celery"
    ]


def test_all_starts_the_three_processes_and_stop_stops_them(
    fake_venv: Path, tmp_path: Path
) -> None:
    var_dir = tmp_path / "var"
    env = clean_env(VENV=str(fake_venv), MOTCUA_VAR_DIR=str(var_dir), FAKE_WAIT="1")

    started = _run("all", env=env)

    assert started.returncode == 0, started.stderr
    pids = {
        name: int((var_dir / "run" / f"{name}.pid").read_text())
        for name in ("web", "worker", "beat")
    }
    for pid in pids.values():
        os.kill(pid, 0)  # alive
    again = _run("all", env=env)
    assert again.returncode == 1
    assert "already running" in again.stderr

    stopped = _run("stop", env=env)

    assert stopped.returncode == 0, stopped.stderr
    for name, pid in pids.items():
        assert f"stopped {name} (pid {pid})" in stopped.stdout
        assert not (var_dir / "run" / f"{name}.pid").exists()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids.values()):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids.values())
    assert sorted(line.split()[0] for line in _calls(var_dir)) == ["celery", "celery", "gunicorn"]


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # not our child: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    return waited == 0


@pytest.mark.slow
def test_web_serves_and_logs_json_lines_without_query_strings(tmp_path: Path) -> None:
    port = free_port()
    env = clean_env(
        VENV=sys.prefix,
        MOTCUA_VAR_DIR=str(tmp_path),
        MOTCUA_DEBUG="0",
        MOTCUA_BACKGROUND="manual",
        MOTCUA_ALLOWED_HOSTS="127.0.0.1",
        MOTCUA_HTTPS="0",
        MOTCUA_BIND=f"127.0.0.1:{port}",
        MOTCUA_WEB_WORKERS="1",
    )
    web = subprocess.Popen(
        [str(RUN), "web"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        response = _get_when_up(f"http://127.0.0.1:{port}/healthz?citizen=079203001234")
        assert response.status == 200
        assert json.loads(response.read()) == {"status": "ok"}
        request_id = response.headers["X-Request-ID"]
    finally:
        web.send_signal(signal.SIGTERM)
        out, err = web.communicate(timeout=30)

    assert web.returncode == 0, err
    access = [json.loads(line) for line in out.splitlines()]
    [line] = [a for a in access if a.get("path") == "/healthz"]
    assert line["request_id"] == request_id
    assert line["status"] == 200
    assert "079203001234" not in out + err
    assert "citizen" not in out + err
    for text in err.splitlines():  # gunicorn's own lines are JSON too
        assert json.loads(text)["logger"] == "gunicorn.error"


def _get_when_up(url: str) -> "urllib.response.addinfourl":
    deadline = time.monotonic() + 30
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)  # noqa: S310  (a local test server)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
