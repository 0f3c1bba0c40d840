from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.catalog.models import CatalogEntry
from sopap.web.catalog.selectors import catalog_search
from sopap.web.catalog.stemmer import index_terms, stem
from sopap.web.workflow import services as wf
from tests.web.conftest import EXAMPLES, fresh


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("penyusunan", "susun"),
        ("menyusun", "susun"),
        ("disusun", "susun"),
        ("pelaporan", "lapor"),
        ("melaporkan", "lapor"),
        ("pengajuan", "aju"),
        ("diajukan", "aju"),
        ("perencanaan", "rencana"),
        ("menulis", "tulis"),
        ("memeriksa", "periksa"),
        ("renja", "renja"),
        ("SPJ", "spj"),
    ],
)
def test_the_indonesian_stemmer_finds_the_root(word, root):
    assert stem(word) == root


def test_the_index_holds_words_and_their_stems():
    assert index_terms("Menyusun draft RENJA") == "menyusun susun draft renja"


@pytest.fixture
def examples(world, make_sop, to_state):
    """Three example SOPs: RENJA and SPJ in force, LKJIP still a draft."""
    from sopap.core.sopfile import parse_text

    def load(name):
        return dict(parse_text((EXAMPLES / "serang" / name).read_text(encoding="utf-8")).data)

    renja = to_state(make_sop(data=load("33-penyusunan-renja.sop.yaml")), "berlaku")
    spj = to_state(make_sop(data=load("32-penyusunan-spj.sop.yaml")), "berlaku")
    draft = make_sop(data=load("34-penyusunan-lkjip.sop.yaml"))
    return {"renja": renja, "spj": spj, "draft": draft}


def names(results):
    return [e.nama for e in results]


@pytest.mark.django_db
def test_renja_finds_renja_whatever_the_case(examples):
    assert names(catalog_search(q="renja"))[0] == "Mekanisme Penyusunan RENJA"
    assert names(catalog_search(q="RENJA")) == names(catalog_search(q="Renja"))


@pytest.mark.django_db
def test_penyusunan_finds_menyusun_through_the_stemmer(examples):
    # RENJA's name says "Penyusunan"; its steps say "Menyusun draft RENJA bidang".
    assert "Mekanisme Penyusunan RENJA" in names(catalog_search(q="menyusun draft"))
    assert "Mekanisme Penyusunan RENJA" in names(catalog_search(q="penyusunan"))


@pytest.mark.django_db
def test_search_covers_steps_actors_and_legal_basis(examples):
    assert "Mekanisme Penyusunan RENJA" in names(catalog_search(q="BAPPEDA"))  # a step
    assert "Mekanisme Penyusunan SPJ" in names(catalog_search(q="bendahara"))  # an actor
    assert "Mekanisme Penyusunan RENJA" in names(catalog_search(q="Peraturan Walikota"))  # dasar hukum
    assert names(catalog_search(q="renj")) == ["Mekanisme Penyusunan RENJA"]  # a word being typed
    assert catalog_search(q="kapal selam") == []


@pytest.mark.django_db
def test_drafts_never_leak_into_the_catalog(client, examples):
    assert "LKJIP" not in " ".join(names(catalog_search(q="lkjip")))
    assert "LKJIP" not in client.get(reverse("catalog:index")).content.decode()
    assert "LKJIP" not in client.get(reverse("catalog:index"), {"q": "lkjip"}).content.decode()
    assert not CatalogEntry.objects.filter(revision=examples["draft"]).exists()


@pytest.mark.django_db
def test_a_withdrawn_sop_leaves_the_search_but_its_address_says_it_was_withdrawn(client, world, examples):
    entry = examples["renja"].catalog_entry
    wf.sop_withdraw(sop=examples["renja"], actor=fresh(world.admin), notes="Diganti peraturan baru")
    assert catalog_search(q="renja") == []
    assert "RENJA" not in client.get(reverse("catalog:index")).content.decode()
    page = client.get(reverse("catalog:detail", args=[entry.pk]), follow=True).content.decode()
    assert "Dicabut pada" in page and "Diganti peraturan baru" in page


@pytest.mark.django_db
def test_a_new_revision_replaces_the_old_one_in_the_catalog_only_once_in_force(world, examples, to_state):
    old = examples["renja"]
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    assert names(catalog_search(q="renja")) == ["Mekanisme Penyusunan RENJA"]
    to_state(new, "berlaku")
    results = catalog_search(q="renja")
    assert len(results) == 1 and results[0].revision_id == new.pk


@pytest.mark.django_db
def test_the_catalog_page_lists_by_pd_and_unit_and_shows_an_sop_with_its_flowchart(client, examples):
    page = client.get(reverse("catalog:index")).content.decode()
    assert "Dinas Komunikasi dan Informatika Kota Serang" in page and "Sub Bagian Keuangan" in page
    entry = examples["renja"].catalog_entry
    detail = client.get(reverse("catalog:sop", args=[entry.document_id])).content.decode()
    assert "Mekanisme Penyusunan RENJA" in detail and "<svg" in detail and "/unduh/pdf/" in detail


@pytest.mark.django_db
def test_an_anonymous_visitor_downloads_the_pdf(client, examples):
    entry = examples["spj"].catalog_entry
    response = client.get(reverse("catalog:sop_download", args=[entry.document_id, "pdf"]))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


@pytest.mark.django_db
def test_search_filters_by_pd(world, examples):
    assert catalog_search(q="renja", pd=world.other_pd) == []
    assert len(catalog_search(q="renja", pd=world.pd)) == 1
