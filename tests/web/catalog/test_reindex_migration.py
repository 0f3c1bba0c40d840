"""Catalog migration 0003: the search terms stored by an older stemmer are rebuilt from each revision."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from sopap.web.catalog.models import CatalogEntry
from sopap.web.catalog.selectors import catalog_search
from sopap.web.catalog.stemmer import index_terms
from tests.web.conftest import SOP_DATA

reindex = importlib.import_module("sopap.web.catalog.migrations.0003_reindex_with_sastrawi").reindex


class _SchemaEditor:
    connection = connection


@pytest.mark.django_db
def test_the_migration_rebuilds_terms_an_older_stemmer_stored(make_sop, to_state):
    sop = to_state(make_sop(data=SOP_DATA), "berlaku")
    entry = sop.catalog_entry
    # What the old stemmer stored for the name, and nothing for the body: "dikirim" is not there at all.
    CatalogEntry.objects.filter(pk=entry.pk).update(
        nama_terms="mekanisme penyusunan susun spj", body_terms=""
    )
    assert catalog_search(q="dikirim") == []

    reindex(apps, _SchemaEditor())

    entry.refresh_from_db()
    assert entry.nama_terms == index_terms("Mekanisme Penyusunan SPJ")
    assert "dikirim kirim" in entry.body_terms
    assert [e.nama for e in catalog_search(q="mengirim")] == ["Mekanisme Penyusunan SPJ"]


@pytest.mark.django_db
def test_the_migration_leaves_the_entry_itself_as_it_was(make_sop, to_state):
    entry = to_state(make_sop(data=SOP_DATA), "berlaku").catalog_entry
    before = CatalogEntry.objects.values("nama", "nomor", "updated_at", "revision_id").get(pk=entry.pk)
    reindex(apps, _SchemaEditor())
    assert (
        CatalogEntry.objects.values("nama", "nomor", "updated_at", "revision_id").get(pk=entry.pk) == before
    )
