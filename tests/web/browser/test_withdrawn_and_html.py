"""A withdrawn SOP's catalog address says when and why it was withdrawn instead of a 404; an SOP in force
offers its HTML file, which opens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_withdrawn_sop_says_dicabut_pada_and_one_in_force_offers_its_html(
    browser, live_server, world, make_sop, to_state
):
    expect = pytest.importorskip("playwright.sync_api").expect
    kept = to_state(make_sop(data={**SOP_DATA, "nama": "SOP yang tetap berlaku"}), "berlaku")
    gone = to_state(make_sop(data={**SOP_DATA, "nama": "SOP yang dicabut"}), "berlaku")
    page = session(browser, live_server, None, width=1366)
    page.goto(f"{live_server.url}/katalog/sop/{gone.document_id}/")
    address = page.url
    wf.sop_withdraw(sop=gone, actor=fresh(world.admin), notes="Diganti Peraturan Wali Kota baru")
    response = page.goto(address)
    assert response is not None and response.status == 200
    note = page.get_by_role("note")
    expect(note).to_contain_text("Dicabut pada", timeout=STATE_TIMEOUT_MS)
    expect(note).to_contain_text("Diganti Peraturan Wali Kota baru")
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(f"{live_server.url}/katalog/sop/{kept.document_id}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh HTML").click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert re.search(r"<html", html, re.IGNORECASE) and "SOP yang tetap berlaku" in html
    opened = page.context.new_page()
    opened.set_content(html)
    expect(opened.get_by_text("SOP yang tetap berlaku").first).to_be_visible(timeout=STATE_TIMEOUT_MS)
    page.context.close()
