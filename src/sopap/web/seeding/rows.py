"""The writer: rows of a table with their keys assigned by the seed, written in bulk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models


class Rows:
    """Rows of one table with keys assigned here, written in bulk (COPY on PostgreSQL)."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.model = model
        self.fields: list[models.Field[Any, Any]] = []
        for name in fields:
            found = model._meta.get_field(name)
            assert isinstance(found, models.Field)
            self.fields.append(found)
        self.rows: list[tuple[Any, ...]] = []
        self.total = 0
        pk = model._meta.pk
        assert pk is not None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({pk.column}) FROM {model._meta.db_table}")
            self.next_id = (cursor.fetchone()[0] or 0) + 1

    def add(self, *values: Any) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        pk = self.model._meta.pk
        assert pk is not None
        columns = [str(pk.column)] + [str(f.column) for f in self.fields]
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                json_at = [i + 1 for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
                    for row in self.rows:
                        if json_at:
                            row = tuple(json.dumps(v) if i in json_at else v for i, v in enumerate(row))
                        out.write_row(row)
            else:
                prepared = [
                    (
                        row[0],
                        *(
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(self.fields, row[1:], strict=True)
                        ),
                    )
                    for row in self.rows
                ]
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", prepared)
        self.total += len(self.rows)
        self.rows = []


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(sql)
