"""The import journey in a browser: a drafter uploads a Word book of three SOPs from "SOP saya", waits for
the worker to read it, reviews the first SOP beside its report and original page, corrects its name,
accepts the three, and finds the three drafts in "SOP saya"."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sopap.web.importing import preview
from sopap.web.importing.models import FoundSop
from tests.web.browser.test_journey import Shots, browser, session  # noqa: F401  (fixture)
from tests.web.browser.test_layout import NO_SIDEWAYS_SCROLL
from tests.web.tasks import run_queued

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "importers"))

from corpus import Options, build_docx, serang_sops

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTED = "Mekanisme Pengajuan SPP dan SPM (UP, GU, TU, LS)"


def test_a_word_book_is_uploaded_reviewed_corrected_and_accepted_as_drafts(
    browser,  # noqa: F811  (the fixture)
    live_server,
    world,
):
    shots = Shots()
    sops = serang_sops()[:3]
    book = build_docx(sops, Options(shapes="cell"), buku=True)
    page = session(browser, live_server, "drafter", width=1366)
    page.get_by_role("link", name="Impor SOP dari Word, Excel atau PDF").click()
    page.wait_for_url(re.compile(r"/sop/impor/$"))
    shots(page, "impor-unggah")
    page.locator("#id_berkas").set_input_files(
        files=[
            {
                "name": "Buku SOP Sekretariat.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": book,
            }
        ]
    )
    page.get_by_role("button", name="Unggah dan baca").click()
    page.wait_for_url(re.compile(r"/sop/impor/\d+/$"))
    page.get_by_text("Sedang membaca berkas").wait_for()

    # The worker reads the book; the page, polling, shows what it found.
    run_queued()
    page.get_by_text("Selesai dibaca: 3 SOP ditemukan.").wait_for()
    shots(page, "impor-hasil")

    page.get_by_role("link", name=sops[0].nama).click()
    page.wait_for_url(re.compile(r"/sop/impor/temuan/\d+/$"))
    page.get_by_role("heading", name="Laporan pembacaan").wait_for()
    assert page.locator(".ours .flowchart svg").count() >= 1
    assert page.get_by_text("pelaksana dari: posisi bentuk bagan alir pada kolom pelaksana").count() >= 1
    if preview.available(FoundSop.objects.order_by("index").first().file):
        # The original page: the book converted by LibreOffice and drawn by PyMuPDF, in the background.
        page.wait_for_function("() => document.querySelector('img.page-image').naturalWidth > 0")
    page.locator("#id-nama").fill(CORRECTED)
    shots(page, "impor-tinjau")
    page.get_by_role("button", name="Terima sebagai draf").click()

    # Accepting leads to the next SOP of the book, which is accepted as it was read, and the third too.
    for sop in sops[1:]:
        page.get_by_role("heading", name=sop.nama).wait_for()
        page.get_by_role("button", name="Terima sebagai draf").click()
    page.get_by_text("Selesai dibaca: 3 SOP ditemukan.").wait_for()
    assert page.locator(".found-diterima").count() == 3

    page.get_by_role("link", name="SOP saya").first.click()
    page.wait_for_url(re.compile(r"/sop/"))
    for name in (CORRECTED, sops[1].nama, sops[2].nama):
        page.get_by_role("link", name=name).wait_for()
    shots(page, "sop-saya-hasil-impor")
    assert sorted(f.revision.nama for f in FoundSop.objects.select_related("revision")) == sorted(
        [CORRECTED, sops[1].nama, sops[2].nama]
    )

    # The same pages read on a phone without sideways scrolling.
    page.set_viewport_size({"width": 375, "height": 800})
    found = FoundSop.objects.order_by("index").first()
    for path, name in (
        ("/sop/impor/", "impor-unggah-375"),
        (f"/sop/impor/{found.batch_id}/", "impor-hasil-375"),
        (f"/sop/impor/temuan/{found.pk}/", "impor-tinjau-375"),
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        shots(page, name)
    page.context.close()
