"""At 375 px: the SOP page without sideways scrolling, one card per step, the number on one line; the editor's
save bar never covering the last step's lint; labelled monitoring cards; the report printing with its kop."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.browser.test_journey import STATE_TIMEOUT_MS, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# The number of lines a text takes: one client rectangle per line box.
LINES = (
    "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
)
# What a row's cells show, the label that CSS puts before each value included (inner_text leaves it out).
SHOWN = """el => [...el.querySelectorAll('td')].filter(td => getComputedStyle(td).display !== 'none').map(td => {
  const before = getComputedStyle(td, '::before').content;
  return (before.startsWith('"') ? JSON.parse(before) : '') + td.innerText;
}).join('\\n')"""


def test_the_catalog_page_of_an_sop_reads_on_a_phone_without_sideways_scrolling(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
):
    revision = to_state(make_sop(), "berlaku")
    page = session(browser, live_server, None, width=PHONE)
    page.goto(f"{live_server.url}/katalog/")
    page.get_by_role("link", name="Mekanisme Penyusunan SPJ").first.click()
    page.get_by_role("heading", name="Uraian prosedur").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # One card per step: the header row is gone, each step a block as wide as the screen at most.
    assert not page.locator("table.steps-table thead").is_visible()
    cards = page.locator("table.steps-table tbody tr")
    assert cards.count() == 5
    for i in range(5):
        card = cards.nth(i)
        card.scroll_into_view_if_needed()
        assert card.is_visible()
        assert card.evaluate("el => getComputedStyle(el).display") == "block"
        box = card.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    shown = cards.nth(0).evaluate(SHOWN)
    assert shown.startswith("Langkah 1\n")
    assert "\nPelaksana: PPTK\n" in shown and "\nOutput: SPJ dikirim" in shown
    assert "Keterangan" not in shown  # an empty value is left out, not shown with its label alone

    # The SOP number is one word on one line.
    number = page.locator("dd.nomor")
    assert number.inner_text() == revision.nomor
    assert number.evaluate(LINES) == 1
    page.context.close()


def test_the_sop_page_of_the_workflow_has_no_sideways_scrolling_either(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
):
    revision = to_state(make_sop(), "berlaku")
    page = session(browser, live_server, "drafter", width=PHONE)
    page.goto(f"{live_server.url}{reverse('workflow:sop_detail', args=[revision.document_id])}")
    page.get_by_role("heading", name="Uraian prosedur").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert (
        page.locator("table.steps-table tbody tr").first.evaluate("el => getComputedStyle(el).display")
        == "block"
    )
    assert page.locator("dd.nomor").evaluate(LINES) == 1
    page.context.close()


def test_the_save_bar_leaves_the_last_step_s_lint_text_in_sight(browser, live_server, world, make_sop):  # noqa: F811
    sop = make_sop()
    page = session(browser, live_server, "drafter", width=PHONE)
    page.goto(f"{live_server.url}{reverse('authoring:edit', args=[sop.pk])}")
    last = page.locator("#steps > li.step").last
    # Emptying the activity of the last step brings a lint message under it, while its output has the focus.
    last.locator("[name=kegiatan]").fill("")
    last.locator("[name=output]").click()
    last.locator(".step-lint li").first.wait_for()
    page.wait_for_function(
        """() => {
          const lint = [...document.querySelectorAll('#steps > li.step')].pop().querySelector('.step-lint');
          const bar = document.querySelector('.savebar').getBoundingClientRect();
          const box = lint.getBoundingClientRect();
          return lint.textContent.trim() !== '' && box.top >= 0 && box.bottom <= bar.top;
        }""",
        timeout=STATE_TIMEOUT_MS,
    )
    field = last.locator("[name=output]").bounding_box()
    assert field is not None and field["y"] >= 0  # the field typed in is still on screen
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.context.close()


def test_the_monitoring_cards_label_every_value_and_the_status_label_sits_on_its_select(
    browser,  # noqa: F811
    live_server,
    world,
    make_sop,
    to_state,
):
    to_state(make_sop(), "berlaku")
    page = session(browser, live_server, "head", width=PHONE)
    page.goto(f"{live_server.url}{reverse('monitoring:index')}")
    card = page.locator("table.monitoring tbody tr").first
    text = card.evaluate(SHOWN)
    assert "№" not in text
    assert "Monitoring pada periode ini: Belum dipantau" in text
    assert re.search(r"Evaluasi \d{4}: (Isi evaluasi|Belum dievaluasi)", text)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.goto(f"{live_server.url}{reverse('workflow:sop_list')}")
    label = page.locator("label[for=f-status]").bounding_box()
    select = page.get_by_label("Status", exact=True).bounding_box()
    assert label is not None and select is not None
    # Right above it, at its left edge: not at the end of the row of the search field.
    assert abs(label["x"] - select["x"]) < 2
    assert 0 <= select["y"] - (label["y"] + label["height"]) < 12
    page.context.close()


def test_the_printed_report_keeps_the_kop_and_the_signature_and_drops_the_menu(browser, live_server, world):  # noqa: F811
    page = session(browser, live_server, "head", width=PHONE)
    page.goto(f"{live_server.url}{reverse('monitoring:report')}")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.emulate_media(media="print")
    assert page.locator(".kop").is_visible()
    assert "DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG" in page.locator(".kop").inner_text()
    signature = page.locator(".ttd")
    assert signature.is_visible() and world.pd.kepala_nama in signature.inner_text()
    assert not page.locator("header.top").is_visible()
    assert not page.get_by_role("button", name="Cetak").is_visible()
    page.context.close()


def test_the_help_reads_on_a_phone(browser, live_server, world):  # noqa: F811
    page = session(browser, live_server, None, width=PHONE)
    page.goto(f"{live_server.url}/katalog/")
    page.get_by_role("link", name="Bantuan").click()
    page.get_by_role("link", name="Penyusun").click()
    page.get_by_role("heading", name="Panduan Penyusun").wait_for()
    assert "Perwali Serang 50/2017 Pasal 9 ayat (1)" in page.locator("main").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.context.close()
