"""Under the Content-Security-Policy: the browser tests notice anything it refuses, and what used to be inline
(the period picker's submit, the print button, the indentation of units) still works from static files."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.test_journey import CSP_VIOLATIONS, browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_style_or_script_slipped_into_a_page_is_refused_and_noticed(browser, live_server):  # noqa: F811
    page = session(browser, live_server, None)
    page.goto(f"{live_server.url}/katalog/")
    with page.expect_console_message(lambda m: "CSP violation" in m.text):
        page.evaluate("""document.body.insertAdjacentHTML('beforeend',
            '<p id="slipped" style="color: rgb(255, 0, 0)">x</p><img src="x" onerror="window.ran = 1">')""")
    assert page.evaluate("getComputedStyle(document.getElementById('slipped')).color") != "rgb(255, 0, 0)"
    assert any("style-src" in v for v in CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()  # noticed, as it should be: this test is not the one that failed
    page.context.close()


def test_what_was_inline_still_works_from_static_files(browser, live_server, world, make_sop, to_state):  # noqa: F811
    to_state(make_sop(), "berlaku")
    page = session(browser, live_server, "admin")
    page.goto(f"{live_server.url}/akun/organisasi/")
    nested = page.locator("ul.tree li.depth-1").first
    assert nested.evaluate("e => getComputedStyle(e).marginLeft") == "16px"

    page.goto(f"{live_server.url}/pemantauan/laporan/")
    assert page.locator("button[data-print]").is_visible()
    picker = page.get_by_label("Periode", exact=True)
    other = picker.locator("option:not([selected])").first.get_attribute("value")
    picker.select_option(value=other)
    page.wait_for_url(re.compile(rf"periode={re.escape(other)}"))
    assert page.get_by_label("Periode", exact=True).input_value() == other
    page.context.close()
