"""A word typed wrong: the nearest word of the index, found through a trigram index (FTS5's trigram
tokenizer on SQLite, pg_trgm on PostgreSQL), offered as "Maksud Anda", and its results shown when the
query as typed found nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from sopap.core.sopfile import parse_text
from sopap.web.catalog import selectors
from sopap.web.catalog.models import CatalogWord
from sopap.web.catalog.selectors import catalog_find
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def load(name):
    return dict(parse_text((EXAMPLES / "serang" / name).read_text(encoding="utf-8")).data)


@pytest.fixture
def catalog(make_sop, to_state):
    for name in (
        "33-penyusunan-renja.sop.yaml",
        "40-penyusunan-renstra.sop.yaml",
        "32-penyusunan-spj.sop.yaml",
    ):
        to_state(make_sop(data=load(name)), "berlaku")


def test_penyusnan_is_read_as_penyusunan(catalog):
    found = catalog_find(q="penyusnan")
    assert found.suggestion == "penyusunan" and found.corrected
    assert {e.nama for e in found.entries} == {
        "Mekanisme Penyusunan RENJA",
        "Mekanisme Penyusunan RENSTRA",
        "Mekanisme Penyusunan SPJ",
    }


def test_renstar_is_read_as_renstra(catalog):
    found = catalog_find(q="renstar")
    assert found.suggestion == "renstra"
    # RENSTRA by its name first; the RENJA mentions the RENSTRA it follows in its steps.
    assert found.entries[0].nama == "Mekanisme Penyusunan RENSTRA"


def test_only_the_wrong_word_is_corrected(catalog):
    found = catalog_find(q="penyusunan renstar")
    assert found.suggestion == "penyusunan renstra"
    assert found.entries[0].nama == "Mekanisme Penyusunan RENSTRA"
    assert "Mekanisme Penyusunan SPJ" not in [e.nama for e in found.entries]


def test_a_query_that_finds_enough_gets_no_suggestion(catalog):
    found = catalog_find(q="penyusunan")
    assert found.suggestion == "" and not found.corrected and len(found.entries) == 3


def test_a_word_like_nothing_in_the_index_gets_no_suggestion(catalog):
    found = catalog_find(q="kapal selam")
    assert found.entries == [] and found.suggestion == ""


def test_a_correction_that_finds_nothing_is_not_offered(catalog):
    # Both words exist nearly, but no SOP has both.
    assert catalog_find(q="renstar bendahari").suggestion == ""


def test_the_catalog_page_says_maksud_anda_with_a_link(client, catalog):
    page = client.get(reverse("catalog:index"), {"q": "penyusnan"}).content.decode()
    assert "Maksud Anda:" in page and 'href="?q=penyusunan"' in page
    assert "Tidak ada SOP yang cocok dengan “penyusnan”" in page
    assert "3 SOP ditemukan untuk “penyusunan”" in page


def test_the_comparison_in_python_alone_finds_the_same_words(catalog, monkeypatch):
    """What PostgreSQL without pg_trgm does: every word of about the same length, compared with difflib."""
    monkeypatch.setattr(connection, "vendor", "other")
    assert selectors._closest("penyusnan", selectors._candidates("penyusnan")) == "penyusunan"
    assert selectors._closest("renstar", selectors._candidates("renstar")) == "renstra"


def test_the_trigram_index_follows_the_vocabulary(catalog):
    if connection.vendor == "postgresql":
        assert selectors._pg_trgm(), "migration 0005 did not create pg_trgm"
    assert CatalogWord.objects.filter(word="renstra").exists()
    assert "renstra" in selectors._candidates("renstar")
    assert "penyusunan" in selectors._candidates("penyusnan")
