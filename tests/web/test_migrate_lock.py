"""`sopap migrate` (and `sopap serve` with SOPAP_MIGRATE_ON_START=1) migrate from one process at a time."""

from __future__ import annotations

import os
import selectors
import sqlite3
import subprocess
import threading

import pytest
from django.db import connection, connections

from sopap.web.migrating import ADVISORY_LOCK_KEY, file_lock, lock_path, migration_lock
from tests.web.env_settings import REPO
from tests.web.server_process import server_env, sopap

WAITING = "another process is migrating the database; waiting"
# Bounds a wait for a process's next line; a migration takes seconds.
LINE_TIMEOUT = 120


def _migrate(tmp_path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        sopap("migrate"),
        env=server_env(tmp_path / "data"),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )


def _read_until(process: subprocess.Popen[bytes], text: str) -> str:
    """The process's standard error up to `text`, read as it comes (unbuffered, so nothing read is hidden
    from the selector in a buffer)."""
    assert process.stderr is not None
    seen = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while text.encode() not in seen:
            if not selector.select(timeout=LINE_TIMEOUT):
                raise AssertionError(f"nothing with {text!r} within {LINE_TIMEOUT} s: {seen!r}")
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                raise AssertionError(f"the process ended without saying {text!r}: {seen!r}")
            seen += chunk
    return seen.decode()


def _finish(process: subprocess.Popen[bytes]) -> tuple[str, str]:
    stdout, stderr = process.communicate(timeout=LINE_TIMEOUT)
    return stdout.decode(), stderr.decode()


def _tables(database) -> list[str]:
    with sqlite3.connect(database) as db:
        return [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def test_migrate_waits_while_another_process_holds_the_lock_then_migrates(tmp_path):
    database = tmp_path / "data" / "sopap.sqlite3"
    with file_lock(lock_path(database)):
        process = _migrate(tmp_path)
        try:
            _read_until(process, WAITING)
            assert "django_migrations" not in _tables(database), "it waits before it touches the database"
        except BaseException:
            process.kill()
            raise
    stdout, stderr = _finish(process)
    assert process.returncode == 0, stderr
    assert "Applying authoring.0001_initial... OK" in stdout
    assert "django_migrations" in _tables(database)


def test_two_migrations_started_at_once_apply_each_migration_once(tmp_path):
    first, second = _migrate(tmp_path), _migrate(tmp_path)
    outputs = [_finish(process) for process in (first, second)]
    assert [process.returncode for process in (first, second)] == [0, 0], outputs
    applied = [stdout for stdout, _stderr in outputs if "Applying" in stdout]
    idle = [stdout for stdout, _stderr in outputs if "No migrations to apply." in stdout]
    assert len(applied) == 1 and len(idle) == 1, outputs
    with sqlite3.connect(tmp_path / "data" / "sopap.sqlite3") as db:
        (rows,) = db.execute(
            "SELECT count(*) FROM django_migrations WHERE app = 'authoring' AND name = '0001_initial'"
        ).fetchone()
    assert rows == 1


@pytest.mark.django_db(transaction=True)
def test_the_lock_of_the_database_in_use_keeps_a_second_holder_waiting_until_the_first_lets_go(tmp_path):
    """On SQLite the file lock, on PostgreSQL the advisory lock (run on both by scripts/test.sh)."""
    waiting, entered = threading.Event(), threading.Event()

    def second_holder() -> None:
        try:
            with migration_lock(on_wait=waiting.set):
                entered.set()
        finally:
            connections.close_all()

    with _held_by_someone_else():
        thread = threading.Thread(target=second_holder)
        thread.start()
        assert waiting.wait(LINE_TIMEOUT), "the second holder says it waits"
        assert not entered.is_set()
    thread.join(LINE_TIMEOUT)
    assert entered.is_set()


class _held_by_someone_else:
    """The lock taken the way another process takes it: a session of its own, or a file of its own."""

    def __enter__(self) -> None:
        if connection.vendor == "postgresql":
            import psycopg

            params = connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("context", None)
            self.session = psycopg.connect(**params, autocommit=True)
            self.session.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        else:
            self.file = file_lock(lock_path(connection.settings_dict["NAME"]))
            self.file.__enter__()

    def __exit__(self, *exc: object) -> None:
        if connection.vendor == "postgresql":
            self.session.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
            self.session.close()
        else:
            self.file.__exit__(None, None, None)
