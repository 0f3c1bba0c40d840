"""Sahkan asks first: the head sees what they will sign, goes back with their note kept, then confirms."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, open_sop, session  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SOPAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 375])
def test_sahkan_shows_what_will_be_signed_and_happens_only_when_confirmed(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
    width,
):
    expect = pytest.importorskip("playwright.sync_api").expect
    sop = to_state(make_sop(), "uji_coba")
    page = session(browser, live_server, "head", width=width)
    open_sop(page, live_server, sop.nama)
    page.get_by_placeholder("Catatan (opsional)").fill("Sudah sesuai Perwali.")
    page.get_by_role("button", name="Sahkan").click()

    summary = page.locator("section.confirm")
    expect(page.get_by_role("heading", name="Periksa sebelum mengesahkan")).to_be_visible(
        timeout=STATE_TIMEOUT_MS
    )
    expect(summary).to_contain_text(sop.nama)
    expect(summary).to_contain_text(f"revisi 1, versi {sop.version}")
    expect(summary).to_contain_text("Head")
    expect(summary).to_contain_text("Sudah sesuai Perwali.")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"sahkan-periksa-{width}")

    # Back to the SOP's page: nothing happened, and the note is still in its field.
    page.get_by_role("button", name="Kembali, ubah catatan").click()
    expect(page.get_by_placeholder("Catatan (opsional)")).to_have_value(
        "Sudah sesuai Perwali.", timeout=STATE_TIMEOUT_MS
    )
    expect(page.locator(".badge").first).to_contain_text("Uji coba")

    page.get_by_role("button", name="Sahkan").click()
    page.get_by_role("button", name="Ya, sahkan SOP ini").click()
    expect(page.get_by_text("SOP disahkan.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    expect(page.locator("ol.history")).to_contain_text("Disahkan oleh Head")
    _shot(page, f"sahkan-selesai-{width}")
    page.context.close()
