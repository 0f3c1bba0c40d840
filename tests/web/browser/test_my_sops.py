"""'SOP saya' lists only the drafter's own SOPs, the whole PD one click away; a new SOP starts in their unit."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session
from tests.web.conftest import SOP_DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sop_saya_lists_the_drafters_own_and_the_new_form_starts_in_their_unit(
    browser, live_server, world, make_sop
):
    expect = pytest.importorskip("playwright.sync_api").expect
    make_sop(author=world.drafter, data={**SOP_DATA, "nama": "SOP milik saya"})
    make_sop(author=world.drafter2, data={**SOP_DATA, "nama": "SOP milik rekan"})
    page = session(browser, live_server, "drafter", width=1366)
    expect(page.get_by_role("link", name="SOP milik saya")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    expect(page.get_by_role("link", name="SOP milik rekan")).to_have_count(0)
    page.get_by_role("link", name="Semua SOP perangkat daerah").click()
    expect(page.get_by_role("link", name="SOP milik rekan")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    page.get_by_role("link", name="Buat SOP baru").click()
    expect(page.locator("#id_unit")).to_have_value(str(world.unit.pk), timeout=STATE_TIMEOUT_MS)
    page.context.close()
