"""Every browser test fails when a page it opened had something refused by the Content-Security-Policy.

A test file that does not import test_journey's module-wide ``browser`` shares this one, started once for
the whole run: starting chromium is a good part of a short test's time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _no_csp_violation() -> Iterator[None]:
    from tests.web.browser.test_journey import CSP_VIOLATIONS

    CSP_VIOLATIONS.clear()
    yield
    assert CSP_VIOLATIONS == [], "the Content-Security-Policy refused: " + "; ".join(CSP_VIOLATIONS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from tests.web.browser.test_journey import ARGS, CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    with playwright_api.sync_playwright() as p:
        shared = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield shared
        shared.close()
