"""Deleting a step can be undone: "Urungkan" puts it back in its place, with the decisions that led to it."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)
from tests.web.browser.test_step_editor import values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deleted_step_comes_back_with_urungkan(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()  # 5 steps; step 3 decides: ya -> 4, tidak -> 2
    page = session(browser, live_server, "drafter")
    page.goto(f"{live_server.url}/sop/revisi/{sop.pk}/ubah/")
    before = values(page, "kegiatan")
    rows = page.locator("#steps > li.step")
    rows.nth(1).get_by_role("button", name="Hapus").click()
    notice = page.get_by_role("status").filter(has_text="Langkah 2 dihapus.")
    notice.wait_for(timeout=STATE_TIMEOUT_MS)
    assert rows.count() == 4
    assert values(page, "tidak")[1] == "" and values(page, "ya")[1] == "3"

    notice.get_by_role("button", name="Urungkan").click()
    assert rows.count() == 5
    assert values(page, "kegiatan") == before
    assert (values(page, "ya")[2], values(page, "tidak")[2]) == ("4", "2")
    assert [page.locator("#steps .n").nth(i).inner_text() for i in range(5)] == ["1", "2", "3", "4", "5"]
    assert notice.count() == 0
    page.context.close()
