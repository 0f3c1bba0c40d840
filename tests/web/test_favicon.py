"""The site has an icon, at the address browsers ask for without reading the page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_svg_icon_the_pages_link(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
    page = client.get("/katalog/").content.decode()
    assert 'rel="icon"' in page and "favicon" in page and 'href="data:,"' not in page
