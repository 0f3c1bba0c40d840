"""`sopap serve`: gunicorn with the production settings, on a loopback port, as an operator starts it."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import time

import pytest

from tests.web.env_settings import REPO, settings_under
from tests.web.server_process import fetch, server_env, sopap, start_server

USER_AGENT = 'probe "quoted" \\ backslash'


def test_serve_migrates_on_start_serves_the_catalog_and_hashed_static_files_logs_json_and_stops_cleanly(
    tmp_path,
):
    server = start_server(tmp_path, "--workers", "2", SOPAP_MIGRATE_ON_START="1")
    try:
        health = server.wait_until_healthy()
        assert health.status == 200, server.output()
        assert health.json() == {"status": "ok", "database": "ok"}
        assert health.headers["cache-control"] == "no-store"

        page = fetch(server.port, "/katalog/", headers={"User-Agent": USER_AGENT})
        assert page.status == 200
        assert "Katalog SOP" in page.body.decode()
        stylesheet = re.search(r'href="(/static/sopap/sopap\.[0-9a-f]{12}\.css)"', page.body.decode())
        assert stylesheet, "the page links the stylesheet under its hashed name"

        static = fetch(server.port, stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
        assert static.status == 200 and static.headers["content-type"].startswith("text/css")
        assert static.headers["cache-control"] == "max-age=315360000, public, immutable"
        assert static.headers["content-encoding"] == "gzip"
        unhashed = fetch(server.port, "/static/sopap/sopap.css")
        assert unhashed.status == 200 and "immutable" not in unhashed.headers["cache-control"]

        head = fetch(server.port, "/healthz", method="HEAD")
        assert head.status == 200 and head.body == b""

        lines = server.access_lines(5)
        # Two workers each write their own line after answering, so the order of two lines may differ from the
        # order of the requests.
        assert sorted((line["method"], line["path"], line["status"]) for line in lines) == sorted(
            [
                ("GET", "/healthz", 200),
                ("GET", "/katalog/", 200),
                ("GET", stylesheet.group(1), 200),
                ("GET", "/static/sopap/sopap.css", 200),
                ("HEAD", "/healthz", 200),
            ]
        )
        (catalog,) = [line for line in lines if line["path"] == "/katalog/"]
        assert catalog["user_agent"] == USER_AGENT and catalog["remote"] == "127.0.0.1"
        assert catalog["bytes"] == len(page.body) and catalog["duration_ms"] >= 0
        assert {line["pid"] for line in lines} <= set(_worker_pids(server.output()))
    finally:
        code = server.stop()
    assert code == 0, server.output()
    output = server.output()
    assert "Applying organisations.0001_initial... OK" in output
    assert "Shutting down: Master" in output
    assert "no-body response" not in output, "a HEAD response reaches gunicorn without a body"


def test_the_api_rate_limit_is_one_count_for_all_the_workers(tmp_path):
    server = start_server(
        tmp_path, "--workers", "3", SOPAP_MIGRATE_ON_START="1", SOPAP_API_RATE_ANONYMOUS="3"
    )
    try:
        assert server.wait_until_healthy().status == 200, server.output()
        counted: set[int] = set()  # windows that already hold calls of this test
        for _attempt in range(3):
            # A window crossed midway holds the tail of that attempt: the next starts in a fresh one.
            while int(time.time() // 60) in counted:
                time.sleep(0.2)
            window = int(time.time() // 60)
            # A connection each, so that gunicorn hands them to whichever worker is free.
            answers = [
                fetch(server.port, "/api/katalog/sop", headers={"Accept-Language": "en"}) for _ in range(5)
            ]
            end = int(time.time() // 60)
            counted.update(range(window, end + 1))
            if end == window:
                break  # all in one window (otherwise the count started again midway: once more)
        assert [a.status for a in answers] == [200, 200, 200, 429, 429], server.output()
        refused = answers[3]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["message"] == (
            f"Too many requests; try again in {refused.headers['retry-after']} seconds."
        )
    finally:
        server.stop()


def _worker_pids(output: str) -> list[int]:
    return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", output)]


def _refusal(tmp_path, *command: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = server_env(tmp_path / "data", **env)
    for name in [k for k, v in env.items() if v == ""]:
        del environment[name]
    return subprocess.run(
        sopap(*(command or ("serve", "--port", "9"))),
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", ["serve", "migrate"])
def test_serve_and_migrate_refuse_to_start_without_a_secret_key_saying_why_in_indonesian_and_english(
    tmp_path, command
):
    done = _refusal(tmp_path, command, SOPAP_SECRET_KEY="")
    assert done.returncode == 2
    assert f"sopap {command}: SOPAP_SECRET_KEY belum diisi" in done.stderr
    assert "SOPAP_SECRET_KEY is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_the_development_key_and_the_demo_settings(tmp_path):
    from sopap.web.settings import DEVELOPMENT_SECRET_KEY

    done = _refusal(tmp_path, SOPAP_SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert done.returncode == 2 and "holds the development key" in done.stderr
    for command in ("serve", "migrate"):
        done = _refusal(tmp_path, command, SOPAP_DEMO="1")
        assert done.returncode == 2 and "SOPAP_DEMO=1 hanya untuk `sopap demo`" in done.stderr


def test_serve_refuses_a_database_that_is_not_migrated_and_says_how_to_migrate(tmp_path):
    done = _refusal(tmp_path)
    assert done.returncode == 2
    assert "basis data belum dimigrasi" in done.stderr and "run `sopap migrate` first" in done.stderr
    with sqlite3.connect(tmp_path / "data" / "sopap.sqlite3") as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [], "a refused start leaves the database as it was"


def test_production_settings_serve_hashed_files_through_whitenoise_and_the_demo_keeps_django_s_view(tmp_path):
    production = settings_under(server_env(tmp_path), "STORAGES", "MIDDLEWARE", "HASHED_STATIC")
    assert production["HASHED_STATIC"] is True
    assert production["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert production["MIDDLEWARE"][:3] == [
        "sopap.web.health.HealthCheckMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    demo_env = server_env(tmp_path, SOPAP_DEMO="1")
    del demo_env["SOPAP_SECRET_KEY"]
    demo = settings_under(demo_env, "STORAGES", "MIDDLEWARE", "HASHED_STATIC", "SECRET_KEY")
    assert demo["HASHED_STATIC"] is False
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in demo["MIDDLEWARE"]
    assert (
        demo["STORAGES"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (4, 9), (32, 9)])
def test_workers_default_to_twice_the_cores_and_one_up_to_a_cap(cores, workers):
    from sopap.web.serving import default_workers

    assert default_workers(cores) == workers


def test_sopap_help_does_not_import_django():
    done = subprocess.run(
        [*sopap("--help")[:1], "-X", "importtime", *sopap("--help")[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "serve" in done.stdout and "migrate" in done.stdout
    assert not [line for line in done.stderr.splitlines() if line.rstrip().endswith((" django", " gunicorn"))]
