"""'Buat dari SOP ini': a drafter of any PD starts a new SOP of their own from an SOP in force."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.core.sopfile import load
from sopap.web.authoring.models import Revision
from sopap.web.authoring.services import sop_create_from
from sopap.web.shared.errors import DomainError
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force(make_sop, to_state):  # type: ignore[no-untyped-def]
    return to_state(make_sop(), "berlaku")


def test_the_catalog_page_offers_it_to_a_drafter_and_not_to_a_visitor(client, login, world, in_force):
    page = reverse("catalog:sop", args=[in_force.document_id])
    assert "Buat dari SOP ini" in login(world.other_drafter).get(page).content.decode()
    client.logout()
    assert "Buat dari SOP ini" not in client.get(page).content.decode()


def test_a_drafter_of_another_pd_gets_a_draft_with_the_procedure_and_none_of_the_identity_of_its_own(
    login, world, in_force
):
    client = login(world.other_drafter)
    form = client.get(reverse("authoring:new"), {"dari": in_force.pk})
    assert form.context["source"] == in_force
    assert form.context["form"]["nama"].value() == in_force.nama
    response = client.post(
        reverse("authoring:new"),
        {"dari": in_force.pk, "nama": "Mekanisme Penyusunan SPJ Dinkes", "pd": world.other_pd.pk, "unit": ""},
    )
    draft = Revision.objects.exclude(pk=in_force.pk).get()
    assert response.status_code == 302 and response.url == reverse("authoring:edit", args=[draft.pk])
    copied, source = load(draft.yaml_text), load(in_force.yaml_text)
    assert copied.nama == "Mekanisme Penyusunan SPJ Dinkes"
    assert [s.kegiatan for s in copied.langkah] == [s.kegiatan for s in source.langkah]
    assert copied.nomor is None and copied.disahkan_oleh is None
    assert copied.instansi == world.other_pd.nama
    assert draft.document.pd == world.other_pd and draft.status == "draf"
    assert Revision.objects.get(pk=in_force.pk).yaml_text == in_force.yaml_text


def test_only_an_sop_in_force_can_be_the_start(world, make_sop):
    draft = make_sop()
    with pytest.raises(DomainError, match="sedang berlaku"):
        sop_create_from(source=draft, pd=world.other_pd, author=fresh(world.other_drafter), nama="x")


def test_an_address_with_a_draft_as_its_start_shows_the_ordinary_form(login, world, make_sop):
    draft = make_sop()
    page = login(world.other_drafter).get(reverse("authoring:new"), {"dari": draft.pk})
    assert page.context["source"] is None and "Mulai dari awal" in page.content.decode()
