"""The compare page names each field as the editor does and marks the changed words; with one revision it
says there is nothing to compare yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.services import revision_update
from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_compare_page_shows_labels_and_marks_the_changed_words(
    browser, live_server, world, make_sop, to_state
):
    expect = pytest.importorskip("playwright.sync_api").expect
    single = make_sop(data={**SOP_DATA, "nama": "SOP satu revisi"})
    old = to_state(make_sop(), "berlaku")
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    data = {**SOP_DATA, "langkah": [dict(step) for step in SOP_DATA["langkah"]]}
    data["langkah"][0]["waktu"] = "2 jam"
    revision_update(sop=new, actor=fresh(world.drafter), data=data, loaded_version=new.version)

    page = session(browser, live_server, "drafter", width=1366)
    page.goto(f"{live_server.url}{reverse('authoring:compare', args=[single.document_id])}")
    expect(page.get_by_text("baru memiliki satu revisi")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    assert page.locator("table.compare").count() == 0

    page.goto(f"{live_server.url}{reverse('workflow:sop_detail', args=[old.document_id])}")
    page.get_by_role("link", name="Bandingkan revisi").click()
    table = page.locator("table.compare")
    first_step = table.locator("tr", has=page.locator("th", has_text="Langkah 1"))
    expect(first_step.locator("ins")).to_have_text("2", timeout=STATE_TIMEOUT_MS)
    expect(first_step.locator("del")).to_have_text("1")
    expect(table).to_contain_text("Waktu:")
    expect(table).to_contain_text("Tanggal pembuatan")
    text = page.locator("main").inner_text()
    for key in ("kegiatan:", "waktu:", "tanggal_pembuatan", "2019-04-08"):
        assert key not in text
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()
