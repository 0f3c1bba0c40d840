"""The SOP list comes in pages, so that a Pemda-wide role's list of thousands of SOPs stays one quick page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.shared import paging
from tests.web.conftest import SOP_DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sops(make_sop, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    return [make_sop(data={**SOP_DATA, "nama": f"Mekanisme Uji {n}"}) for n in (1, 2, 3)]


def _names(page) -> list[str]:
    return [d.head.nama for d in page.context["documents"]]


def test_the_first_page_holds_a_page_of_sops_and_links_to_the_next_keeping_the_filters(
    login, world, three_sops
):
    page = login(world.verifier1).get(reverse("workflow:sop_list"), {"q": "uji", "status": "draf"})
    html = page.content.decode()
    assert len(_names(page)) == 2
    assert "SOP ke-1 sampai ke-2" in html
    assert 'href="?q=uji&amp;status=draf&amp;halaman=2" rel="next"' in html
    assert 'rel="prev"' not in html


def test_the_last_page_holds_the_rest_and_links_back(login, world, three_sops):
    page = login(world.verifier1).get(reverse("workflow:sop_list"), {"halaman": "2"})
    html = page.content.decode()
    first = login(world.verifier1).get(reverse("workflow:sop_list"))
    assert len(_names(page)) == 1 and not set(_names(page)) & set(_names(first))
    assert "SOP ke-3 sampai ke-3" in html and 'rel="prev"' in html and 'rel="next"' not in html


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "99999999"])
def test_a_page_number_that_makes_no_sense_shows_the_first_page(login, world, three_sops, bad):
    page = login(world.verifier1).get(reverse("workflow:sop_list"), {"halaman": bad})
    assert page.status_code == 200 and page.context["page"].number == 1


def test_a_list_that_fits_on_one_page_shows_no_pager(login, world, make_sop):
    make_sop()
    html = login(world.verifier1).get(reverse("workflow:sop_list")).content.decode()
    assert 'class="pager"' not in html
