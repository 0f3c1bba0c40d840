"""The editor keeps what is typed: leaving with changes not saved asks first (a link of the app and the
browser's own leave-page check), drafts save themselves a few seconds after typing stops, and an autosave
that finds a newer version stops and shows the usual conflict with the typed text kept."""

from __future__ import annotations

import re

import pytest

from sopap.web.authoring.models import Revision
from sopap.web.authoring.services import revision_update
from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)
from tests.web.conftest import SOP_DATA, fresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _editor(browser, live_server, sop):  # type: ignore[no-untyped-def]  # noqa: F811
    page = session(browser, live_server, "drafter")
    page.goto(f"{live_server.url}/sop/revisi/{sop.pk}/ubah/")
    return page


def test_leaving_the_editor_with_unsaved_changes_asks_first(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()
    page = _editor(browser, live_server, sop)
    # Long enough that no autosave happens during this test: it is about the warning itself.
    page.locator("#editor").evaluate("form => { form.dataset.autosaveDelay = '3600000'; }")
    page.locator("#f-nama").click()
    page.keyboard.press("End")
    page.keyboard.type(" belum disimpan")
    asked: list[str] = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        asked.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="Kembali ke SOP").click()
    assert asked and asked[0].startswith("confirm: Perubahan pada draf ini belum tersimpan")
    # Staying keeps the page and the text.
    assert re.search(r"/ubah/$", page.url)
    assert page.locator("#f-nama").input_value().endswith("belum disimpan")
    # Closing the tab (or typing another address) is asked by the browser's own leave-page dialog.
    with page.expect_event("dialog", timeout=STATE_TIMEOUT_MS):
        page.close(run_before_unload=True)
    assert any(a.startswith("beforeunload") for a in asked)
    assert Revision.objects.get(pk=sop.pk).nama == SOP_DATA["nama"]


def test_a_draft_saves_itself_after_typing_stops(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()
    page = _editor(browser, live_server, sop)
    page.locator("#f-nama").fill("Mekanisme Penyusunan SPJ Triwulan")
    state = page.locator("[data-autosave-state]")
    state.filter(has_text=re.compile(r"Tersimpan otomatis \d\d:\d\d")).wait_for(timeout=STATE_TIMEOUT_MS)
    stored = Revision.objects.get(pk=sop.pk)
    assert stored.nama == "Mekanisme Penyusunan SPJ Triwulan"
    assert page.locator("input[name=versi]").input_value() == str(stored.version)
    # Saved: leaving now asks nothing.
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("link", name="Kembali ke SOP").click()
    page.wait_for_url(re.compile(rf"/sop/{sop.document_id}/$"))
    assert asked == []
    page.context.close()


def test_an_autosave_over_a_newer_version_stops_and_shows_the_conflict(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()
    page = _editor(browser, live_server, sop)
    revision_update(
        sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Versi rekan"}, loaded_version=1
    )
    page.locator("#f-nama").fill("Ketikan saya")
    page.locator("#perubahan-lain").wait_for(timeout=STATE_TIMEOUT_MS)
    assert "sudah diubah oleh Drafter2" in page.locator(".messages").inner_text()
    assert page.locator("#f-nama").input_value() == "Ketikan saya"
    assert page.locator("#editor").get_attribute("data-autosave") == "off"
    assert Revision.objects.get(pk=sop.pk).nama == "Versi rekan"
    page.context.close()


def test_what_is_typed_before_the_page_has_loaded_gets_its_preview_and_autosave(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
):
    sop = make_sop()
    page = session(browser, live_server, "drafter")
    # htmx is held back until the text is typed: the page is there, its scripts are not yet.
    held: list = []
    page.route(re.compile(r"/htmx\.min\.js"), lambda route: held.append(route))
    page.goto(f"{live_server.url}/sop/revisi/{sop.pk}/ubah/", wait_until="commit")
    page.locator("#f-nama").fill("Diketik sebelum halaman siap")
    for _ in range(10_000):  # round trips to the page until the held script's route has reached us
        if held:
            break
        page.evaluate("document.readyState")
    assert len(held) == 1
    assert page.evaluate("document.readyState") == "loading"
    with page.expect_response(re.compile(rf"/sop/revisi/{sop.pk}/pratinjau/$"), timeout=STATE_TIMEOUT_MS):
        held[0].continue_()
    state = page.locator("[data-autosave-state]")
    state.filter(has_text=re.compile(r"Tersimpan otomatis \d\d:\d\d")).wait_for(timeout=STATE_TIMEOUT_MS)
    assert Revision.objects.get(pk=sop.pk).nama == "Diketik sebelum halaman siap"
    page.context.close()
