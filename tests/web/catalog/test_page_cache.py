"""The catalog's list and search pages are cached under the database's catalog generation: a page is served
from the cache until what it shows changes, and then drawn again at once (never a stale page), whichever way
the change was written. An SOP's page caches what it draws from the text under the text's hash."""

from __future__ import annotations

import re

import pytest

from sopap.web.catalog import views
from sopap.web.catalog.selectors import catalog_generation
from sopap.web.organisations.models import PerangkatDaerah
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def without_csrf(page: str) -> str:
    """A page without its CSRF token (masked anew on every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def _sop(make_sop, to_state, nama):
    return to_state(make_sop(data={**SOP_DATA, "nama": nama}), "berlaku")


def test_a_published_sop_shows_at_once_and_a_withdrawn_one_goes_at_once(
    world, make_sop, to_state, client, django_assert_num_queries
):
    first = _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    assert "Pengelolaan Arsip Dinamis" in client.get("/katalog/").content.decode()
    # Served from the cache: the one query reads the catalog's generation.
    with django_assert_num_queries(1):
        assert "Pengelolaan Arsip Dinamis" in client.get("/katalog/").content.decode()
    assert "Dinamis" in client.get("/katalog/?q=arsip").content.decode()
    with django_assert_num_queries(1):
        assert "Dinamis" in client.get("/katalog/?q=arsip").content.decode()

    _sop(make_sop, to_state, "Penerimaan Surat Masuk")
    page = client.get("/katalog/").content.decode()
    assert "Penerimaan Surat Masuk" in page and "Pengelolaan Arsip Dinamis" in page
    assert "Penerimaan" in client.get("/katalog/?q=surat").content.decode()

    wf.sop_withdraw(sop=first, actor=fresh(world.admin), notes="Digabung dengan SOP lain")
    assert "Pengelolaan Arsip Dinamis" not in client.get("/katalog/").content.decode()
    assert "Dinamis" not in client.get("/katalog/?q=arsip").content.decode()


def test_a_change_written_past_the_services_is_seen_too(world, make_sop, to_state, client):
    _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    before = catalog_generation()
    assert world.pd.nama in client.get("/katalog/").content.decode()
    # A bulk update sends no signal; the database's trigger counts it all the same.
    PerangkatDaerah.objects.filter(pk=world.pd.pk).update(nama="Dinas Arsip dan Perpustakaan")
    assert catalog_generation() != before
    assert "Dinas Arsip dan Perpustakaan" in client.get("/katalog/").content.decode()


def test_a_drafts_save_leaves_the_cached_pages_alone(world, make_sop, to_state):
    from sopap.web.authoring.services import revision_update

    _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    draft = make_sop()
    before = catalog_generation()
    revision_update(
        sop=draft,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "nama": "Draf Baru"},
        loaded_version=draft.version,
    )
    assert catalog_generation() == before


def test_the_page_language_is_part_of_the_key(make_sop, to_state, client):
    _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    assert "Katalog SOP yang berlaku" in client.get("/katalog/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Katalog SOP yang berlaku" not in client.get("/katalog/").content.decode()


def test_an_sops_page_draws_its_text_once(make_sop, to_state, client, monkeypatch):
    sop = _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    drawn = []
    original = views.rendering.flowchart_svg
    monkeypatch.setattr(
        views.rendering, "flowchart_svg", lambda *a, **k: drawn.append(1) or original(*a, **k)
    )
    url = f"/katalog/sop/{sop.document_id}/"
    first, second = client.get(url).content.decode(), client.get(url).content.decode()
    assert drawn == [1] and without_csrf(first) == without_csrf(second)
    assert 'class="flowchart"' in second and "Pengelolaan Arsip Dinamis" in second


def test_another_pds_page_reads_the_pd_chooser_from_the_cache(
    world, make_sop, to_state, in_force_in_other_pd, client, django_assert_num_queries
):
    _sop(make_sop, to_state, "Pengelolaan Arsip Dinamis")
    from sopap.web.organisations.models import Unit

    in_force_in_other_pd("Layanan Vaksin", unit=Unit.objects.get(pd=world.other_pd, nama="Sekretariat"))
    # The first page of the generation reads the PDs of the chooser: the generation, the PD asked for, the
    # PDs, its entries, their units.
    with django_assert_num_queries(5):
        client.get(f"/katalog/?pd={world.pd.pk}")
    # Another PD's page, drawn afresh, takes the chooser from the cache.
    with django_assert_num_queries(4):
        page = client.get(f"/katalog/?pd={world.other_pd.pk}").content.decode()
    assert "Layanan Vaksin" in page and "Pengelolaan Arsip Dinamis" not in page
    assert f'<option value="{world.other_pd.pk}" selected>{world.other_pd.nama}</option>' in page
    assert f'<option value="{world.pd.pk}">{world.pd.nama}</option>' in page
