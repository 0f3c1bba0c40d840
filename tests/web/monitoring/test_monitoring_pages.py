"""The monitoring page stays quick for a role that spans a whole Pemda: past a few hundred SOPs in force it
lists the Perangkat Daerah with counts from the database, each PD's SOPs are a click away, and long lists
come in pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.monitoring import views
from sopap.web.shared import paging
from tests.web.conftest import SOP_DATA

pytestmark = pytest.mark.django_db
PERIOD = {"tahun": 2025, "semester": 1}


@pytest.fixture
def two_in_force(make_sop, to_state):  # type: ignore[no-untyped-def]
    return [
        to_state(make_sop(data={**SOP_DATA, "nama": f"Mekanisme Uji Pantau {n}"}), "berlaku").document
        for n in (1, 2)
    ]


def test_past_the_limit_a_pemda_wide_role_sees_each_pd_with_its_counts_instead_of_every_row(
    login, world, two_in_force, monkeypatch
):
    monkeypatch.setattr(views, "ALL_ROWS_LIMIT", 1)
    page = login(world.sekda).get(reverse("monitoring:index"), PERIOD)
    html = page.content.decode()
    counts = {c.pd.nama: (c.in_force, c.monitored) for c in page.context["counts"]}
    assert counts == {world.pd.nama: (2, 0), world.other_pd.nama: (0, 0)}
    assert "Mekanisme Uji Pantau" not in html
    assert f"pd={world.pd.pk}" in html


def test_choosing_a_pd_shows_its_sops_and_the_way_back_to_all(login, world, two_in_force, monkeypatch):
    monkeypatch.setattr(views, "ALL_ROWS_LIMIT", 1)
    html = login(world.sekda).get(reverse("monitoring:index"), {**PERIOD, "pd": world.pd.pk}).content.decode()
    assert "Mekanisme Uji Pantau 1" in html and "Mekanisme Uji Pantau 2" in html
    assert "Semua perangkat daerah" in html
    assert f'name="pd" value="{world.pd.pk}"' in html  # choosing another period keeps the PD


def test_under_the_limit_every_sop_is_on_the_page_as_before(login, world, two_in_force):
    page = login(world.sekda).get(reverse("monitoring:index"), PERIOD)
    assert "counts" not in page.context
    assert page.context["rows_total"] == 2


def test_a_long_list_comes_in_pages_and_the_counts_are_of_the_whole_list(
    login, world, two_in_force, monkeypatch
):
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    client = login(world.verifier1)
    first = client.get(reverse("monitoring:index"), PERIOD)
    second = client.get(reverse("monitoring:index"), {**PERIOD, "halaman": 2})
    assert len(first.context["page"].items) == len(second.context["page"].items) == 1
    assert first.context["page"].items[0].document != second.context["page"].items[0].document
    assert first.context["unmonitored"] == 2
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()


def test_a_pd_the_user_may_not_read_is_not_shown_when_asked_for(login, world, two_in_force):
    page = login(world.other_drafter).get(reverse("monitoring:index"), {**PERIOD, "pd": world.pd.pk})
    assert page.context["pd"] is None
    assert "Mekanisme Uji Pantau" not in page.content.decode()
