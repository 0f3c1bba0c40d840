"""The account form shows every problem at once, each beside its field."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_position_and_a_weak_password_are_both_shown_beside_their_fields(
    browser, live_server, world
):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = session(browser, live_server, "admin", width=1366)
    page.goto(f"{live_server.url}/akun/pengguna/baru/")
    page.get_by_label("Nama pengguna").fill("rina")
    page.get_by_label("Nama lengkap").fill("Rina Kartika")
    page.get_by_label("Kata sandi awal").fill("12345678")
    page.get_by_label("Peran", exact=True).select_option(label="Verifikator")
    page.get_by_label("Perangkat daerah").select_option(label=world.pd.nama)
    page.get_by_role("button", name="Buat akun").click()
    for field in ("password", "jabatan"):
        beside = page.locator("p", has=page.locator(f"#id_{field}")).get_by_role("alert")
        expect(beside).to_be_visible(timeout=STATE_TIMEOUT_MS)
        expect(beside).not_to_be_empty()
    expect(page.get_by_label("Nama lengkap")).to_have_value("Rina Kartika")
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()
