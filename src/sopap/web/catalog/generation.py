"""The catalog's generation (models.CatalogGeneration): counted up by the database whenever a table the
public list and search pages are drawn from changes, so that a page cached under it is never stale.

Triggers, not calls in the services: they also see the seeder's COPY, a restore, bulk updates and Django's
admin. Installed after every `migrate` (post_migrate), because SQLite's way of altering a table (copy, drop,
rename) drops the triggers on it. A documents' or revisions' row bumps it only when what the catalog reads of
it changes (the revision in force, the status), not on every draft's save.
"""

from __future__ import annotations

from typing import Any

from sopap.web.shared.triggers import triggers_install

GENERATION_TABLE = "catalog_cataloggeneration"
GENERATION_ID = 1
BUMP = f"UPDATE {GENERATION_TABLE} SET number = number + 1 WHERE id = {GENERATION_ID}"
# Every change to these tables (rows written, changed, deleted) may change a list or a search.
WATCHED = (
    "catalog_catalogentry",
    "catalog_catalogword",
    "catalog_sinonim",
    "organisations_pemda",
    "organisations_perangkatdaerah",
    "organisations_unit",
)
# These only when the named column changes.
WATCHED_COLUMNS = (("authoring_sopdocument", "in_force_id"), ("authoring_revision", "status"))


def _sqlite() -> list[str]:
    statements: list[str] = []
    for table in WATCHED:
        for op in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_catalog_{op.lower()}"
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {op} ON {table} BEGIN {BUMP}; END",
            ]
    for table, column in WATCHED_COLUMNS:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_catalog_update",
            f"CREATE TRIGGER {table}_catalog_update AFTER UPDATE OF {column} ON {table} "
            f"WHEN NEW.{column} IS NOT OLD.{column} BEGIN {BUMP}; END",
            f"DROP TRIGGER IF EXISTS {table}_catalog_delete",
            f"CREATE TRIGGER {table}_catalog_delete AFTER DELETE ON {table} BEGIN {BUMP}; END",
        ]
    return statements


def _postgresql() -> list[str]:
    statements = [
        f"""CREATE OR REPLACE FUNCTION sopap_catalog_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {BUMP};
            RETURN NULL;
        END $$""",
    ]
    # Once per statement: a COPY of 100,000 rows counts up once, not 100,000 times.
    for table in WATCHED:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_catalog ON {table}",
            f"CREATE TRIGGER {table}_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sopap_catalog_bump()",
        ]
    for table, column in WATCHED_COLUMNS:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_catalog_update ON {table}",
            f"CREATE TRIGGER {table}_catalog_update AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
            f"WHEN (NEW.{column} IS DISTINCT FROM OLD.{column}) EXECUTE FUNCTION sopap_catalog_bump()",
            f"DROP TRIGGER IF EXISTS {table}_catalog_delete ON {table}",
            f"CREATE TRIGGER {table}_catalog_delete AFTER DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sopap_catalog_bump()",
        ]
    return statements


def install_triggers(*, using: str = "default", **_kwargs: Any) -> None:
    from django.db import connections

    vendor = triggers_install(
        using=using,
        statements={"sqlite": _sqlite, "postgresql": _postgresql},
        tables=[GENERATION_TABLE, *WATCHED, *(t for t, _c in WATCHED_COLUMNS)],
    )
    if vendor is None:
        return
    with connections[using].cursor() as cursor:
        # The row the triggers count up (a flushed test database has none). It starts at a random number:
        # a database made again (a restore) does not count the numbers a running process has cached
        # pages of the old one under.
        start = {"sqlite": "abs(random() % 1000000000000)", "postgresql": "floor(random() * 1e12)::bigint"}
        cursor.execute(
            f"INSERT INTO {GENERATION_TABLE} (id, number) SELECT {GENERATION_ID}, {start[vendor]} "
            f"WHERE NOT EXISTS (SELECT 1 FROM {GENERATION_TABLE} WHERE id = {GENERATION_ID})"
        )
