# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""Rebuilds the stored search terms: rows indexed by the old rule-only stemmer hold stems the Sastrawi
stemmer never produces ("dinas" -> "nas", "pekerjaan" -> "pekerja"), so a query in another form of the
word would miss them. The FTS5 table follows through its update trigger; PostgreSQL's index is on the
columns themselves.
"""

from typing import Any

from django.db import migrations


def reindex(apps: Any, schema_editor: Any) -> None:
    # The live code on purpose: the point is to store exactly what catalog_index stores today.
    from sopap.web.authoring.editor import data_from_text
    from sopap.web.catalog.services import searchable_text
    from sopap.web.catalog.stemmer import index_terms

    entries = apps.get_model("catalog", "CatalogEntry").objects.using(schema_editor.connection.alias)
    # Only revisions in force: a row kept for the address of one replaced or withdrawn holds no terms.
    in_force = entries.filter(revision__status="berlaku").select_related("revision")
    for entry in in_force.iterator(chunk_size=200):
        nama, body = searchable_text(data_from_text(entry.revision.yaml_text))
        # update() rather than save(): the entry's content and updated_at stay as they were.
        entries.filter(pk=entry.pk).update(nama_terms=index_terms(nama), body_terms=index_terms(body))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_fulltext")]
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]
