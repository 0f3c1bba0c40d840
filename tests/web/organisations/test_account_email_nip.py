"""Accounts have an e-mail address and a NIP: the admin organisasi sets them on the account's page (and
when creating it), the user on their own account page ("Akun saya"), where they also turn the daily digest
on or off. A NIP is 18 digits whose first eight are a date of birth, and no two accounts hold the same."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sopap.web.organisations.models import AccountEvent, Profile, Role
from sopap.web.organisations.services import account_contact_update
from sopap.web.shared.errors import FieldErrors, PermissionDenied
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db
User = get_user_model()
NIP = "198501012010011001"
OWN = reverse("organisations:own_account")


def _contact(client, url, email, nip):  # type: ignore[no-untyped-def]
    return client.post(url, {"action": "contact", "kontak-email": email, "kontak-nip": nip})


def test_the_admin_sets_the_email_and_nip_on_the_account_page_and_it_is_logged(login, world):
    url = reverse("organisations:account", args=[world.drafter.pk])
    client = login(world.admin)
    assert 'name="kontak-nip"' in client.get(url).content.decode()
    response = _contact(client, url, "siti@serangkota.go.id", "19850101 201001 1 001")
    assert response.status_code == 302
    drafter = fresh(world.drafter)
    assert drafter.email == "siti@serangkota.go.id" and Profile.objects.get(user=drafter).nip == NIP
    event = AccountEvent.objects.get(user=drafter, action="account.contact_changed")
    assert event.actor == world.admin and NIP in event.detail
    page = client.get(url).content.decode()
    assert f'value="{NIP}"' in page and 'value="siti@serangkota.go.id"' in page


@pytest.mark.parametrize(
    ("nip", "says"),
    [
        ("19850101201001100", "NIP terdiri atas 18 angka"),
        ("1985O101201001100I", "NIP terdiri atas 18 angka"),
        ("198513012010011001", "bukan tanggal lahir"),
    ],
)
def test_a_nip_that_is_not_18_digits_with_a_date_of_birth_is_refused_beside_its_field(
    login, world, nip, says
):
    url = reverse("organisations:account", args=[world.drafter.pk])
    response = _contact(login(world.admin), url, "", nip)
    assert response.status_code == 200 and says in response.content.decode()
    assert not Profile.objects.filter(user=world.drafter).exists()


def test_an_invalid_email_is_refused(login, world):
    url = reverse("organisations:account", args=[world.drafter.pk])
    response = _contact(login(world.admin), url, "siti@", "")
    assert "Alamat surel tidak sah" in response.content.decode()
    assert fresh(world.drafter).email == ""


def test_two_accounts_cannot_hold_the_same_nip(world):
    account_contact_update(actor=world.admin, user=world.drafter, email="", nip=NIP)
    with pytest.raises(FieldErrors) as refused:
        account_contact_update(actor=world.admin, user=world.drafter2, email="", nip=NIP)
    assert "nip" in refused.value.errors
    # Saving one's own NIP again is no clash with itself.
    account_contact_update(actor=world.admin, user=world.drafter, email="a@serangkota.go.id", nip=NIP)


def test_nobody_but_the_owner_and_their_admin_sets_them(world):
    with pytest.raises(PermissionDenied):
        account_contact_update(actor=world.drafter2, user=world.drafter, email="x@serangkota.go.id", nip="")


def test_the_admin_creates_an_account_with_its_email_and_nip(login, world):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {
            "username": "siti",
            "full_name": "Siti Rahma",
            "email": "siti@serangkota.go.id",
            "nip": NIP,
            "password": "Serang-2026-kuat",
            "role": Role.PENYUSUN,
            "tempat": f"pd:{world.pd.pk}",
            "unit": world.unit.pk,
            "jabatan": "",
        },
    )
    siti = User.objects.get(username="siti")
    assert response.status_code == 302
    assert siti.email == "siti@serangkota.go.id" and siti.profile.nip == NIP


def test_a_new_account_with_a_bad_nip_is_refused_with_every_problem_at_once(login, world):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {"username": "siti", "full_name": "Siti", "email": "siti", "nip": "123", "password": "x"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "NIP terdiri atas 18 angka" in html and "Alamat surel" in html
    assert not User.objects.filter(username="siti").exists()


def test_a_user_sets_their_own_email_and_nip_and_turns_the_digest_off(login, world):
    client = login(world.drafter)
    page = client.get(OWN).content.decode()
    assert "Ringkasan harian" in page and 'name="ringkasan-ringkasan_harian"' in page and "checked" in page
    assert _contact(client, OWN, "drafter@serangkota.go.id", NIP).status_code == 302
    response = client.post(OWN, {"action": "digest", "ringkasan-bahasa": "en"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.drafter)
    assert (profile.nip, profile.ringkasan_harian, profile.bahasa) == (NIP, False, "en")
    actions = set(AccountEvent.objects.filter(user=world.drafter).values_list("action", "actor"))
    assert actions == {
        ("account.contact_changed", world.drafter.pk),
        ("account.digest_off", world.drafter.pk),
    }
    client.post(OWN, {"action": "digest", "ringkasan-ringkasan_harian": "on", "ringkasan-bahasa": "id"})
    assert Profile.objects.get(user=world.drafter).ringkasan_harian


def test_the_own_account_page_says_the_digest_needs_an_address(login, world):
    page = login(world.verifier1).get(OWN).content.decode()
    assert "belum punya alamat surel" in page
    assert reverse("organisations:password_change") in page and reverse("organisations:api_tokens") in page
