"""Uji coba in the browser (Perwali Serang 50/2017 Pasal 18 (3)-(5)): where the PD requires it, the head is
told that approval waits for the trial; a superior records it from the SOP's page, witnessed, and only then
can the head approve."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_trial_is_recorded_before_the_head_can_approve(browser, live_server, world, make_sop, to_state):  # noqa: F811
    expect = pytest.importorskip("playwright.sync_api").expect
    world.pd.uji_coba_wajib = True
    world.pd.save(update_fields=["uji_coba_wajib"])
    sop = to_state(make_sop(), "uji_coba")
    address = f"{live_server.url}/sop/{sop.document_id}/"

    head = session(browser, live_server, "head")
    head.goto(address)
    expect(head.get_by_role("note")).to_contain_text("Catat dulu uji coba", timeout=STATE_TIMEOUT_MS)
    expect(head.get_by_role("button", name="Sahkan")).to_have_count(0)

    verifier = session(browser, live_server, "verifier1")
    verifier.goto(address)
    verifier.get_by_text("Catat uji coba", exact=True).click()
    form = verifier.locator("form.action-trial_record")
    form.get_by_label("Head").check()
    form.get_by_label("Saksi lain (satu nama per baris)").fill("Kepala Bidang Aptika")
    form.get_by_role("textbox", name="Temuan").fill("Formulir tersedia; berjalan lancar")
    form.get_by_label("Lanjut ke pengesahan").check()
    form.get_by_role("button", name="Simpan uji coba").click()
    expect(verifier.get_by_role("status").first).to_contain_text("Uji coba tercatat.")
    trial = verifier.locator("section", has=verifier.get_by_role("heading", name="Uji coba"))
    expect(trial).to_contain_text("Lanjut ke pengesahan")
    expect(trial).to_contain_text("Head, Kepala Bidang Aptika")
    expect(trial).to_contain_text("Formulir tersedia; berjalan lancar")

    head.reload()
    expect(head.get_by_role("heading", name="Uji coba")).to_be_visible()
    expect(head.get_by_text("Catat dulu uji coba")).to_have_count(0)
    head.get_by_role("button", name="Sahkan").click()
    head.get_by_role("button", name="Ya, sahkan SOP ini").click()
    expect(head.get_by_text("SOP disahkan.")).to_be_visible()
    expect(head.locator("ol.history")).to_contain_text("Disahkan oleh Head")
    verifier.context.close()
    head.context.close()
