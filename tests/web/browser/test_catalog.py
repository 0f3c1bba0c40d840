"""The public catalog in a browser: an SOP's address survives a new revision, and the search forgives
abbreviations written out and typing mistakes. Screenshots of every catalog page at 1366 and 375 px go
to $SOPAP_SCREENSHOTS when set."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest

from sopap.core.sopfile import parse_text
from sopap.web.authoring.services import revision_update
from sopap.web.catalog.models import Sinonim
from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import Shots, browser, session  # noqa: F401  (fixture)
from tests.web.conftest import EXAMPLES, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = importlib.import_module("sopap.web.catalog.migrations.0005_trigram_index_and_seeds").SEEDS
WIDTHS = (1366, 375)


def load(name: str) -> dict:
    return dict(parse_text((EXAMPLES / "serang" / name).read_text(encoding="utf-8")).data)


@pytest.fixture
def catalog(world, make_sop, to_state):
    # A transactional test empties the tables after it: the migration's list is put back.
    for istilah, padanan in SEEDS:
        Sinonim.objects.get_or_create(istilah=istilah, defaults={"padanan": padanan})
    return {
        name: to_state(make_sop(data=load(f"{name}.sop.yaml")), "berlaku")
        for name in ("33-penyusunan-renja", "40-penyusunan-renstra", "32-penyusunan-spj")
    }


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_address_of_an_sop_survives_a_new_revision(browser, live_server, world, catalog):  # noqa: F811
    shots = Shots()
    renja = catalog["33-penyusunan-renja"]
    old_entry = renja.catalog_entry.pk
    page = session(browser, live_server, None)
    page.goto(f"{live_server.url}/katalog/")
    page.get_by_role("link", name="Mekanisme Penyusunan RENJA").click()
    page.wait_for_url(re.compile(r"/katalog/sop/\d+/$"))
    address = page.url
    # The page says its permanent address, to copy.
    assert page.locator("a.permalink").inner_text() == address

    # The PD revises the SOP; the new revision comes into force.
    draft = wf.review_open(sop=renja, actor=fresh(world.drafter))
    data = load("33-penyusunan-renja.sop.yaml")
    data["langkah"][0]["kegiatan"] = "Menyusun rancangan RENJA bersama BAPPEDA melalui aplikasi SIPD"
    revision_update(sop=draft, actor=fresh(world.drafter), data=data, loaded_version=draft.version)
    draft.refresh_from_db()
    wf.sop_submit(sop=draft, actor=fresh(world.drafter))
    wf.verification_approve(sop=draft, actor=fresh(world.verifier1))
    wf.verification_approve(sop=draft, actor=fresh(world.verifier2))
    wf.sop_approve(sop=draft, actor=fresh(world.head))
    wf.sop_decree(
        sop=draft,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/40/2026",
        keputusan_tanggal=dt.date(2026, 3, 2),
    )

    # The bookmark shows the new revision and lists the old one.
    page.goto(address)
    page.locator("section", has_text="Uraian prosedur").get_by_text("melalui aplikasi SIPD").first.wait_for()
    history = page.locator("section.revisions")
    assert "tidak berlaku lagi sejak 02 Maret 2026" in history.inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page)
        shots(page, f"katalog-sop-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    history.get_by_role("link", name="Revisi 1").click()
    page.wait_for_url(re.compile(r"/revisi/1/$"))
    assert "Tidak berlaku lagi sejak 02 Maret 2026" in page.get_by_role("note").inner_text()
    assert page.get_by_text("melalui aplikasi SIPD").count() == 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page)
        shots(page, f"katalog-revisi-lama-{width}")
    page.get_by_role("link", name="Lihat SOP yang berlaku (revisi 2)").click()
    page.wait_for_url(address)

    # An address handed out per revision before there was one per SOP leads to that revision.
    page.goto(f"{live_server.url}/katalog/{old_entry}/")
    page.wait_for_url(re.compile(r"/revisi/1/$"))

    # Withdrawn: the address says when and why.
    wf.sop_withdraw(
        sop=fresh_revision(draft), actor=fresh(world.admin), notes="Diganti Peraturan Wali Kota baru"
    )
    page.goto(address)
    note = page.get_by_role("note")
    note.get_by_text("Dicabut pada").wait_for()
    assert "Diganti Peraturan Wali Kota baru" in note.inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page)
        shots(page, f"katalog-dicabut-{width}")
    page.context.close()


def fresh_revision(revision):
    revision.refresh_from_db()
    return revision


def test_the_search_finds_rencana_kerja_and_forgives_penyusnan(browser, live_server, world, catalog):  # noqa: F811
    shots = Shots()
    for width in WIDTHS:
        page = session(browser, live_server, None, width=width)
        page.goto(f"{live_server.url}/katalog/")
        shots(page, f"katalog-{width}")
        page.get_by_label("Cari SOP").fill("rencana kerja")
        page.get_by_role("button", name="Cari").click()
        page.get_by_role("link", name="Mekanisme Penyusunan RENJA").wait_for()
        shots(page, f"katalog-cari-sinonim-{width}")

        page.get_by_label("Cari SOP").fill("penyusnan")
        page.get_by_role("button", name="Cari").click()
        suggestion = page.locator(".suggest")
        suggestion.get_by_role("link", name="penyusunan").wait_for()
        assert "Maksud Anda:" in suggestion.inner_text()
        assert page.get_by_role("status").inner_text() == "3 SOP ditemukan untuk “penyusunan”."
        marked = page.locator(".results mark").all_inner_texts()
        assert marked and all(m.lower() == "penyusunan" for m in marked)
        fits(page)
        shots(page, f"katalog-maksud-anda-{width}")

        page.get_by_label("Cari SOP").fill("renstar")
        page.get_by_role("button", name="Cari").click()
        page.locator(".suggest").get_by_role("link", name="renstra").click()
        page.wait_for_url(re.compile(r"q=renstra"))
        page.get_by_role("link", name="Mekanisme Penyusunan RENSTRA").wait_for()
        assert page.locator(".suggest").count() == 0

        # Found by a step: the line of the step is shown under the name, the word marked.
        page.get_by_label("Cari SOP").fill("bendahara")
        page.get_by_role("button", name="Cari").click()
        page.locator(".results .snippet mark").first.wait_for()
        assert page.locator(".results .snippet mark").first.inner_text().lower() == "bendahara"
        fits(page)
        shots(page, f"katalog-cuplikan-{width}")
        page.context.close()


def test_the_admin_adds_an_abbreviation_the_search_then_uses(browser, live_server, world, catalog):  # noqa: F811
    shots = Shots()
    page = session(browser, live_server, "admin")
    page.goto(f"{live_server.url}/katalog/")
    page.get_by_role("link", name="Atur daftar singkatan untuk pencarian").click()
    page.get_by_label("Singkatan atau istilah").fill("ATK")
    page.get_by_label("Kepanjangan atau padanan").fill("alat tulis kantor")
    page.get_by_role("button", name="Tambahkan").click()
    page.get_by_role("status").get_by_text("ATK ditambahkan.").wait_for()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page)
        shots(page, f"katalog-singkatan-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="ATK", exact=True).click()
    page.get_by_role("heading", name="Ubah ATK").wait_for()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page)
        shots(page, f"katalog-singkatan-ubah-{width}")
    page.get_by_label("Kepanjangan atau padanan").fill("alat tulis kantor dan perlengkapan")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("status").get_by_text("ATK tersimpan.").wait_for()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/katalog/?q=alat+tulis+kantor+dan+perlengkapan")
    page.get_by_role("link", name="Mekanisme Penyusunan RENJA").wait_for()
    page.context.close()
