"""Two `sopap serve` nodes on one PostgreSQL, each with a data directory of its own, as a Pemda runs them
behind a proxy (docs/deployment.md): what one writes the other serves, a login on one is a login on the
other (sessions are rows), and a job queued through one is run by a `sopap worker` started beside the other.

Runs in the PostgreSQL pass of scripts/test.sh (SOPAP_DATABASE_URL set); the SQLite pass skips it. It waits
for states (a page, a row) until a deadline, never for a time.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import secrets
import subprocess
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sopap.web.demo import USERS
from tests.web.env_settings import REPO
from tests.web.server_process import Server, server_env, sopap, start_server
from tests.web.test_serve_postgres import URL, empty_database  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(
    not URL.startswith(("postgres://", "postgresql://")), reason="needs SOPAP_DATABASE_URL (PostgreSQL)"
)

DEADLINE_SECONDS = 300
PASSWORDS = {user.username: user.password for user in USERS}


class Browser:
    """One person's cookies, sent to whichever node a request goes to (cookies do not care for ports)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, node: Server, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(f"http://127.0.0.1:{node.port}{path}", timeout=60) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post(self, node: Server, path: str, form: dict[str, str], *, token_from: str) -> tuple[int, str]:
        _status, page = self.get(node, token_from)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no form on {token_from}"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **form}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{node.port}{path}", data=body, method="POST")
        try:
            with self.opener.open(request, timeout=120) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def log_in(self, node: Server, username: str) -> None:
        status, page = self.post(
            node,
            "/akun/masuk/",
            {"username": username, "password": PASSWORDS[username], "next": "/sop/"},
            token_from="/akun/masuk/",
        )
        assert status == 200 and "Keluar" in page, page[:2000]


def _wait_for(
    condition: Callable[[], Any], what: str, *, watch: list[Server | subprocess.Popen[bytes]]
) -> Any:
    """Ask `condition` until it answers (truthy) or the deadline passes; a watched process that dies
    fails the test at once instead of at the deadline."""
    pause = threading.Event()
    for _ in range(DEADLINE_SECONDS * 5):
        found = condition()
        if found:
            return found
        for process in watch:
            popen = process.process if isinstance(process, Server) else process
            assert popen.poll() is None, f"a process exited while waiting for {what}"
        pause.wait(0.2)
    raise AssertionError(f"not reached within {DEADLINE_SECONDS} s: {what}")


def _row(database: str, sql: str, *params: Any) -> Any:
    with psycopg.connect(database, autocommit=True) as connection:
        return connection.execute(sql, params).fetchone()


# Every node and worker of a site has the same secret key: it signs the sessions' own check of the
# password (and the CSRF tokens), so a node with another key would log everybody out.
SECRET_KEY = secrets.token_urlsafe(50)


def _node(tmp_path: Path, name: str, database: str) -> Server:
    folder = tmp_path / name
    folder.mkdir()
    return start_server(
        folder,
        "--workers",
        "2",
        SOPAP_SECRET_KEY=SECRET_KEY,
        SOPAP_DATABASE_URL=database,
        SOPAP_MIGRATE_ON_START="1",
        SOPAP_SECURE_COOKIES="0",
    )


