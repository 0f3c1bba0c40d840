"""An account's position (jabatan) in its PD: chosen from the PD's positions or typed when the list lacks
it, on a pegawai role for officers who only carry out SOPs, and matched to an SOP's actors whatever the
case, accents, punctuation and spacing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sopap.web.organisations.models import Jabatan, Membership, Role
from sopap.web.organisations.selectors import position_holders, position_key
from sopap.web.shared.errors import FieldErrors

pytestmark = pytest.mark.django_db
STRONG = "Serang-2026-kuat"


def test_the_admin_creates_an_officer_with_a_position_typed_by_hand(login, world):
    client = login(world.admin)
    assert "Pegawai (pelaksana SOP)" in client.get(reverse("organisations:account_new")).content.decode()
    response = client.post(
        reverse("organisations:account_new"),
        {
            "username": "rina",
            "full_name": "Rina Wati",
            "password": STRONG,
            "role": Role.PEGAWAI,
            "tempat": f"pd:{world.pd.pk}",
            "unit": world.unit.pk,
            "jabatan": "",
            "jabatan_lain": "  Staf   Keuangan ",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="rina")
    assert (membership.role, membership.jabatan, membership.jabatan_lain) == (
        Role.PEGAWAI,
        None,
        "Staf Keuangan",
    )
    page = client.get(response.url).content.decode()
    assert "Jabatan: Staf Keuangan" in page


def test_an_officer_without_a_position_or_outside_a_pd_is_refused(login, world):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {
            "username": "tanpa",
            "full_name": "Tanpa Jabatan",
            "password": STRONG,
            "role": Role.PEGAWAI,
            "tempat": f"pemda:{world.pemda.pk}",
            "jabatan": "",
            "jabatan_lain": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pegawai selalu di satu perangkat daerah." in html
    assert "Pilih jabatan pegawai ini atau tuliskan jabatannya" in html
    assert not get_user_model().objects.filter(username="tanpa").exists()


def test_a_position_is_added_to_an_existing_account_as_a_role(world):
    from sopap.web.organisations.services import account_role_add
    from tests.web.conftest import fresh

    bendahara = Jabatan.objects.get(pd=world.pd, nama="Bendahara Pengeluaran")
    account_role_add(
        actor=fresh(world.admin), user=world.drafter, role=Role.PEGAWAI, pd=world.pd, jabatan=bendahara
    )
    assert position_holders(pd=world.pd, names=["bendahara pengeluaran"]) == {
        world.drafter.pk: "bendahara pengeluaran"
    }
    with pytest.raises(FieldErrors):
        account_role_add(actor=fresh(world.admin), user=world.drafter2, role=Role.PEGAWAI, pd=world.pd)


def test_positions_match_whatever_the_case_accents_punctuation_and_spacing():
    assert position_key("Kasubag  Keuangan.") == position_key("kasubag keuangan") == "kasubag keuangan"
    assert position_key("Kasubag/ PPTK") == position_key("KASUBAG PPTK")
    assert position_key("Bendahara Pengeluaran") != position_key("Bendahara Penerimaan")


def test_a_position_matches_by_its_other_names_and_not_in_another_pd_nor_when_deactivated(world):
    from tests.web.positions import officer

    kasubag = officer("kasubag", world.pd, jabatan="Kepala Sub Bagian Keuangan")
    officer("elsewhere", world.other_pd, lain="Kasubag Keuangan")
    gone = officer("gone", world.pd, lain="Kasubbag Keuangan")
    gone.is_active = False
    gone.save()
    assert position_holders(pd=world.pd, names=["KASUBBAG KEUANGAN"]) == {kasubag.pk: "KASUBBAG KEUANGAN"}
