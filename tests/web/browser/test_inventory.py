"""An inventory entry becomes a draft with "Mulai menyusun" and, once its SOP is in force, shows as berlaku."""

from __future__ import annotations

import re

import pytest

from sopap.web.authoring.models import Revision
from sopap.web.authoring.services import revision_update
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, session
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_entry_is_added_drafted_and_shows_as_berlaku_once_in_force(browser, live_server, world, to_state):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = session(browser, live_server, "drafter", width=1366)
    page.get_by_role("link", name="Inventaris", exact=True).click()
    page.wait_for_url(re.compile(r"/inventaris/"))
    page.get_by_label("Kegiatan", exact=True).fill("Menyusun rencana kerja perangkat daerah")
    page.get_by_label("Output", exact=True).fill("Dokumen RENJA")
    page.get_by_label("Aspek").fill("Penyusunan")
    page.get_by_role("button", name="Tambahkan").click()
    expect(page.get_by_text("Kebutuhan SOP ditambahkan.")).to_be_visible(timeout=STATE_TIMEOUT_MS)
    row = page.locator("tr", has_text="Penyusunan Dokumen RENJA")
    expect(row.get_by_text("Belum disusun")).to_be_visible()

    row.get_by_role("button", name="Mulai menyusun").click()
    page.wait_for_url(re.compile(r"/ubah/$"))
    expect(page.locator("#f-nama")).to_have_value("Penyusunan Dokumen RENJA", timeout=STATE_TIMEOUT_MS)

    draft = Revision.objects.get(nama="Penyusunan Dokumen RENJA")
    page.goto(f"{live_server.url}/inventaris/")
    expect(
        page.locator("tr", has_text="Penyusunan Dokumen RENJA").get_by_text("Dalam penyusunan")
    ).to_be_visible(timeout=STATE_TIMEOUT_MS)
    draft = revision_update(
        sop=draft,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "nama": draft.nama},
        loaded_version=draft.version,
    )
    to_state(draft, "berlaku")
    page.reload()
    expect(page.locator("tr", has_text="Penyusunan Dokumen RENJA").get_by_text("Berlaku")).to_be_visible(
        timeout=STATE_TIMEOUT_MS
    )
    expect(page.get_by_text("Cakupan: 100%")).to_be_visible()
    page.context.close()
