"""Every signed-in user changes their own password from the header, knowing the current one; the change is
logged on their account as account.password_changed and they stay signed in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.organisations.models import AccountEvent
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db

URL = reverse("organisations:password_change")


def test_the_header_links_to_the_own_account_page_which_links_to_the_password_page(world, login):
    client = login(world.verifier1)
    own = reverse("organisations:own_account")
    assert f'href="{own}"' in client.get(reverse("workflow:sop_list")).content.decode()
    assert f'href="{URL}"' in client.get(own).content.decode()


def test_a_user_changes_their_password_stays_signed_in_and_it_is_logged(world, login):
    client = login(world.drafter)
    response = client.post(
        URL,
        {
            "old_password": "pw-drafter-123",
            "new_password1": "Kopi-Tubruk-2026",
            "new_password2": "Kopi-Tubruk-2026",
        },
    )
    assert response.status_code == 302
    assert fresh(world.drafter).check_password("Kopi-Tubruk-2026")
    event = AccountEvent.objects.get(user=world.drafter)
    assert (event.action, event.actor) == ("account.password_changed", world.drafter)
    assert client.get(reverse("workflow:sop_list")).status_code == 200  # still signed in


def test_a_wrong_current_password_and_a_mismatch_are_said_beside_their_fields(world, login):
    response = login(world.drafter).post(
        URL, {"old_password": "salah", "new_password1": "Kopi-Tubruk-2026", "new_password2": "lain"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Kata sandi sekarang salah" in " ".join(form.errors["old_password"])
    assert "tidak sama" in " ".join(form.errors["new_password2"])
    assert fresh(world.drafter).check_password("pw-drafter-123")
    assert not AccountEvent.objects.filter(user=world.drafter).exists()


def test_the_page_needs_a_signed_in_user(client, world):
    assert client.get(URL).status_code == 302
