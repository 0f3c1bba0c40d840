"""SOPs that should be one: the Bagian Organisasi sees the SOPs in force that follow one flow, as families
with what differs; a PD's own roles do not."""

from __future__ import annotations

import pytest
import yaml
from django.urls import reverse

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def _data(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / "serang" / name).read_text(encoding="utf-8"))


@pytest.fixture
def in_force(make_sop, to_state):  # type: ignore[no-untyped-def]
    names = ["33-penyusunan-renja.sop.yaml", "34-penyusunan-lkjip.sop.yaml", "32-penyusunan-spj.sop.yaml"]
    return {name[:2]: to_state(make_sop(data=_data(name)), "berlaku") for name in names}


def test_the_sekda_sees_renja_and_lkjip_as_one_family_without_the_spj(login, world, in_force):
    page = login(world.sekda).get(reverse("catalog:families"))
    assert page.status_code == 200
    families = page.context["families"]
    assert [{row.revision.pk for row, _differences in family} for family in families] == [
        {in_force["33"].pk, in_force["34"].pk}
    ]
    html = page.content.decode()
    assert "Mekanisme Penyusunan RENJA" in html and "Mekanisme Penyusunan SPJ" not in html
    assert "Tentang:" in html


def test_the_admin_organisasi_and_the_auditor_see_it_too(login, world, in_force):
    assert login(world.admin).get(reverse("catalog:families")).status_code == 200
    assert login(world.auditor).get(reverse("catalog:families")).status_code == 200


def test_a_head_of_one_pd_is_told_whom_the_page_is_for(login, world, in_force):
    page = login(world.head).get(reverse("catalog:families"))
    assert page.status_code == 403
    assert "hanya untuk Bagian Organisasi" in page.content.decode()


def test_the_catalog_front_page_links_to_it_only_for_those_who_may_see_it(login, world, in_force):
    link = reverse("catalog:families")
    assert link in login(world.sekda).get(reverse("catalog:index")).content.decode()
    assert link not in login(world.drafter).get(reverse("catalog:index")).content.decode()


def test_the_words_a_step_has_and_the_first_sop_lacks_are_marked():
    from sopap.web.catalog.highlight import mark_words

    marked = mark_words("Menggandakan dan menyampaikanPK OPD ke <Setda>", ("pk", "setda"))
    assert marked == "Menggandakan dan <mark>menyampaikanPK</mark> OPD ke &lt;<mark>Setda</mark>&gt;"
