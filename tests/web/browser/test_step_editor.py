"""The step editor's JavaScript: drag and drop, insert and delete keep decision targets on their steps."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.test_journey import browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def values(page, name):
    return [
        page.locator("#steps > li.step").nth(i).locator(f"[name={name}]").input_value()
        for i in range(page.locator("#steps > li.step").count())
    ]


def test_steps_move_by_drag_and_decisions_follow(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()  # 5 steps; step 3 decides: ya -> 4, tidak -> 2
    page = session(browser, live_server, "drafter")
    page.goto(f"{live_server.url}/sop/revisi/{sop.pk}/ubah/")
    page.set_viewport_size({"width": 1280, "height": 2600})  # both rows on screen: no scrolling mid-drag
    rows = page.locator("#steps > li.step")
    # Drag step 5 onto step 1: it becomes the first step.
    rows.nth(4).locator(".drag").drag_to(rows.nth(0))
    assert values(page, "kegiatan")[0] == "Penggandaan dan Pengarsipan"
    decision = values(page, "kegiatan").index("Verifikasi SPJ")
    assert (values(page, "ya")[decision], values(page, "tidak")[decision]) == ("5", "3")
    assert [page.locator("#steps .n").nth(i).inner_text() for i in range(5)] == ["1", "2", "3", "4", "5"]

    # Insert after the first step: targets after it shift by one.
    rows.nth(0).get_by_role("button", name="Sisipkan").click()
    assert rows.count() == 6
    decision = values(page, "kegiatan").index("Verifikasi SPJ")
    assert (values(page, "ya")[decision], values(page, "tidak")[decision]) == ("6", "4")

    # Delete the target of `tidak`: the target is cleared, not left pointing at another step.
    target = values(page, "kegiatan").index("Penerimaan SPJ")
    rows.nth(target).get_by_role("button", name="Hapus").click()
    decision = values(page, "kegiatan").index("Verifikasi SPJ")
    assert values(page, "tidak")[decision] == ""
    # The preview notices the now-incomplete decision beside its step.
    page.locator(f"#lint-step-{decision + 1} .lint-error").wait_for()
    assert re.search(r"keputusan|tidak", page.locator(f"#lint-step-{decision + 1}").inner_text(), re.I)
    page.context.close()
