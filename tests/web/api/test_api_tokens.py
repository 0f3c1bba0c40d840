"""Personal API tokens: made and revoked by their owner on the account page, shown once, stored as a
SHA-256 only, logged; a revoked token, and the token of a deactivated account, are refused."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.urls import reverse

from sopap.web.organisations.models import AccountEvent, ApiToken
from sopap.web.shared.events import EVENT_LABELS
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _made(page: str) -> str:
    match = re.search(r'id="token-baru">([^<]+)<', page)
    assert match, "the new token is on the page"
    return match.group(1)


def test_a_token_is_shown_once_and_only_its_hash_is_kept(login, world):
    client = login(world.drafter)
    response = client.post(reverse("organisations:api_tokens"), {"action": "create", "nama": "SIMPEG"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    raw = _made(response.content.decode())
    token = ApiToken.objects.get(user=world.drafter)
    assert token.name == "SIMPEG" and token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.key_hash, token.prefix} and raw.startswith(token.prefix)
    page = client.get(reverse("organisations:api_tokens")).content.decode()
    assert "<td>SIMPEG</td>" in page and raw not in page and token.prefix in page and "belum pernah" in page


def test_a_token_acts_as_its_owner_and_records_when_it_was_used(client, login, world):
    raw = _made(
        login(world.drafter).post(reverse("organisations:api_tokens"), {"nama": "SIMPEG"}).content.decode()
    )
    client.logout()
    response = client.get("/api/sop", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.drafter)
    assert token.last_used_at is not None


def test_a_revoked_token_is_refused(client, login, world):
    page = login(world.drafter).post(reverse("organisations:api_tokens"), {"nama": "SIMPEG"})
    raw = _made(page.content.decode())
    token = ApiToken.objects.get(user=world.drafter)
    revoked = client.post(reverse("organisations:api_tokens"), {"action": "revoke", "token": token.pk})
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = client.get(reverse("organisations:api_tokens")).content.decode()
    assert "Token SIMPEG dicabut." in page and "<td>SIMPEG</td>" not in page
    response = client.get("/api/sop", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


def test_making_and_revoking_a_token_are_account_events_with_words(login, world):
    client = login(world.drafter)
    client.post(reverse("organisations:api_tokens"), {"nama": "SIMPEG"})
    token = ApiToken.objects.get(user=world.drafter)
    client.post(reverse("organisations:api_tokens"), {"action": "revoke", "token": token.pk})
    events = list(AccountEvent.objects.filter(user=world.drafter).order_by("at", "id"))
    assert [(e.action, e.actor, e.detail) for e in events[-2:]] == [
        ("account.token.created", world.drafter, "SIMPEG"),
        ("account.token.revoked", world.drafter, "SIMPEG"),
    ]
    assert "account.token.created" in EVENT_LABELS and "account.token.revoked" in EVENT_LABELS


def test_nobody_revokes_another_users_token(login, world, token_for):
    token_for(world.drafter2)
    theirs = ApiToken.objects.get(user=world.drafter2)
    response = login(world.drafter).post(
        reverse("organisations:api_tokens"), {"action": "revoke", "token": theirs.pk}
    )
    assert response.status_code == 400 and "tidak ada atau sudah dicabut" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_token_needs_a_name(login, world):
    response = login(world.drafter).post(reverse("organisations:api_tokens"), {"nama": "  "})
    assert response.status_code == 400 and "Beri nama token ini" in response.content.decode()
    assert not ApiToken.objects.filter(user=world.drafter).exists()


def test_the_token_page_needs_a_login(client):
    response = client.get(reverse("organisations:api_tokens"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_the_token_of_a_deactivated_account_is_refused(api, world, token_for):
    from sopap.web.organisations.services import account_set_active

    assert api(world.drafter).get("/sop").status_code == 200
    account_set_active(actor=fresh(world.admin), user=fresh(world.drafter), active=False)
    assert api(world.drafter).get("/sop").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer sopap_nope", "Basic YTpi", "Bearer " + "x" * 300, "Token abc"]
)
def test_a_malformed_or_unknown_token_is_refused(client, world, header):
    response = client.get("/api/sop", headers={"Authorization": header})
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
