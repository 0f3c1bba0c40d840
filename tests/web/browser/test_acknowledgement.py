"""Sosialisasi in the browser: an officer whose position an SOP in force names reads it from "Tugas saya" and
confirms; the head's view of the SOP, of its unit and the semester's report then count the confirmation.
Screenshots of each page go to $SOPAP_SCREENSHOTS when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from sopap.web.monitoring.selectors import Periode
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401
from tests.web.positions import sop_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str, width: int) -> None:
    folder = os.environ.get("SOPAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"sosialisasi-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 375])
def test_an_officer_acknowledges_an_sop_and_the_heads_view_and_the_report_change(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
    width,
):
    expect = pytest.importorskip("playwright.sync_api").expect
    sop_staff(world)
    sop = to_state(make_sop(), "berlaku")
    periode = Periode.containing("semester", timezone.localdate())

    head = session(browser, live_server, "head", width=width)
    head.goto(f"{live_server.url}/sop/{sop.document_id}/")
    ack = head.locator("section.ack")
    expect(ack).to_contain_text("0 dari 3 pegawai yang diminta", timeout=STATE_TIMEOUT_MS)
    head.get_by_role("link", name="Siapa sudah dan belum").click()
    expect(head.locator(".ack-summary")).to_have_text("0 dari 3 pegawai sudah mengonfirmasi.")

    officer = session(browser, live_server, "bendahara", width=width)
    officer.goto(f"{live_server.url}/tugas/")
    tasks = officer.locator(
        "section", has=officer.get_by_role("heading", name="SOP untuk dibaca dan dikonfirmasi")
    )
    expect(tasks).to_contain_text("Bendahara Pengeluaran")
    _shot(officer, "tugas-saya", width)
    tasks.get_by_role("link", name="Mekanisme Penyusunan SPJ").click()
    officer.wait_for_url(f"**/sop/{sop.document_id}/")
    _shot(officer, "tombol", width)
    officer.get_by_role("button", name="Saya sudah membaca SOP ini").click()
    expect(officer.get_by_role("status").first).to_contain_text("Anda tercatat sudah membaca SOP ini")
    expect(officer.locator("section.ack")).to_contain_text("Anda sudah mengonfirmasi membaca revisi 1")
    expect(officer.get_by_role("button", name="Saya sudah membaca SOP ini")).to_have_count(0)
    officer.goto(f"{live_server.url}/tugas/")
    expect(officer.get_by_role("heading", name="Tugas saya")).to_be_visible()
    expect(officer.get_by_role("heading", name="SOP untuk dibaca dan dikonfirmasi")).to_have_count(0)

    head.reload()
    expect(head.locator(".ack-summary")).to_have_text("1 dari 3 pegawai sudah mengonfirmasi.")
    row = head.get_by_role("row", name="Bendahara")
    expect(row).to_contain_text("Sudah")
    _shot(head, "per-sop", width)
    head.goto(f"{live_server.url}/sosialisasi/")
    unit = head.get_by_role("row", name="Sekretariat › Sub Bagian Keuangan")
    expect(unit).to_contain_text("33%")
    _shot(head, "per-unit", width)
    head.goto(f"{live_server.url}/pemantauan/laporan/?periode={periode.key}")
    summary = head.get_by_role("row", name=world.pd.nama)
    expect(summary).to_contain_text("1 / 3")
    expect(head.get_by_role("heading", name=f"Sosialisasi: {world.pd.nama}")).to_be_visible()
    _shot(head, "laporan", width)
    officer.context.close()
    head.context.close()
