"""The SOP list comes in pages, so that a Pemda-wide role's list of thousands of SOPs stays one quick page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.workflow import views
from tests.web.conftest import SOP_DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sops(make_sop, monkeypatch):
    monkeypatch.setattr(views, "LIST_PAGE_SIZE", 2)
    return [make_sop(data={**SOP_DATA, "nama": f"Mekanisme Uji {n}"}) for n in (1, 2, 3)]


def _names(page) -> list[str]:
    return [row["nama"] for row in page.context["rows"]]


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


def test_the_pages_say_which_page_of_how_many_and_the_second_holds_the_rest(login, world, three_sops):
    client = login(world.verifier1)
    first = client.get(reverse("workflow:sop_list"))
    second = client.get(reverse("workflow:sop_list"), {"halaman": "2"})
    assert (
        "Halaman 1 dari 2" in first.content.decode()
        and "SOP ke-1 sampai ke-2 dari 3" in first.content.decode()
    )
    html = second.content.decode()
    assert "Halaman 2 dari 2" in html and "SOP ke-3 sampai ke-3 dari 3" in html
    assert sorted(_names(first) + _names(second)) == ["Mekanisme Uji 1", "Mekanisme Uji 2", "Mekanisme Uji 3"]
    assert second.context["page"].total == 3 and second.context["page"].pages == 2


def test_a_page_past_the_last_shows_the_last(login, world, three_sops):
    page = login(world.verifier1).get(reverse("workflow:sop_list"), {"halaman": "7"})
    assert page.context["page"].number == 2 and len(_names(page)) == 1
    assert "Halaman 2 dari 2" in page.content.decode()


def test_a_search_and_a_status_filter_hold_across_pages(login, world, make_sop, monkeypatch):
    monkeypatch.setattr(views, "LIST_PAGE_SIZE", 2)
    for n in (1, 2, 3):
        make_sop(data={**SOP_DATA, "nama": f"Mekanisme Uji {n}"})
    make_sop(data={**SOP_DATA, "nama": "Lain Sendiri"})
    client = login(world.verifier1)
    first = client.get(reverse("workflow:sop_list"), {"q": "uji", "status": "draf"})
    assert "Halaman 1 dari 2" in first.content.decode()
    assert 'href="?q=uji&amp;status=draf&amp;halaman=2" rel="next"' in first.content.decode()
    second = client.get(reverse("workflow:sop_list"), {"q": "uji", "status": "draf", "halaman": "2"})
    html = second.content.decode()
    assert "SOP ke-3 sampai ke-3 dari 3" in html
    assert 'href="?q=uji&amp;status=draf&amp;halaman=1" rel="prev"' in html
    assert sorted(_names(first) + _names(second)) == ["Mekanisme Uji 1", "Mekanisme Uji 2", "Mekanisme Uji 3"]


def test_a_drafters_own_list_comes_in_pages_of_fifty(login, world, make_sop):
    for n in range(51):
        make_sop(data={**SOP_DATA, "nama": f"Mekanisme Uji {n}"})
    client = login(world.drafter)
    first = client.get(reverse("workflow:sop_list"))
    second = client.get(reverse("workflow:sop_list"), {"halaman": "2"})
    assert len(_names(first)) == 50 and len(_names(second)) == 1
    assert "SOP ke-51 sampai ke-51 dari 51" in second.content.decode()
    assert set(_names(second)).isdisjoint(_names(first))
