"""docs/deployment.md: its environment file, systemd unit and nginx headers are the ones the tests use."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys

import pytest

from sopap.cli.serve import serve, worker
from tests.web.env_settings import REPO, run
from tests.web.test_behind_proxy import _proxied

GUIDE = (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")


def _block(language: str, after: str) -> str:
    start = GUIDE.index(after)
    found = re.compile(rf"```{language}\n(.*?)```", re.S).search(GUIDE, start)
    assert found, f"no {language} block after {after!r}"
    return found.group(1)


def _environment_file() -> dict[str, str]:
    lines = _block("sh", "`/etc/sopap/sopap.env`").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip())


def test_the_guide_s_environment_file_passes_django_s_deploy_checks(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_", "PYTEST"))}
    env.update(_environment_file())
    # The guide's placeholders: a real key, and a data directory of the test's (the database is not opened).
    env.update({"SOPAP_SECRET_KEY": secrets.token_urlsafe(50), "SOPAP_DATA_DIR": str(tmp_path)})
    done = run(
        env, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", "--settings=sopap.web.settings"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def _unit() -> str:
    return _block("ini", "/etc/systemd/system/sopap.service")


def test_the_unit_s_command_line_is_one_sopap_serve_accepts():
    (command,) = [line.split("=", 1)[1] for line in _unit().splitlines() if line.startswith("ExecStart=")]
    program, name, *args = command.split()
    assert program.endswith("/.venv/bin/sopap") and name == "serve"
    context = serve.make_context("serve", args)
    assert context.params == {"host": "127.0.0.1", "port": 8000, "workers": None}
    assert "/var/lib/sopap" in _unit() and _environment_file()["SOPAP_DATA_DIR"] == "/var/lib/sopap"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_finds_nothing_to_say_about_the_unit(tmp_path):
    unit = tmp_path / "sopap.service"
    # systemd checks that the program exists; here it is this test's Python running the same command.
    unit.write_text(_unit().replace("/opt/sopap/.venv/bin/sopap", f"{sys.executable} -m sopap.cli.main"))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout + done.stderr == ""


def test_nginx_sends_the_headers_the_proxy_test_sends():
    sent = set(re.findall(r"proxy_set_header (\S+) ", _block("nginx", "nginx with TLS")))
    assert sent == set(_proxied())


def _worker_unit() -> str:
    return _block("ini", "/etc/systemd/system/sopap-worker.service")


def test_the_worker_unit_runs_sopap_worker_with_the_servers_environment():
    (command,) = [
        line.split("=", 1)[1] for line in _worker_unit().splitlines() if line.startswith("ExecStart=")
    ]
    program, name, *args = command.split()
    assert program.endswith("/.venv/bin/sopap") and name == "worker"
    assert worker.make_context("worker", args).params == {"interval": 1.0, "batch": False}
    for line in ("EnvironmentFile=/etc/sopap/sopap.env", "User=sopap", "ReadWritePaths=/var/lib/sopap"):
        assert line in _worker_unit() and line in _unit()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_finds_nothing_to_say_about_the_worker_unit(tmp_path):
    unit = tmp_path / "sopap-worker.service"
    unit.write_text(
        _worker_unit().replace("/opt/sopap/.venv/bin/sopap", f"{sys.executable} -m sopap.cli.main")
    )
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout + done.stderr == ""
