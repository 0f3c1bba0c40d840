"""Catalog migration 0005 on a catalog that already has SOPs: their body text and their words are filled
in, so the lines under results and "Maksud Anda" work for them at once, and the first abbreviations
are there."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from sopap.web.catalog.models import CatalogEntry, CatalogWord, Sinonim
from sopap.web.catalog.selectors import catalog_find
from tests.web.conftest import SOP_DATA

migration = importlib.import_module("sopap.web.catalog.migrations.0005_trigram_index_and_seeds")


class _SchemaEditor:
    connection = connection


@pytest.mark.django_db
def test_the_migration_fills_body_text_words_and_abbreviations_of_rows_already_there(make_sop, to_state):
    entry = to_state(make_sop(data=SOP_DATA), "berlaku").catalog_entry
    # As the rows were before 0005: no body text, no vocabulary, no list.
    CatalogEntry.objects.filter(pk=entry.pk).update(body_text="")
    CatalogWord.objects.all().delete()
    Sinonim.objects.all().delete()
    assert catalog_find(q="bendahra").suggestion == ""

    migration.fill(apps, _SchemaEditor())

    entry.refresh_from_db()
    assert "Bendahara Pengeluaran" in entry.body_text.splitlines()
    assert catalog_find(q="bendahra").suggestion == "bendahara"
    assert Sinonim.objects.get(istilah="RENJA").padanan == "rencana kerja"
    # Twice is the same as once.
    migration.fill(apps, _SchemaEditor())
    assert Sinonim.objects.filter(istilah="RENJA").count() == 1
