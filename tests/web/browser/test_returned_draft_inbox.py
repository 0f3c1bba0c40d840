"""A drafter whose draft came back sees it waiting for them, with who returned it and how many notes."""

from __future__ import annotations

import re

import pytest

from sopap.web.workflow import services as wf
from tests.web.browser.test_journey import browser, session  # noqa: F401  (fixture)
from tests.web.conftest import fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_returned_draft_waits_in_the_drafters_inbox(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(
        sop=sop, actor=fresh(world.verifier1), notes="Lengkapi dasar hukum", step_notes={2: "Terlalu lama"}
    )
    page = session(browser, live_server, "drafter")
    inbox = page.get_by_role("region", name="Menunggu tindakan Anda")
    item = inbox.get_by_role("listitem").filter(has_text="Mekanisme Penyusunan SPJ")
    assert "Dikembalikan" in item.inner_text()
    assert re.search(r"oleh Verifier1, .*2 catatan", item.inner_text())
    item.get_by_role("link", name="Mekanisme Penyusunan SPJ").click()
    page.wait_for_url(re.compile(rf"/sop/{sop.document_id}/$"))
    assert "Lengkapi dasar hukum" in page.get_by_role("note").first.inner_text()
    page.context.close()
