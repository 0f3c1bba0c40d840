"""Login throttling: five wrong passwords lock an account for a quarter of an hour, from any address; twenty
lock an address for every account; the lock is said on the login page, and the admin organisasi can lift
it from the account's page. The Django admin's login is throttled the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from sopap.web.organisations.models import AccountEvent, Role
from sopap.web.organisations.services import account_unlock, membership_create, user_create
from sopap.web.organisations.throttle import client_address
from sopap.web.shared.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
ADMIN_LOGIN = "/admin/login/"
LOCKED = "dikunci selama 15 menit"


def attempt(client, username, password, *, address="127.0.0.1", path=LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock(client, username, *, address="127.0.0.1", path=LOGIN):
    for _ in range(4):
        assert attempt(client, username, "salah", address=address, path=path).status_code == 200
    return attempt(client, username, "salah", address=address, path=path)


def test_the_fifth_wrong_password_locks_the_account_even_against_the_right_one(client, world):
    response = lock(client, "drafter")
    assert response.status_code == 429
    response = attempt(client, "drafter", "pw-drafter-123")
    assert response.status_code == 429 and not logged_in(client)
    page = response.content.decode()
    # The styled login page, saying why, with the username kept and the form ready for later.
    assert LOCKED in page and "sopap/sopap.css" in page and 'name="password"' in page
    assert 'value="drafter"' in page and "Nama pengguna atau kata sandi salah" not in page


def test_four_wrong_passwords_still_let_the_right_one_in(client, world):
    for _ in range(4):
        response = attempt(client, "drafter", "salah")
        assert (
            response.status_code == 200 and "Nama pengguna atau kata sandi salah" in response.content.decode()
        )
    assert attempt(client, "drafter", "pw-drafter-123").status_code == 302 and logged_in(client)


def test_the_account_stays_locked_from_every_other_address(client, world):
    for n in range(5):
        attempt(client, "drafter", "salah", address=f"10.0.0.{n + 1}")
    response = attempt(client, "drafter", "pw-drafter-123", address="10.0.9.9")
    assert response.status_code == 429 and not logged_in(client)
    assert attempt(client, "head", "pw-head-123", address="10.0.9.9").status_code == 302  # others are not


def test_twenty_failures_from_one_address_lock_it_for_every_account(client, world):
    for n in range(19):
        attempt(client, f"tebakan{n}", "salah", address="10.1.1.1")
    assert attempt(client, "drafter", "pw-drafter-123", address="10.1.1.1").status_code == 302
    client.logout()
    attempt(client, "tebakan19", "salah", address="10.1.1.1")
    response = attempt(client, "head", "pw-head-123", address="10.1.1.1")
    assert response.status_code == 429 and LOCKED in response.content.decode() and not logged_in(client)
    assert attempt(client, "head", "pw-head-123", address="10.1.1.2").status_code == 302


def test_the_django_admin_login_is_throttled_the_same_way(client, world):
    User = get_user_model()
    User.objects.create_superuser(username="root", password="pw-root-123")
    assert lock(client, "root", path=ADMIN_LOGIN).status_code == 429
    response = attempt(client, "root", "pw-root-123", path=ADMIN_LOGIN)
    assert response.status_code == 429 and LOCKED in response.content.decode() and not logged_in(client)


def test_the_lock_ends_after_a_quarter_of_an_hour(client, world):
    lock(client, "drafter")
    assert attempt(client, "drafter", "pw-drafter-123").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert attempt(client, "drafter", "pw-drafter-123").status_code == 302 and logged_in(client)


def test_the_admin_organisasi_unlocks_the_account_from_its_page(client, world):
    page = reverse("organisations:account", args=[world.drafter.pk])
    client.force_login(world.admin)
    assert "Buka kunci" not in client.get(page).content.decode()
    visitor = type(client)()
    lock(visitor, "drafter")
    shown = client.get(page).content.decode()
    assert "Buka kunci" in shown and "Akun ini terkunci" in shown
    response = client.post(page, {"action": "unlock"}, follow=True)
    assert "Kunci akun dibuka" in response.content.decode() and "Buka kunci" not in response.content.decode()
    event = AccountEvent.objects.get(action="account.unlocked")
    assert (event.actor, event.user) == (world.admin, world.drafter)
    assert attempt(visitor, "drafter", "pw-drafter-123").status_code == 302 and logged_in(visitor)


def test_only_an_admin_who_manages_the_account_may_unlock_it(client, world):
    other_admin = user_create(username="admin_dinkes", password="pw-admin_dinkes-123")
    membership_create(user=other_admin, role=Role.ADMIN, pd=world.other_pd)
    lock(client, "drafter")
    with pytest.raises(PermissionDenied):
        account_unlock(actor=other_admin, account=world.drafter)
    with pytest.raises(PermissionDenied):
        account_unlock(actor=world.drafter2, account=world.drafter)
    assert attempt(client, "drafter", "pw-drafter-123").status_code == 429
    assert not AccountEvent.objects.filter(action="account.unlocked").exists()


def test_unlocking_an_account_that_is_not_locked_is_refused(world):
    with pytest.raises(DomainError, match="tidak sedang terkunci"):
        account_unlock(actor=world.admin, account=world.drafter)


def test_the_lock_is_explained_in_english_on_request(client, world):
    client.cookies["django_language"] = "en"
    response = lock(client, "drafter")
    assert "Too many failed login attempts" in response.content.decode()
    assert "locked for 15 minutes" in response.content.decode()


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(settings):
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_address(request) == "10.9.0.1"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "203.0.113.7"  # the forged first entry is ignored
