"""A user opens "Akun saya" from the header, gives their e-mail address and NIP (a mistyped NIP is refused
beside its field), and turns the daily digest off. Screenshots go to $SOPAP_SCREENSHOTS when set."""

from __future__ import annotations

import re

import pytest

from sopap.web.organisations.models import Profile
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, Shots, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_gives_their_email_and_nip_and_turns_the_digest_off(browser, live_server, world):  # noqa: F811
    expect = pytest.importorskip("playwright.sync_api").expect
    shots = Shots()
    page = session(browser, live_server, "drafter", width=1366)
    page.goto(f"{live_server.url}/tugas/")
    page.get_by_role("link", name="Akun saya").click()
    page.wait_for_url(re.compile(r"/akun/saya/$"))
    expect(page.get_by_text("belum punya alamat surel")).to_be_visible()
    page.get_by_label("Surel", exact=True).fill("drafter@serangkota.go.id")
    page.get_by_label("NIP", exact=True).fill("19851301 201001 1 001")
    page.get_by_role("button", name="Simpan surel dan NIP").click()
    beside = page.locator("p", has=page.locator("#id_kontak-nip")).get_by_role("alert")
    expect(beside).to_contain_text("bukan tanggal lahir", timeout=STATE_TIMEOUT_MS)
    page.get_by_label("NIP", exact=True).fill("19850101 201001 1 001")
    page.get_by_role("button", name="Simpan surel dan NIP").click()
    expect(page.get_by_role("status")).to_contain_text("Surel dan NIP tersimpan", timeout=STATE_TIMEOUT_MS)
    expect(page.get_by_label("NIP", exact=True)).to_have_value("198501012010011001")
    expect(page.get_by_text("belum punya alamat surel")).to_have_count(0)
    shots(page, "akun-saya")
    page.get_by_label("Kirimi saya ringkasan harian lewat surel").uncheck()
    page.get_by_role("button", name="Simpan pilihan").click()
    expect(page.get_by_role("status")).to_contain_text("Pilihan ringkasan harian tersimpan")
    expect(page.get_by_label("Kirimi saya ringkasan harian lewat surel")).not_to_be_checked()
    assert not Profile.objects.get(user=world.drafter).ringkasan_harian
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()

    # The admin organisasi sees and edits the same on the account's page.
    admin = session(browser, live_server, "admin", width=1366)
    admin.goto(f"{live_server.url}/akun/pengguna/{world.drafter.pk}/")
    expect(admin.get_by_label("NIP", exact=True)).to_have_value("198501012010011001")
    expect(admin.get_by_label("Surel", exact=True)).to_have_value("drafter@serangkota.go.id")
    expect(admin.get_by_text("Surel atau NIP diubah")).to_be_visible()
    shots(admin, "akun-pengguna")
    admin.context.close()
