"""A select's empty choice speaks the interface's language, never Django's English "- Select an option -"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sopap.web.organisations.models import Role
from sopap.web.organisations.services import membership_create
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter_of_two_pds(world):
    membership_create(user=world.drafter, role=Role.PENYUSUN, pd=world.other_pd)
    return fresh(world.drafter)


def test_the_pd_select_of_a_new_sop_offers_an_indonesian_empty_choice(login, drafter_of_two_pds):
    page = login(drafter_of_two_pds).get(reverse("authoring:new")).content.decode()
    # The drafter's own unit may be chosen already; the empty choice is there, in Indonesian, either way.
    assert re.search(r'<option value=""( selected)?>— Pilih —</option>', page)
    assert "Select an option" not in page


def test_on_the_english_locale_it_is_english(client, drafter_of_two_pds):
    client.force_login(drafter_of_two_pds)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("authoring:new")).content.decode()
    assert "— Choose —" in page and "Select an option" not in page
