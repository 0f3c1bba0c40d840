"""'SOP saya' lists the SOPs the drafter wrote or helped write; the whole PD's list is one click away."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.selectors import sop_list_visible_to
from sopap.web.authoring.services import revision_update
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def _names(user, **kwargs):  # type: ignore[no-untyped-def]
    return {d.head.nama for d in sop_list_visible_to(user=fresh(user), **kwargs)}


def test_mine_holds_what_the_user_created_or_edited_and_not_the_rest_of_the_pd(world, make_sop):
    make_sop(author=world.drafter, data={**SOP_DATA, "nama": "Milik Drafter"})
    other = make_sop(author=world.drafter2, data={**SOP_DATA, "nama": "Milik Drafter2"})
    make_sop(author=world.drafter2, data={**SOP_DATA, "nama": "Tidak disentuh"})
    revision_update(
        sop=other,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "nama": "Milik Drafter2, disunting Drafter"},
        loaded_version=other.version,
    )
    assert _names(world.drafter, mine=True) == {"Milik Drafter", "Milik Drafter2, disunting Drafter"}
    assert "Tidak disentuh" in _names(world.drafter)


def test_a_drafters_list_starts_with_their_own_and_offers_all_of_the_pd(world, make_sop, login):
    make_sop(author=world.drafter2, data={**SOP_DATA, "nama": "SOP rekan"})
    client = login(world.drafter)
    mine = client.get(reverse("workflow:sop_list")).content.decode()
    assert "SOP rekan" not in mine
    assert "Anda belum menyusun SOP" in mine
    assert "?lingkup=pd" in mine
    everything = client.get(reverse("workflow:sop_list") + "?lingkup=pd").content.decode()
    assert "SOP rekan" in everything


def test_a_verifier_sees_every_sop_of_the_pd_without_choosing(world, make_sop, login):
    make_sop(author=world.drafter2, data={**SOP_DATA, "nama": "SOP rekan"})
    page = login(world.verifier1).get(reverse("workflow:sop_list")).content.decode()
    assert "SOP rekan" in page and "?lingkup=pd" not in page


def test_the_menu_says_sop_saya_to_a_drafter_and_daftar_sop_to_everyone_else(login, world):
    drafter_page = login(world.drafter).get(reverse("catalog:index")).content.decode()
    assert ">SOP saya</a>" in drafter_page
    verifier_page = login(world.verifier1).get(reverse("catalog:index")).content.decode()
    assert ">Daftar SOP</a>" in verifier_page and ">SOP saya</a>" not in verifier_page
