"""The editor's autosave goes through the ordinary save with its version check: it answers with the new
version and the time, and a stale autosave is refused (409) without writing over the newer version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.models import Revision, RevisionEdit
from sopap.web.authoring.services import revision_update
from tests.web.authoring.test_stale_saves import _edit_form
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_X_SOPAP_AUTOSAVE": "1"}


def test_an_autosave_stores_the_draft_and_answers_with_the_new_version_and_time(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    form["nama"] = "Disimpan otomatis"
    response = client.post(reverse("authoring:edit", args=[sop.pk]), form, **AUTOSAVE)
    assert response.status_code == 200
    answer = response.json()
    stored = Revision.objects.get(pk=sop.pk)
    assert stored.nama == "Disimpan otomatis"
    assert answer["versi"] == stored.version == sop.version + 1
    assert len(answer["waktu"]) == 5 and answer["waktu"][2] == ":"
    assert stored.edits.order_by("-version").first().action == RevisionEdit.Action.SAVED


def test_a_stale_autosave_is_refused_and_the_newer_version_stays(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    revision_update(
        sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Versi rekan"}, loaded_version=1
    )
    form["nama"] = "Ketikan lama"
    response = client.post(reverse("authoring:edit", args=[sop.pk]), form, **AUTOSAVE)
    assert response.status_code == 409
    assert "sudah diubah oleh Drafter2" in response.json()["pesan"]
    assert Revision.objects.get(pk=sop.pk).nama == "Versi rekan"


def test_an_autosave_of_a_draft_submitted_meanwhile_is_refused(client, world, make_sop):
    from sopap.web.workflow import services as wf

    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    form["nama"] = "Terlambat"
    response = client.post(reverse("authoring:edit", args=[sop.pk]), form, **AUTOSAVE)
    assert response.status_code == 409
    assert Revision.objects.get(pk=sop.pk).nama == SOP_DATA["nama"]


def test_a_refused_save_page_holds_unsaved_text_and_autosave_is_off_there(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    revision_update(sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "X"}, loaded_version=1)
    refused = client.post(reverse("authoring:edit", args=[sop.pk]), form).content.decode()
    assert 'data-autosave="off"' in refused and "data-unsaved" in refused
    fresh_page = client.get(reverse("authoring:edit", args=[sop.pk])).content.decode()
    assert 'data-autosave="on"' in fresh_page and "sopap/autosave.js" in fresh_page
