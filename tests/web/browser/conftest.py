"""Every browser test fails when a page it opened had something refused by the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_csp_violation() -> Iterator[None]:
    from tests.web.browser.test_journey import CSP_VIOLATIONS

    CSP_VIOLATIONS.clear()
    yield
    assert CSP_VIOLATIONS == [], "the Content-Security-Policy refused: " + "; ".join(CSP_VIOLATIONS)
