"""Installing database triggers after `migrate`, on SQLite and PostgreSQL alike: each vendor's statements run
once every table they name exists (a migrate that stops part of the way installs nothing; the next full one
does), and again after every migrate, because SQLite's way of altering a table drops the triggers on it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Statements = Callable[[], list[str]]


def triggers_install(*, using: str, statements: dict[str, Statements], tables: Iterable[str]) -> str | None:
    """Run the statements of the connection's vendor; the vendor, or None when nothing was run (another
    vendor, or a table still missing)."""
    from django.db import connections

    connection = connections[using]
    make = statements.get(connection.vendor)
    if make is None or not set(tables) <= set(connection.introspection.table_names()):
        return None
    with connection.cursor() as cursor:
        for sql in make():
            cursor.execute(sql)
    return str(connection.vendor)