def test_two_nodes_on_one_postgresql_serve_each_others_writes_and_a_worker_beside_one_runs_the_others_job(
    tmp_path: Path,
    empty_database: str,  # noqa: F811
) -> None:
    a, b = _node(tmp_path, "a", empty_database), _node(tmp_path, "b", empty_database)
    worker: subprocess.Popen[bytes] | None = None
    try:
        assert a.wait_until_healthy().status == 200 and b.wait_until_healthy().status == 200
        demo_env = server_env(tmp_path / "demo", SOPAP_DATABASE_URL=empty_database)
        del demo_env["SOPAP_SECRET_KEY"]
        subprocess.run(sopap("demo", "--setup-only"), env=demo_env, cwd=REPO, check=True, capture_output=True)
        # What the demo's own decrees queued is not this test's business: only the job queued below.
        with psycopg.connect(empty_database, autocommit=True) as connection:
            connection.execute("DELETE FROM django_tasks_database_dbtaskresult")
            connection.execute("DELETE FROM jobs_job")
        pk, document = _row(
            empty_database, "SELECT id, document_id FROM authoring_revision WHERE status = 'uji_coba' LIMIT 1"
        )

        assert Browser().get(b, f"/katalog/sop/{document}/")[0] == 404, "not public before its decree"
        # The head signs on node B; node A shows it signed.
        head = Browser()
        head.log_in(b, "kepala")
        (version,) = _row(empty_database, "SELECT version FROM authoring_revision WHERE id = %s", pk)
        # The demo's PD requires the trial before approval (Pasal 18 (3)): the head records it first.
        today = dt.date.today().isoformat()
        trial = {
            "versi": str(version),
            "mulai": today,
            "selesai": today,
            "hasil": "lanjut",
            "saksi_lain": "Kasubag",
        }
        status, page = head.post(b, f"/alur/{pk}/trial_record/", trial, token_from=f"/sop/{document}/")
        assert status == 200, page
        (version,) = _row(empty_database, "SELECT version FROM authoring_revision WHERE id = %s", pk)
        status, page = head.post(
            b, f"/alur/{pk}/approve/", {"versi": str(version), "confirm": "1"}, token_from=f"/sop/{document}/"
        )
        assert status == 200, page
        assert _row(empty_database, "SELECT status FROM authoring_revision WHERE id = %s", pk) == (
            "disahkan",
        )
        shown = head.get(a, f"/sop/{document}/")[1]
        assert "Disahkan" in shown and "(kepala)" in shown

        # The admin logs in on node A, and the same session works on node B.
        admin = Browser()
        admin.log_in(a, "admin")
        status, page = admin.get(b, "/pekerjaan/")
        assert status == 200 and "Pekerjaan saya" in page and "(admin)" in page

        # The decree through node A queues the job of drawing the downloads; nothing runs it yet.
        (version,) = _row(empty_database, "SELECT version FROM authoring_revision WHERE id = %s", pk)
        status, _page = admin.post(
            a,
            f"/alur/{pk}/decree/",
            {"versi": str(version), "confirm": "1", "keputusan_nomor": "188.45/99/2026"},
            token_from=f"/sop/{document}/",
        )
        assert status == 200
        assert _row(empty_database, "SELECT state FROM jobs_job") == ("antri",)
        assert head.get(b, f"/katalog/sop/{document}/")[0] == 200, "in force on node B at once"

        # A worker beside node B (its data directory, its environment) runs it; node B's page shows it.
        b_env = server_env(
            tmp_path / "b" / "data", SOPAP_DATABASE_URL=empty_database, SOPAP_SECRET_KEY=SECRET_KEY
        )
        with (tmp_path / "worker.log").open("wb") as log:
            worker = subprocess.Popen(
                sopap("worker", "--interval", "0.2"), env=b_env, cwd=REPO, stdout=log, stderr=log
            )
        page = _wait_for(
            lambda: (found := admin.get(b, "/pekerjaan/")[1]) and "Selesai</span>" in found and found,
            "the job done on node B's page",
            watch=[a, b, worker],
        )
        assert f"/sop/revisi/{pk}/unduh/pdf/" in page and "hx-trigger" not in page
        (rendered,) = _row(
            empty_database,
            "SELECT count(*) FROM authoring_renderedfile WHERE revision_id = %s AND rendered_at IS NOT NULL",
            pk,
        )
        assert rendered >= 6
        # What the worker drew beside B went to B's storage; A's storage has none of it, and draws the file
        # again the first time it is asked (a shared bucket, SOPAP_STORAGE_BUCKET, would have it already).
        assert list((tmp_path / "b" / "data" / "files" / "render").rglob("*.pdf"))
        request = urllib.request.Request(f"http://127.0.0.1:{a.port}/katalog/sop/{document}/unduh/pdf/")
        with urllib.request.urlopen(request, timeout=120) as answer:
            assert answer.status == 200 and answer.read().startswith(b"%PDF")
        assert "188.45/99/2026" in head.get(b, f"/katalog/sop/{document}/")[1]

        worker.terminate()
        assert worker.wait(timeout=60) == 0, (tmp_path / "worker.log").read_text()
        worker = None
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
        assert a.stop() == 0, a.output()
        assert b.stop() == 0, b.output()
