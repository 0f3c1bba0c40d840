"""Abbreviations and their expansions from a list the admin keeps: a search for either finds the other."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from sopap.core.sopfile import parse_text
from sopap.web.catalog.models import Sinonim
from sopap.web.catalog.selectors import catalog_search
from sopap.web.catalog.services import synonym_create, synonym_delete, synonym_update
from sopap.web.shared.errors import DomainError, PermissionDenied, StaleVersion
from tests.web.conftest import EXAMPLES, fresh

pytestmark = pytest.mark.django_db

SEEDS = importlib.import_module("sopap.web.catalog.migrations.0005_trigram_index_and_seeds").SEEDS


def load(name):
    return dict(parse_text((EXAMPLES / "serang" / name).read_text(encoding="utf-8")).data)


@pytest.fixture
def catalog(world, make_sop, to_state):
    """RENJA and RENSTRA in force, the list of abbreviations as the migration left it."""
    # A browser test before may have emptied the tables: the list is put back as the migration made it.
    for istilah, padanan in SEEDS:
        Sinonim.objects.get_or_create(istilah=istilah, defaults={"padanan": padanan})
    to_state(make_sop(data=load("33-penyusunan-renja.sop.yaml")), "berlaku")
    to_state(make_sop(data=load("40-penyusunan-renstra.sop.yaml")), "berlaku")


def names(q):
    return [e.nama for e in catalog_search(q=q)]


def test_rencana_kerja_finds_renja(catalog):
    assert names("rencana kerja") == ["Mekanisme Penyusunan RENJA"]
    assert names("penyusunan rencana kerja") == ["Mekanisme Penyusunan RENJA"]


def test_rencana_strategis_finds_renstra(catalog):
    assert "rencana strategis" not in load("40-penyusunan-renstra.sop.yaml")["nama"].lower()
    assert "Mekanisme Penyusunan RENSTRA" in names("Rencana Strategis")


def test_an_abbreviation_finds_an_sop_that_writes_it_out(world, make_sop, to_state, catalog):
    data = load("32-penyusunan-spj.sop.yaml")
    data["nama"] = "Penyusunan Surat Pertanggungjawaban Belanja"
    to_state(make_sop(data=data), "berlaku")
    assert "Penyusunan Surat Pertanggungjawaban Belanja" in names("SPJ")


def test_words_around_the_abbreviation_still_have_to_match(catalog):
    assert names("rencana kerja kapal") == []


def test_the_migration_seeds_the_common_abbreviations():
    seeds = dict(SEEDS)
    assert seeds["RENJA"] == "rencana kerja" and seeds["LKjIP"] == "laporan kinerja instansi pemerintah"
    assert {"SPJ", "SKM", "SAKIP", "RKA", "DPA", "SPT", "SPPD", "LHKPN"} <= set(seeds)


def test_an_admin_adds_an_abbreviation_and_the_search_uses_it_at_once(world, catalog):
    assert names("rencana pembangunan tahunan") == []
    synonym_create(actor=fresh(world.admin), istilah="Renja tahunan", padanan="rencana pembangunan tahunan")
    assert names("rencana pembangunan tahunan") == ["Mekanisme Penyusunan RENJA"]


def test_only_an_admin_changes_the_list(world, catalog):
    with pytest.raises(PermissionDenied):
        synonym_create(actor=fresh(world.drafter), istilah="BKD", padanan="badan kepegawaian daerah")
    assert not Sinonim.objects.filter(istilah="BKD").exists()


def test_a_duplicate_or_an_empty_entry_is_refused_with_the_reason(world, catalog):
    with pytest.raises(DomainError, match="sudah ada"):
        synonym_create(actor=fresh(world.admin), istilah="renja", padanan="rencana kerja tahunan")
    with pytest.raises(DomainError, match="kepanjangan"):
        synonym_create(actor=fresh(world.admin), istilah="BKD", padanan="  ")


def test_a_change_made_meanwhile_is_not_overwritten(world, catalog):
    item = Sinonim.objects.get(istilah="RENJA")
    loaded = item.versi
    synonym_update(
        sinonim=item,
        actor=fresh(world.admin),
        istilah="RENJA",
        padanan="rencana kerja",
        loaded_version=loaded,
    )
    with pytest.raises(StaleVersion):
        synonym_update(
            sinonim=item,
            actor=fresh(world.admin),
            istilah="RENJA",
            padanan="renja lama",
            loaded_version=loaded,
        )
    with pytest.raises(StaleVersion):
        synonym_delete(sinonim=item, actor=fresh(world.admin), loaded_version=loaded)
    assert Sinonim.objects.get(istilah="RENJA").padanan == "rencana kerja"


def test_a_deleted_abbreviation_no_longer_expands(world, catalog):
    item = Sinonim.objects.get(istilah="RENJA")
    synonym_delete(sinonim=item, actor=fresh(world.admin), loaded_version=item.versi)
    assert names("rencana kerja") == []


def test_the_admin_keeps_the_list_on_a_page_of_the_app(world, catalog, login):
    client = login(world.admin)
    page = client.get(reverse("catalog:synonyms")).content.decode()
    assert "RENJA" in page and "rencana kerja" in page
    response = client.post(
        reverse("catalog:synonyms"),
        {"istilah": "BPKAD", "padanan": "badan pengelolaan keuangan dan aset daerah"},
    )
    assert response.status_code == 302
    item = Sinonim.objects.get(istilah="BPKAD")
    edit = reverse("catalog:synonym", args=[item.pk])
    assert f'href="{edit}"' in client.get(reverse("catalog:synonyms")).content.decode()
    client.post(
        edit, {"istilah": "BPKAD", "padanan": "badan pengelola keuangan dan aset daerah", "versi": item.versi}
    )
    assert Sinonim.objects.get(pk=item.pk).padanan == "badan pengelola keuangan dan aset daerah"


def test_a_refused_entry_keeps_what_the_admin_typed(world, catalog, login):
    client = login(world.admin)
    page = client.post(reverse("catalog:synonyms"), {"istilah": "RENJA", "padanan": "rencana kerja tahunan"})
    text = page.content.decode()
    assert (
        page.status_code == 200
        and "sudah ada dalam daftar" in text
        and 'value="rencana kerja tahunan"' in text
    )


def test_a_stale_edit_on_the_page_says_what_changed_and_keeps_the_text(world, catalog, login):
    client = login(world.admin)
    item = Sinonim.objects.get(istilah="RENSTRA")
    synonym_update(
        sinonim=item,
        actor=fresh(world.admin),
        istilah="RENSTRA",
        padanan="rencana strategis perangkat daerah",
        loaded_version=item.versi,
    )
    page = client.post(
        reverse("catalog:synonym", args=[item.pk]),
        {"istilah": "RENSTRA", "padanan": "renstra ketikan saya", "versi": item.versi},
    ).content.decode()
    assert "sudah diubah orang lain" in page and "rencana strategis perangkat daerah" in page
    assert 'value="renstra ketikan saya"' in page


def test_the_page_is_for_admins_only(world, login):
    assert login(world.drafter).get(reverse("catalog:synonyms")).status_code == 403


def test_the_catalog_shows_admins_the_way_to_the_list(world, login, client):
    assert reverse("catalog:synonyms") not in client.get(reverse("catalog:index")).content.decode()
    assert reverse("catalog:synonyms") in login(world.admin).get(reverse("catalog:index")).content.decode()


def test_the_results_page_says_which_abbreviation_it_used(client, catalog):
    page = client.get(reverse("catalog:index"), {"q": "rencana kerja"}).content.decode()
    assert "Dicari juga dengan singkatan atau kepanjangannya: RENJA = rencana kerja" in page
    assert "<mark>RENJA</mark>" in page
