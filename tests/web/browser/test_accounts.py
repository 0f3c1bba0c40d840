"""The admin organisasi adds an account in the browser, by the labels a screen reader would read."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_adds_a_verifier_who_then_logs_in(browser, live_server, world):  # noqa: F811
    page = session(browser, live_server, "admin")
    page.get_by_role("link", name="Pengguna").click()
    page.get_by_role("link", name="Tambah pengguna").click()
    page.get_by_label("Nama pengguna").fill("rina")
    page.get_by_label("Nama lengkap").fill("Rina Kartika")
    page.get_by_label("Kata sandi awal").fill("Serang-2026-kuat")
    page.get_by_label("Peran", exact=True).select_option(label="Verifikator")
    page.get_by_label("Perangkat daerah").select_option(label=world.pd.nama)
    page.get_by_role("button", name="Buat akun").click()
    # A verifier without a position is refused, with the reason, and the form keeps what was typed.
    assert page.get_by_role("alert").filter(has_text="memerlukan jabatan").count() == 1
    assert page.get_by_label("Nama lengkap").input_value() == "Rina Kartika"
    page.get_by_label("Kata sandi awal").fill("Serang-2026-kuat")
    # Both agencies have a "Sekretaris": the options are grouped by agency.
    own = page.locator(f'#id_jabatan optgroup[label="{world.pd.nama}"] option', has_text="Sekretaris")
    page.get_by_label("Jabatan").select_option(own.get_attribute("value"))
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_url(re.compile(r"/akun/pengguna/\d+/$"))
    assert "Akun rina dibuat" in page.get_by_role("status").inner_text()
    page.context.close()

    context = browser.new_context(locale="id-ID")
    context.set_default_timeout(STATE_TIMEOUT_MS)
    rina = context.new_page()
    rina.goto(f"{live_server.url}/akun/masuk/")
    rina.get_by_label("Nama pengguna").fill("rina")
    rina.get_by_label("Kata sandi").fill("Serang-2026-kuat")
    rina.get_by_role("button", name="Masuk").click()
    rina.wait_for_url(re.compile(r"/tugas/$"))
    assert "Keluar (rina)" in rina.content()
    rina.context.close()
