# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""PostgreSQL keeps the search vectors of each catalog row in stored columns instead of computing them from
the text for every row a query matches: ranking 70,000 matches of a common word read each row's terms and
tokenised them again (seconds at a province's size). `name_vector` lets the search take the rows whose name
matches before the rest. SQLite's FTS5 table already stores its index; nothing changes there."""

from typing import Any

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple', nama_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B')"
)
PG_FORWARD = [
    f"ALTER TABLE catalog_catalogentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "ALTER TABLE catalog_catalogentry ADD COLUMN name_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', nama_terms)) STORED",
    "CREATE INDEX catalog_entry_search_vector ON catalog_catalogentry USING GIN (search_vector)",
    "CREATE INDEX catalog_entry_name_vector ON catalog_catalogentry USING GIN (name_vector)",
    "DROP INDEX IF EXISTS catalog_entry_fts",
]
PG_BACKWARD = [
    f"CREATE INDEX IF NOT EXISTS catalog_entry_fts ON catalog_catalogentry USING GIN (({VECTOR}))",
    "ALTER TABLE catalog_catalogentry DROP COLUMN IF EXISTS name_vector",
    "ALTER TABLE catalog_catalogentry DROP COLUMN IF EXISTS search_vector",
]


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_trigram_index_and_seeds")]
    operations = [migrations.RunPython(forward, backward)]
