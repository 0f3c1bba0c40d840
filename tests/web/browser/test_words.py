"""An SOP's page speaks Indonesian words: the history says who did what and when, with no event code and no
ISO date anywhere, and lint messages carry no backticks or field codes."""

from __future__ import annotations

import re

import pytest

from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, open_sop, session
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTH = r"(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)[a-z]*"


def test_the_history_and_the_checks_of_an_sop_read_in_words(browser, live_server, world, make_sop, to_state):
    expect = pytest.importorskip("playwright.sync_api").expect
    steps = [dict(step) for step in SOP_DATA["langkah"]]
    del steps[4]["waktu"]  # a lint warning to read
    sop = to_state(make_sop(data={**SOP_DATA, "langkah": steps}), "diajukan")
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Lengkapi waktu.")
    page = session(browser, live_server, "drafter", width=1366)
    open_sop(page, live_server, SOP_DATA["nama"])
    history = page.locator("ol.history")
    expect(history).to_contain_text("Diajukan untuk verifikasi oleh Drafter", timeout=STATE_TIMEOUT_MS)
    expect(history).to_contain_text("Dikembalikan ke penyusun oleh verifikator oleh Verifier1")
    assert re.search(rf"\d{{2}} {MONTH} \d{{4}}", history.inner_text())
    expect(page.locator(".lint-warning").first).to_be_visible()
    text = page.locator("body").inner_text()
    assert not re.search(r"\b(sop|account|revision)\.[a-z_.]+", text), "an event code on the page"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "an ISO date on the page"
    lint = " ".join(page.locator(".lint-warning, .lint-error").all_inner_texts())
    assert "`" not in lint and not re.search(r"\b[a-z]+_[a-z_]+\b", lint), lint
    page.context.close()
