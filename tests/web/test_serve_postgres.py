"""`sopap serve` on PostgreSQL as docs/deployment.md sets it up: SOPAP_DATABASE_URL naming an empty database.

Runs in the PostgreSQL pass of scripts/test.sh (SOPAP_DATABASE_URL set); the SQLite pass skips it.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import urlparse

import pytest

from tests.web.server_process import fetch, start_server

URL = os.environ.get("SOPAP_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith(("postgres://", "postgresql://")), reason="needs SOPAP_DATABASE_URL (PostgreSQL)"
)


@pytest.fixture
def empty_database():
    import psycopg

    name = f"sopap_serve_{secrets.token_hex(4)}"
    with psycopg.connect(URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlparse(URL)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_serve_migrates_an_empty_postgresql_database_on_start_and_serves_the_catalog(
    tmp_path, empty_database
):
    server = start_server(
        tmp_path, "--workers", "2", SOPAP_MIGRATE_ON_START="1", SOPAP_DATABASE_URL=empty_database
    )
    try:
        assert server.wait_until_healthy().json() == {"status": "ok", "database": "ok"}
        assert fetch(server.port, "/katalog/?q=renja").status == 200
    finally:
        assert server.stop() == 0, server.output()
    assert "Applying workflow.0001_initial... OK" in server.output()
    assert not (tmp_path / "data" / "sopap.sqlite3").exists(), "nothing went to SQLite"
