"""The head builds the Buku SOP of their PD on its page, follows the job to its end on "Pekerjaan saya" and
downloads the book; the page reads well on a phone too. Screenshots go to $SOPAP_SCREENSHOTS when set."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.web.books import conftest as books
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, Shots, session
from tests.web.tasks import run_queued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

in_force = books.in_force  # the fixture of tests/web/books: SOPs put in force by a chosen decree


def test_the_head_builds_the_book_and_downloads_it_once_the_job_has_finished(
    browser, live_server, world, in_force
):
    expect = pytest.importorskip("playwright.sync_api").expect
    shots = Shots()
    keuangan = in_force("Penyusunan Laporan Keuangan Bulanan")
    arsip = in_force("Pengelolaan Arsip Dinamis")
    run_queued()  # the decrees' own downloads, so that only the book's job is left to follow

    page = session(browser, live_server, "head", width=1366)
    page.get_by_role("link", name="Buku SOP", exact=True).click()
    page.wait_for_url(re.compile(rf"/buku/pd/{world.pd.pk}/$"))
    expect(page.get_by_role("heading", name=re.compile("Keputusan penetapan"))).to_be_visible()
    expect(page.get_by_text("188.45/12/2025")).to_be_visible()
    shots(page, "buku-sop-1366")
    page.get_by_role("link", name="Ubah pengaturan buku").click()
    page.wait_for_url(re.compile(r"/pengaturan/$"))
    expect(page.get_by_label("Nama penanda tangan")).to_have_value(world.pd.kepala_nama)
    shots(page, "buku-sop-pengaturan")
    page.go_back()
    page.wait_for_url(re.compile(rf"/buku/pd/{world.pd.pk}/$"))

    page.get_by_role("button", name="Buat buku SOP").click()
    page.wait_for_url(re.compile(r"/pekerjaan/$"))
    expect(page.get_by_text("Buku SOP sedang dibuat di latar belakang")).to_be_visible()
    run_queued()
    # The list polls while the job is unfinished: the finished state arrives without a reload.
    row = page.locator("tr.job", has_text="Buku SOP Dinas Komunikasi")
    expect(row.locator(".job-state")).to_have_text("Selesai", timeout=STATE_TIMEOUT_MS)
    expect(row).to_contain_text("Buku siap: 2 SOP")
    shots(page, "buku-sop-pekerjaan")
    with page.expect_download() as download:
        row.get_by_role("link", name="Buka hasil").click()
    body = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(body)).pages)
    assert keuangan.nama in text and arsip.nama in text and "DAFTAR ISI" in text
    page.context.close()

    phone = session(browser, live_server, "head", width=375)
    phone.goto(f"{live_server.url}/buku/pd/{world.pd.pk}/")
    expect(phone.get_by_role("button", name="Buat buku SOP")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"
    shots(phone, "buku-sop-375")
    phone.context.close()
