"""Migrating the database from one process at a time (`sopap migrate`, `sopap serve` with
SOPAP_MIGRATE_ON_START=1), however many start at once: each node of a Pemda, or each restart of a unit.

SQLite takes a file lock beside the database file, PostgreSQL a session-level advisory lock; a process that
finds the lock taken says so and waits, then finds the migrations applied and has nothing left to do.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from django.db import DEFAULT_DB_ALIAS, connections

from sopap.web.shared.locks import file_lock

# One fixed key for every sopap database on a PostgreSQL server: its advisory locks are per database.
ADVISORY_LOCK_KEY = zlib.crc32(b"sopap.migrate")


def lock_path(database: str | Path) -> Path:
    return Path(f"{database}.migrate-lock")


@contextlib.contextmanager
def advisory_lock(using: str, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        (taken,) = cursor.fetchone()
        if not taken:
            if on_wait is not None:
                on_wait()
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])


@contextlib.contextmanager
def migration_lock(
    using: str = DEFAULT_DB_ALIAS, *, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with advisory_lock(using, on_wait=on_wait):
            yield
    elif connection.vendor == "sqlite":
        with file_lock(lock_path(connection.settings_dict["NAME"]), on_wait=on_wait):
            yield
    else:  # pragma: no cover - settings offer only these two
        raise NotImplementedError(f"no migration lock for {connection.vendor}")


def migrate(*, stdout: IO[str], on_wait: Callable[[], None] | None = None, verbosity: int = 1) -> None:
    """Apply every migration, holding the lock."""
    from django.core.management import call_command

    with migration_lock(on_wait=on_wait):
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=stdout)


def pending_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations this code has that the database lacks, as `app.name`."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _backwards in executor.migration_plan(targets)]
