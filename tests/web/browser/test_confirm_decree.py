"""Tetapkan asks first with a summary, keeps the typed decree number when going back, and the identity panel
then shows the decree; the first decree of a new year is number 1 again."""

from __future__ import annotations

import datetime as dt

import pytest

from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, open_sop, session
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tetapkan_shows_the_summary_keeps_the_decree_number_and_restarts_the_count_each_year(
    browser, live_server, world, make_sop, to_state
):
    expect = pytest.importorskip("playwright.sync_api").expect
    last_year = to_state(make_sop(data={**SOP_DATA, "nama": "SOP lama"}), "disahkan")
    wf.sop_decree(
        sop=last_year,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/1/2019",
        keputusan_tanggal=dt.date(2019, 4, 30),
        nomor="12.01.44.2019",
    )
    sop = to_state(make_sop(data={**SOP_DATA, "nama": "SOP baru tahun ini"}), "disahkan")
    year = dt.date.today().year
    page = session(browser, live_server, "admin", width=1366)
    open_sop(page, live_server, "SOP baru tahun ini")
    page.get_by_label("Nomor keputusan penetapan").fill(f"188.45/77-Huk/{year}")
    page.get_by_role("button", name="Periksa lalu tetapkan").click()
    summary = page.locator("section.confirm")
    expect(page.get_by_role("heading", name="Periksa sebelum mencatat penetapan")).to_be_visible(
        timeout=STATE_TIMEOUT_MS
    )
    expect(summary).to_contain_text(f"12.01.01.{year}")  # urut 1 again in a new year
    expect(summary).to_contain_text(f"188.45/77-Huk/{year}")
    expect(summary).to_contain_text("Tanggal berlaku")
    expect(summary).to_contain_text(str(year))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.get_by_role("button", name="Kembali, ubah nomor atau tanggal keputusan").click()
    expect(page.get_by_label("Nomor keputusan penetapan")).to_have_value(
        f"188.45/77-Huk/{year}", timeout=STATE_TIMEOUT_MS
    )
    page.get_by_role("button", name="Periksa lalu tetapkan").click()
    page.get_by_role("button", name="Ya, catat penetapan").click()
    expect(page.get_by_text("Penetapan tercatat.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    expect(page.locator("dl.facts").first).to_contain_text(f"Nomor 188.45/77-Huk/{year}")
    expect(page.locator("dl.facts").first).to_contain_text(f"12.01.01.{year}")
    sop.document.refresh_from_db()
    assert sop.document.nomor == f"12.01.01.{year}"
    page.context.close()
