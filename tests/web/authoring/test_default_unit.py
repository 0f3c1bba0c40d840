"""A new SOP starts in the drafter's own unit: that of their drafter role, else that of their position."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.organisations.models import Jabatan, Membership, Role
from sopap.web.organisations.services import membership_create, user_create

pytestmark = pytest.mark.django_db


def test_the_new_sop_form_preselects_the_unit_of_the_drafters_role(world, login):
    page = login(world.drafter).get(reverse("authoring:new"))
    assert page.context["form"]["unit"].value() == world.unit.pk
    assert page.context["upload"]["unit"].value() == world.unit.pk
    assert f'<option value="{world.unit.pk}" selected>' in page.content.decode()


def test_without_a_unit_on_the_role_the_unit_of_the_position_is_taken(world, login):
    position = Jabatan.objects.filter(pd=world.pd, unit__isnull=False).first()
    user = user_create(username="drafter3", password="pw-drafter3-123", full_name="Drafter3")
    membership_create(user=user, role=Role.PENYUSUN, pd=world.pd, jabatan=position)
    page = login(user).get(reverse("authoring:new"))
    assert page.context["form"]["unit"].value() == position.unit_id


def test_with_neither_the_unit_stays_to_be_chosen(world, login):
    Membership.objects.filter(user=world.drafter).update(unit=None)
    page = login(world.drafter).get(reverse("authoring:new"))
    assert page.context["form"]["unit"].value() is None
