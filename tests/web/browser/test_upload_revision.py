"""Uploading the file of an SOP in force proposes its next revision; choosing it opens the Kaji ulang draft
with the file's content, in the same SOP (no second, unrelated SOP)."""

from __future__ import annotations

import re

import pytest

from sopap.web.authoring.models import Revision, SopDocument
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)
from tests.web.conftest import SOP_DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_file_of_an_sop_in_force_becomes_its_next_revision(
    browser,  # noqa: F811  (the fixture)
    live_server,
    world,
    make_sop,
    to_state,
):
    sop = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Penyusunan RENJA"}), "berlaku")
    text = sop.yaml_text.replace("PP Nomor 58 Tahun 2005", "PP Nomor 12 Tahun 2019")
    page = session(browser, live_server, "drafter")
    page.goto(f"{live_server.url}/sop/baru/")
    page.locator("#id_unggah-berkas").set_input_files(
        files=[{"name": "renja.sop.yaml", "mimeType": "application/x-yaml", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Unggah sebagai draf").click()
    match = page.get_by_role("region", name="Berkas ini tampaknya SOP yang sudah ada")
    match.wait_for(timeout=STATE_TIMEOUT_MS)
    assert "Mekanisme Penyusunan RENJA" in match.inner_text() and "Nomornya sama" in match.inner_text()
    match.get_by_role("button", name="Buka revisi baru dari berkas ini").click()
    page.wait_for_url(re.compile(r"/revisi/\d+/ubah/$"))
    draft = Revision.objects.get(document=sop.document, number=2)
    assert "PP Nomor 12 Tahun 2019" in draft.yaml_text
    assert SopDocument.objects.count() == 1
    assert "revisi 2" in page.locator(".messages").inner_text()
    page.context.close()
