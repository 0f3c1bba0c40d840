"""The admin uploads the Pemda's logo and sees it; a visitor opens a decreed SOP's verification page and
checks the official PDF there, on a wide screen and a phone's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sopap.web.authoring import cache
from tests.core.test_logo import _image
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SOPAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 375])
def test_the_admin_uploads_the_pemda_logo_and_sees_it(browser, live_server, world, width):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = session(browser, live_server, "admin", width=width)
    page.goto(f"{live_server.url}/akun/organisasi/")
    expect(page.get_by_role("note").first).to_contain_text("Logo belum diunggah")
    page.get_by_role("link", name="Unggah logo").first.click()
    page.wait_for_url("**/akun/organisasi/*/logo/")
    page.locator("#logo-pemda").set_input_files(
        {"name": "lambang.png", "mimeType": "image/png", "buffer": _image("PNG", (160, 190))}
    )
    page.locator("#logo-pemda").locator("xpath=ancestor::form").get_by_role("button", name="Unggah").click()
    expect(page.get_by_text("Logo tersimpan.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    image = page.get_by_role("img", name="Logo Pemerintah Kota Serang")
    expect(image).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 160
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"logo-organisasi-{width}")
    page.context.close()


@pytest.mark.parametrize("width", [1366, 375])
def test_a_visitor_checks_the_official_pdf_on_the_verification_page(
    browser, live_server, world, make_sop, to_state, tmp_path, width
):
    expect = pytest.importorskip("playwright.sync_api").expect
    sop = to_state(make_sop(), "berlaku")
    official = cache.rendered_bytes(sop, "pdf", lang="id")
    (tmp_path / "sop.pdf").write_bytes(official)
    page = session(browser, live_server, None, width=width)
    page.goto(f"{live_server.url}/verifikasi/{sop.official.code}/")
    expect(page.get_by_role("heading", name="Verifikasi dokumen SOP")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Berlaku")
    page.get_by_label("Periksa berkas PDF yang Anda pegang").set_input_files(str(tmp_path / "sop.pdf"))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Cocok", timeout=STATE_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"verifikasi-{width}")
    page.context.close()
