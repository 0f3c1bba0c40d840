"""A missing page and a refused one look like the app, speak Indonesian and offer the way back."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_page_and_a_refused_one_are_styled_indonesian_and_lead_back(browser, live_server, world):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = session(browser, live_server, "drafter", width=1366)
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/tidak-ada/")
        expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible(
            timeout=STATE_TIMEOUT_MS
        )
        expect(page.locator("body")).not_to_contain_text("Not Found")
        expect(page.locator("header.top, .top").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.goto(f"{live_server.url}/akun/organisasi/{world.pd.pk}/pengaturan/")
        expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible(timeout=STATE_TIMEOUT_MS)
        expect(page.get_by_role("alert")).to_contain_text("Hanya admin organisasi")
        expect(page.locator("body")).not_to_contain_text("Forbidden")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Ke daftar SOP").click()
    expect(page.get_by_role("heading", name="SOP saya")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    page.context.close()
