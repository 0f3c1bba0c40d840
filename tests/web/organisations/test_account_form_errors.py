"""The account forms say every problem at once, each beside its field: a verifier without a position no
longer hides a weak password or a name already taken."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sopap.web.organisations.models import Role

pytestmark = pytest.mark.django_db


def test_a_missing_position_a_weak_password_and_a_taken_name_are_all_shown(world, login):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {
            "username": "drafter",  # taken
            "full_name": "Orang Baru",
            "password": "12345678",  # common and numeric only
            "role": Role.VERIFIKATOR,
            "tempat": f"pd:{world.pd.pk}",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"username", "password", "jabatan"}
    assert "sudah dipakai" in " ".join(errors["username"])
    assert "jabatan" in " ".join(errors["jabatan"]).lower()
    html = response.content.decode()
    # Each beside its own field, in the page.
    for field in ("username", "password", "jabatan"):
        assert html.split(f'for="id_{field}"')[1].split("</p>")[0].count('class="err"') == 1
    assert not get_user_model().objects.filter(first_name="Orang Baru").exists()


def test_a_missing_place_still_shows_the_password_problem(world, login):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {"username": "baru", "full_name": "Baru", "password": "baru", "role": Role.PENYUSUN, "tempat": ""},
    )
    errors = response.context["form"].errors
    assert "tempat" in errors and "password" in errors


def test_a_valid_account_is_still_created(world, login):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {
            "username": "verifikator3",
            "full_name": "Verifikator Tiga",
            "password": "Kopi-Tubruk-2026",
            "role": Role.VERIFIKATOR,
            "tempat": f"pd:{world.pd.pk}",
            "jabatan": world.verifier1.memberships.first().jabatan_id,
        },
    )
    assert response.status_code == 302


def test_adding_a_verifier_role_without_a_position_says_so_beside_the_position(world, login):
    response = login(world.admin).post(
        reverse("organisations:account", args=[world.drafter2.pk]),
        {"action": "add-role", "peran-role": Role.VERIFIKATOR, "peran-tempat": f"pd:{world.pd.pk}"},
    )
    assert response.status_code == 200
    assert "jabatan" in response.context["role_form"].errors
