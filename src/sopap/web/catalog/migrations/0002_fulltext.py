# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""Full-text search: an FTS5 table kept in step by triggers on SQLite; a GIN index on PostgreSQL."""

from typing import Any

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE catalog_fts USING fts5(
        nama_terms, body_terms, content='catalog_catalogentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER catalog_fts_ai AFTER INSERT ON catalog_catalogentry BEGIN
        INSERT INTO catalog_fts(rowid, nama_terms, body_terms) VALUES (new.id, new.nama_terms, new.body_terms);
    END""",
    """CREATE TRIGGER catalog_fts_ad AFTER DELETE ON catalog_catalogentry BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, nama_terms, body_terms)
        VALUES ('delete', old.id, old.nama_terms, old.body_terms);
    END""",
    """CREATE TRIGGER catalog_fts_au AFTER UPDATE ON catalog_catalogentry BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, nama_terms, body_terms)
        VALUES ('delete', old.id, old.nama_terms, old.body_terms);
        INSERT INTO catalog_fts(rowid, nama_terms, body_terms) VALUES (new.id, new.nama_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_fts_au",
    "DROP TRIGGER IF EXISTS catalog_fts_ad",
    "DROP TRIGGER IF EXISTS catalog_fts_ai",
    "DROP TABLE IF EXISTS catalog_fts",
]
PG_FORWARD = [
    """CREATE INDEX catalog_entry_fts ON catalog_catalogentry USING GIN (
        (setweight(to_tsvector('simple', nama_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B')))"""
]
PG_BACKWARD = ["DROP INDEX IF EXISTS catalog_entry_fts"]


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_FORWARD if vendor == "sqlite" else PG_FORWARD if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_BACKWARD if vendor == "sqlite" else PG_BACKWARD if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
