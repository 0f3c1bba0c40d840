"""A select's empty choice speaks the interface's language, never Django's English "- Select an option -"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def test_the_pd_select_of_a_new_account_offers_an_indonesian_empty_choice(login, world):
    page = login(fresh(world.admin)).get(reverse("organisations:account_new")).content.decode()
    assert '<option value="" selected>— Pilih —</option>' in page
    assert "Select an option" not in page


def test_on_the_english_locale_it_is_english(client, world):
    client.force_login(fresh(world.admin))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("organisations:account_new")).content.decode()
    assert "— Choose —" in page and "Select an option" not in page
