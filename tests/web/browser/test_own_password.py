"""A user changes their own password: a wrong current one is refused beside its field, then the new one
works at the next login."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_changes_their_password_and_logs_in_with_the_new_one(browser, live_server, world):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = session(browser, live_server, "verifier1", width=1366)
    page.goto(f"{live_server.url}/akun/kata-sandi/")
    old, new1, new2 = (page.locator(f"#id_{n}") for n in ("old_password", "new_password1", "new_password2"))
    old.fill("salah-sekali")
    new1.fill("Kopi-Tubruk-2026")
    new2.fill("Kopi-Tubruk-2026")
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    beside = page.locator("p", has=page.locator("#id_old_password")).get_by_role("alert")
    expect(beside).to_be_visible(timeout=STATE_TIMEOUT_MS)
    expect(beside).not_to_be_empty()
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1366, "height": 900})

    page.locator("#id_old_password").fill("pw-verifier1-123")
    page.locator("#id_new_password1").fill("Kopi-Tubruk-2026")
    page.locator("#id_new_password2").fill("Kopi-Tubruk-2026")
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(page.get_by_role("status")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    page.context.close()

    page = session(browser, live_server, None, width=1366)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("verifier1")
    page.get_by_label("Kata sandi").fill("Kopi-Tubruk-2026")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/tugas/$"))
    expect(page.locator("body")).to_contain_text("Keluar (verifier1)", timeout=STATE_TIMEOUT_MS)
    page.context.close()
