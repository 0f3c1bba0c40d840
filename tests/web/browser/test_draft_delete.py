"""The drafter deletes a draft never submitted, after a confirmation; a submitted one offers no delete."""

from __future__ import annotations

import pytest

from sopap.web.shared.events import event_label
from sopap.web.workflow.models import Transition
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, open_sop, session
from tests.web.conftest import SOP_DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_draft_never_submitted_is_deleted_after_a_confirmation_and_a_submitted_one_cannot_be(
    browser, live_server, world, make_sop, to_state
):
    expect = pytest.importorskip("playwright.sync_api").expect
    sop = make_sop(data={**SOP_DATA, "nama": "Draf yang batal"})
    to_state(make_sop(data={**SOP_DATA, "nama": "Draf yang diajukan"}), "diajukan")
    page = session(browser, live_server, "drafter", width=1366)
    open_sop(page, live_server, "Draf yang batal")
    page.locator("summary", has_text="Hapus draf").click()
    expect(page.get_by_text("Draf ini belum pernah diajukan.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    page.get_by_role("button", name="Ya, hapus draf ini").click()
    expect(page.get_by_text("Draf dihapus.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="SOP saya")).to_be_visible()
    expect(page.get_by_role("link", name="Draf yang batal")).to_have_count(0)
    # A deleted draft shows on no page; its log entry reads in words.
    log = Transition.objects.get(revision=sop)
    assert str(event_label(log.action)) == "Draf dihapus oleh penyusunnya"

    open_sop(page, live_server, "Draf yang diajukan")
    expect(page.locator("ol.history")).to_contain_text("Diajukan untuk verifikasi", timeout=STATE_TIMEOUT_MS)
    expect(page.locator("summary", has_text="Hapus draf")).to_have_count(0)
    page.context.close()
