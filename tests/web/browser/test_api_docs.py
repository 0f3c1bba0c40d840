"""/api/docs in a real browser: Swagger UI from the application's own static files lists the operations,
and the Content-Security-Policy refuses nothing of it (the autouse fixture fails the test otherwise)."""

from __future__ import annotations

import pytest

from tests.web.browser.test_journey import browser, session  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_list_every_operation_under_the_csp(browser, live_server):  # noqa: F811
    page = session(browser, live_server, None)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{live_server.url}/api/docs")
    page.locator(".opblock-summary-path", has_text="/api/katalog/cari").first.wait_for()
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/katalog/sop", "/api/sop", "/api/revisi/{revision_id}/{action}"} <= {
        p.strip() for p in paths
    }
    assert all(url.startswith(live_server.url) for url in requested), "nothing from outside the site"
    page.context.close()
