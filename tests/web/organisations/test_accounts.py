"""The admin organisasi keeps the accounts of their agencies in the app, without Django's admin site."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sopap.web.organisations.models import Jabatan, Membership, Role
from sopap.web.organisations.services import (
    account_create,
    account_role_add,
    account_role_remove,
    account_set_active,
    account_set_password,
    membership_create,
    user_create,
)
from sopap.web.shared.errors import DomainError, PermissionDenied
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db
User = get_user_model()
STRONG = "Serang-2026-kuat"


def test_the_admin_creates_a_drafter_who_can_then_log_in_and_draft(login, world, client):
    page = login(world.admin).get(reverse("organisations:account_new"))
    assert page.status_code == 200
    response = client.post(
        reverse("organisations:account_new"),
        {
            "username": "siti",
            "full_name": "Siti Rahma",
            "password": STRONG,
            "role": Role.PENYUSUN,
            "tempat": f"pd:{world.pd.pk}",
            "unit": world.unit.pk,
            "jabatan": "",
        },
    )
    siti = User.objects.get(username="siti")
    assert response.status_code == 302 and response.url == reverse("organisations:account", args=[siti.pk])
    membership = Membership.objects.get(user=siti)
    assert (membership.role, membership.pd, membership.unit) == (Role.PENYUSUN, world.pd, world.unit)
    client.logout()
    assert client.login(username="siti", password=STRONG)
    assert client.get(reverse("authoring:new")).status_code == 200


def test_the_account_list_shows_each_account_with_its_roles(login, world):
    page = login(world.admin).get(reverse("organisations:accounts")).content.decode()
    assert "verifier1" in page and "Kepala Sub Bagian Program, Evaluasi dan Pelaporan" in page
    found = login(world.admin).get(reverse("organisations:accounts"), {"q": "sekretaris"}).content.decode()
    assert "verifier2" in found and "verifier1" not in found


def test_a_weak_password_is_refused_with_the_reason_and_nothing_is_created(login, world):
    response = login(world.admin).post(
        reverse("organisations:account_new"),
        {
            "username": "budi",
            "full_name": "Budi",
            "password": "12345678",
            "role": Role.PENYUSUN,
            "tempat": f"pd:{world.pd.pk}",
        },
    )
    assert response.status_code == 400
    assert "Kata sandi ini terlalu umum." in response.content.decode()
    assert not User.objects.filter(username="budi").exists()


def test_a_username_is_taken_once_whatever_its_case(world):
    with pytest.raises(DomainError, match="sudah dipakai"):
        account_create(
            actor=fresh(world.admin),
            username="Drafter",
            full_name="X",
            password=STRONG,
            role=Role.PENYUSUN,
            pd=world.pd,
        )


def test_a_verifier_needs_a_position_of_their_own_pd(world):
    other = Jabatan.objects.get(pd=world.other_pd, nama="Sekretaris")
    with pytest.raises(DomainError, match="memerlukan jabatan"):
        account_create(
            actor=fresh(world.admin),
            username="v",
            full_name="V",
            password=STRONG,
            role=Role.VERIFIKATOR,
            pd=world.pd,
        )
    with pytest.raises(DomainError, match="Jabatan tidak berada"):
        account_create(
            actor=fresh(world.admin),
            username="v",
            full_name="V",
            password=STRONG,
            role=Role.VERIFIKATOR,
            pd=world.pd,
            jabatan=other,
        )
    assert not User.objects.filter(username="v").exists()


@pytest.mark.parametrize("who", ["drafter", "verifier1", "head", "sekda", "auditor"])
def test_only_the_admin_keeps_accounts(login, world, who):
    client = login(world.users[who])
    assert client.get(reverse("organisations:accounts")).status_code == 403
    assert client.get(reverse("organisations:account_new")).status_code == 403
    assert client.get(reverse("organisations:account", args=[world.drafter.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        account_create(
            actor=fresh(world.users[who]),
            username="x",
            full_name="X",
            password=STRONG,
            role=Role.PENYUSUN,
            pd=world.pd,
        )
    with pytest.raises(PermissionDenied):
        account_set_active(actor=fresh(world.users[who]), user=world.drafter2, active=False)


def test_an_admin_of_one_pd_keeps_only_that_pds_accounts(login, world):
    pd_admin = user_create(username="pd_admin", password=STRONG, full_name="Admin Diskominfo")
    membership_create(user=pd_admin, role=Role.ADMIN, pd=world.pd)
    page = login(pd_admin).get(reverse("organisations:accounts")).content.decode()
    assert "verifier1" in page and "other_drafter" not in page and "sekda" not in page
    assert (
        login(pd_admin).get(reverse("organisations:account", args=[world.other_drafter.pk])).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        account_create(
            actor=fresh(pd_admin),
            username="x",
            full_name="X",
            password=STRONG,
            role=Role.PENYUSUN,
            pd=world.other_pd,
        )
    with pytest.raises(PermissionDenied):
        account_create(
            actor=fresh(pd_admin),
            username="x",
            full_name="X",
            password=STRONG,
            role=Role.AUDITOR,
            pemda=world.pemda,
        )


def test_a_role_is_added_and_taken_away_but_never_the_last_one(login, world):
    kasubag = Jabatan.objects.get(pd=world.pd, nama="Kepala Sub Bagian Program, Evaluasi dan Pelaporan")
    added = account_role_add(
        actor=fresh(world.admin), user=world.drafter2, role=Role.VERIFIKATOR, pd=world.pd, jabatan=kasubag
    )
    with pytest.raises(DomainError, match="sudah memegang"):
        account_role_add(
            actor=fresh(world.admin), user=world.drafter2, role=Role.VERIFIKATOR, pd=world.pd, jabatan=kasubag
        )
    response = login(world.admin).post(
        reverse("organisations:account", args=[world.drafter2.pk]),
        {"action": "remove-role", "membership": added.pk},
    )
    assert response.status_code == 302
    assert list(Membership.objects.filter(user=world.drafter2).values_list("role", flat=True)) == [
        Role.PENYUSUN
    ]
    with pytest.raises(DomainError, match="peran terakhir"):
        account_role_remove(actor=fresh(world.admin), membership=Membership.objects.get(user=world.drafter2))


def test_a_deactivated_account_cannot_log_in_and_its_sops_stay(login, world, make_sop, client):
    revision = make_sop(author=world.drafter2)
    response = login(world.admin).post(
        reverse("organisations:account", args=[world.drafter2.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 302
    client.logout()
    assert not client.login(username="drafter2", password="pw-drafter2-123")
    revision.refresh_from_db()
    assert revision.document.created_by == world.drafter2


def test_the_admin_cannot_lock_themselves_out(world):
    with pytest.raises(DomainError):
        account_set_active(actor=fresh(world.admin), user=world.admin, active=False)
    with pytest.raises(DomainError):
        account_role_remove(
            actor=fresh(world.admin), membership=Membership.objects.get(user=world.admin, role=Role.ADMIN)
        )


def test_a_new_password_set_by_the_admin_replaces_the_old_one(world, client):
    account_set_password(actor=fresh(world.admin), user=world.drafter, password=STRONG)
    assert not client.login(username="drafter", password="pw-drafter-123")
    assert client.login(username="drafter", password=STRONG)
    with pytest.raises(DomainError):
        account_set_password(actor=fresh(world.admin), user=world.drafter, password="drafter")


def test_the_account_pages_speak_english_on_request(login, world):
    client = login(world.admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("organisations:accounts")).content.decode()
    assert "Add user" in page and "Active" in page
    response = client.post(
        reverse("organisations:account_new"),
        {
            "username": "drafter",
            "full_name": "X",
            "password": STRONG,
            "role": Role.PENYUSUN,
            "tempat": f"pd:{world.pd.pk}",
        },
    )
    assert "The username drafter is already taken." in response.content.decode()


def test_a_drafter_is_never_given_the_whole_pemda(world):
    with pytest.raises(DomainError, match="selalu di satu perangkat daerah"):
        account_create(
            actor=fresh(world.admin),
            username="x",
            full_name="X",
            password=STRONG,
            role=Role.PENYUSUN,
            pemda=world.pemda,
        )


def test_a_superuser_or_staff_account_is_beyond_the_admin_organisasi(login, world):
    boss = user_create(username="boss", password=STRONG, full_name="Boss")
    boss.is_superuser = boss.is_staff = True
    boss.save()
    membership_create(user=boss, role=Role.PENYUSUN, pd=world.pd, unit=world.unit)
    client = login(world.admin)
    assert client.get(reverse("organisations:account", args=[boss.pk])).status_code == 403
    assert (
        client.post(
            reverse("organisations:account", args=[boss.pk]),
            {"action": "password", "sandi-password": "Ambil-alih-2026"},
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        account_set_password(actor=fresh(world.admin), user=boss, password="Ambil-alih-2026")
    assert "boss" not in client.get(reverse("organisations:accounts")).content.decode()


def test_nobody_takes_over_a_peer_or_a_superior(world):
    peer = user_create(username="peer_admin", password=STRONG, full_name="Peer")
    membership_create(user=peer, role=Role.ADMIN, pemda=world.pemda)
    for target in (peer, world.sekda):  # same (Pemda-wide) scope as the admin: superusers only
        with pytest.raises(PermissionDenied):
            account_set_password(actor=fresh(world.admin), user=target, password="Ambil-alih-2026")
        with pytest.raises(PermissionDenied):
            account_set_active(actor=fresh(world.admin), user=target, active=False)
    pd_admin = user_create(username="pd_admin", password=STRONG, full_name="Admin Diskominfo")
    membership_create(user=pd_admin, role=Role.ADMIN, pd=world.pd)
    with pytest.raises(PermissionDenied):  # a PD's admin does not manage the PD's head
        account_set_password(actor=fresh(pd_admin), user=world.head, password="Ambil-alih-2026")
    account_set_password(actor=fresh(world.admin), user=pd_admin, password="Serang-2026-baru")  # wider scope


def test_approval_and_admin_roles_come_from_a_wider_scope_and_never_to_oneself(world):
    pd_admin = user_create(username="pd_admin", password=STRONG, full_name="Admin Diskominfo")
    membership_create(user=pd_admin, role=Role.ADMIN, pd=world.pd)
    for role in (Role.PENGESAH, Role.ADMIN):
        with pytest.raises(PermissionDenied, match="lingkup yang lebih luas"):
            account_role_add(actor=fresh(pd_admin), user=world.drafter2, role=role, pd=world.pd)
        with pytest.raises(PermissionDenied):
            account_create(
                actor=fresh(world.admin),
                username=f"x{role}",
                full_name="X",
                password=STRONG,
                role=role,
                pemda=world.pemda,
            )
    account_role_add(actor=fresh(world.admin), user=world.drafter2, role=Role.PENGESAH, pd=world.pd)
    with pytest.raises(DomainError, match="akun Anda sendiri"):
        account_role_add(actor=fresh(world.admin), user=world.admin, role=Role.PENGESAH, pd=world.pd)


def test_every_account_change_is_logged_with_who_and_a_dotted_code(login, world):
    from sopap.web.organisations.models import AccountEvent

    rina = account_create(
        actor=fresh(world.admin),
        username="rina",
        full_name="Rina",
        password=STRONG,
        role=Role.PENYUSUN,
        pd=world.pd,
        unit=world.unit,
    )
    added = account_role_add(actor=fresh(world.admin), user=rina, role=Role.AUDITOR, pemda=world.pemda)
    account_role_remove(actor=fresh(world.admin), membership=added)
    account_set_password(actor=fresh(world.admin), user=rina, password="Serang-2026-baru")
    account_set_active(actor=fresh(world.admin), user=rina, active=False)
    events = list(AccountEvent.objects.filter(user=rina).order_by("at", "id"))
    assert [e.action for e in events] == [
        "account.created",
        "account.role_added",
        "account.role_removed",
        "account.password_reset",
        "account.deactivated",
    ]
    assert {e.actor for e in events} == {world.admin}
    assert events[0].detail == f"Penyusun — {world.pd.nama}"
    page = login(world.admin).get(reverse("organisations:account", args=[rina.pk])).content.decode()
    assert "Kata sandi diatur ulang oleh <strong>Admin</strong>" in page and "account." not in page


def test_a_username_with_spaces_or_slashes_is_refused(world):
    with pytest.raises(DomainError, match="tanpa spasi"):
        account_create(
            actor=fresh(world.admin),
            username="x y/z",
            full_name="X",
            password=STRONG,
            role=Role.PENYUSUN,
            pd=world.pd,
        )


def test_a_malformed_membership_id_is_not_found_not_a_server_error(login, world):
    client = login(world.admin)
    for bad in ("abc", "", "1.5"):
        response = client.post(
            reverse("organisations:account", args=[world.drafter2.pk]),
            {"action": "remove-role", "membership": bad},
        )
        assert response.status_code == 404


def test_the_search_finds_an_agency_by_its_full_name(login, world):
    world.other_pd.singkatan = "Dinkes"
    world.other_pd.save()
    page = (
        login(world.admin).get(reverse("organisations:accounts"), {"q": "Dinas Kesehatan"}).content.decode()
    )
    assert "other_drafter" in page and 'value="Dinas Kesehatan"' in page


def test_an_admin_who_resets_their_own_password_stays_logged_in(login, world):
    client = login(world.admin)
    response = client.post(
        reverse("organisations:account", args=[world.admin.pk]),
        {"action": "password", "sandi-password": "Serang-2026-baru"},
    )
    assert response.status_code == 302
    assert client.get(reverse("organisations:accounts")).status_code == 200


def test_the_account_of_another_pd_is_refused_with_the_reason_and_a_missing_one_is_not_found(login, world):
    pd_admin = user_create(username="pd_admin2", password=STRONG, full_name="Admin Diskominfo")
    membership_create(user=pd_admin, role=Role.ADMIN, pd=world.pd)
    client = login(pd_admin)
    refused = client.get(reverse("organisations:account", args=[world.other_drafter.pk]))
    assert refused.status_code == 403
    assert "perangkat daerah yang menjadi wewenangnya" in refused.content.decode()
    assert client.get(reverse("organisations:account", args=[987654])).status_code == 404
