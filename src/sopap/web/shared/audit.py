"""The audit trail is append-only in the database itself, on SQLite and PostgreSQL alike: the log tables
refuse UPDATE and DELETE, and a decreed revision refuses a change of its text or its deletion, whoever
asks (the app, Django's admin, a shell). Installed after every `migrate` (post_migrate), because SQLite's
way of altering a table (copy, drop, rename) drops the triggers on it.

A deliberate purge, by an operator who knows why, inserts a row into `sopap_audit_unlock` in the same
transaction and deletes it afterwards; PostgreSQL's TRUNCATE (which Django's flush uses) bypasses row
triggers by design.
"""

from __future__ import annotations

from typing import Any

from sopap.web.shared.triggers import triggers_install

APPEND_ONLY = (
    "workflow_transition",
    "workflow_stepnote",
    "organisations_accountevent",
    "organisations_pdevent",
    "authoring_revisionedit",
    "monitoring_evaluationentry",
    "workflow_acknowledgementrequest",
    "workflow_acknowledgement",
    "inventory_inventoryevent",
    "books_bookevent",
    "importing_importevent",
)
DECREED = ("ditetapkan", "berlaku", "digantikan", "dicabut")
UNLOCK_TABLE = "sopap_audit_unlock"

_DECREED_SQL = ", ".join(f"'{status}'" for status in DECREED)


# What a decreed revision may still do: its status moves on (in force; replaced or withdrawn), nothing else.
FROZEN_COLUMNS = (
    "yaml_text",
    "nama",
    "nomor",
    "keputusan_nomor",
    "keputusan_tanggal",
    "tanggal_berlaku",
    "document_id",
    "number",
    "version",
    "author_id",
)
_MOVES = "(OLD.status = 'ditetapkan' AND NEW.status = 'berlaku') OR (OLD.status = 'berlaku' AND NEW.status IN ('digantikan', 'dicabut'))"


def _sqlite() -> list[str]:
    unlocked = f"EXISTS (SELECT 1 FROM {UNLOCK_TABLE})"
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
    statements = [f"CREATE TABLE IF NOT EXISTS {UNLOCK_TABLE} (id INTEGER PRIMARY KEY)"]
    # Dropped and made again, so that a newer definition replaces an older one.
    for table in APPEND_ONLY:
        for op in ("UPDATE", "DELETE"):
            name = f"{table}_no_{op.lower()}"
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                f"WHEN NOT {unlocked} BEGIN SELECT RAISE(ABORT, 'sopap: {table} is append-only ({op} refused)'); END",
            ]
    statements += [
        "DROP TRIGGER IF EXISTS authoring_revision_decreed_text",
        "CREATE TRIGGER authoring_revision_decreed_text BEFORE UPDATE ON authoring_revision "
        f"WHEN OLD.status IN ({_DECREED_SQL}) AND NOT {unlocked} "
        f"AND ({changed} OR NOT (NEW.status = OLD.status OR {_MOVES})) "
        "BEGIN SELECT RAISE(ABORT, 'sopap: a decreed revision cannot change, only move on in its status'); END",
        "DROP TRIGGER IF EXISTS authoring_revision_decreed_delete",
        "CREATE TRIGGER authoring_revision_decreed_delete BEFORE DELETE ON authoring_revision "
        f"WHEN OLD.status IN ({_DECREED_SQL}) AND NOT {unlocked} "
        "BEGIN SELECT RAISE(ABORT, 'sopap: a decreed revision cannot be deleted'); END",
    ]
    return statements


def _postgresql() -> list[str]:
    unlocked = f"EXISTS (SELECT 1 FROM {UNLOCK_TABLE})"
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FROZEN_COLUMNS)
    statements = [
        f"CREATE TABLE IF NOT EXISTS {UNLOCK_TABLE} (id integer PRIMARY KEY)",
        f"""CREATE OR REPLACE FUNCTION sopap_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT {unlocked} THEN
                RAISE EXCEPTION 'sopap: % is append-only (% refused)', TG_TABLE_NAME, TG_OP;
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION sopap_decreed_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status IN ({_DECREED_SQL}) AND NOT {unlocked} THEN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'sopap: a decreed revision cannot be deleted';
                ELSIF {changed} OR NOT (NEW.status = OLD.status OR {_MOVES}) THEN
                    RAISE EXCEPTION 'sopap: a decreed revision cannot change, only move on in its status';
                END IF;
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
    ]
    for table in APPEND_ONLY:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sopap_append_only()",
        ]
    statements += [
        "DROP TRIGGER IF EXISTS authoring_revision_decreed ON authoring_revision",
        "CREATE TRIGGER authoring_revision_decreed BEFORE UPDATE OR DELETE ON authoring_revision "
        "FOR EACH ROW EXECUTE FUNCTION sopap_decreed_revision()",
    ]
    return statements


def install_triggers(*, using: str = "default", **_kwargs: Any) -> None:
    triggers_install(
        using=using,
        statements={"sqlite": _sqlite, "postgresql": _postgresql},
        tables=[*APPEND_ONLY, "authoring_revision"],
    )
