"""Optimistic concurrency: every save carries the version it was loaded from; a stale one is refused with
what changed meanwhile, and the user's own text stays on screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.models import Revision, RevisionEdit
from sopap.web.authoring.services import revision_update
from sopap.web.shared.errors import StaleVersion
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def _edit_form(client, sop):  # type: ignore[no-untyped-def]
    """What the editor posts, as loaded now (identity, one list field and every step)."""
    page = client.get(reverse("authoring:edit", args=[sop.pk]))
    assert page.status_code == 200
    fields = {
        "versi": str(page.context["version"]),
        "nama": page.context["initial"]["nama"],
        "peringatan": "",
        "pelaksana_kolom": page.context["initial"]["pelaksana_kolom"],
    }
    steps = page.context["steps"]
    for name in (
        "kegiatan",
        "pelaksana",
        "kelengkapan",
        "waktu",
        "output",
        "keterangan",
        "ya",
        "tidak",
        "simbol",
    ):
        fields[name] = [step[name] for step in steps]
    return fields


def test_a_stale_save_is_refused_and_keeps_both_peoples_text(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    a = _edit_form(client, sop)
    b = _edit_form(client, sop)
    a["nama"] = "Nama baru dari A"
    a["kegiatan"] = ["Langkah satu versi A", *a["kegiatan"][1:]]
    assert client.post(reverse("authoring:edit", args=[sop.pk]), a).status_code == 302

    b["peringatan"] = "Peringatan dari B"
    refused = client.post(reverse("authoring:edit", args=[sop.pk]), b)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "sudah diubah oleh Drafter" in html
    assert "Peringatan dari B" in html  # B's own text is still in the form
    changed = {row.label: row for row in refused.context["changes"]}
    assert changed["Nama SOP"].b == "Nama baru dari A" and "Langkah 1" in changed
    assert refused.context["version"] == 2  # saving again is B's informed choice

    sop.refresh_from_db()
    assert sop.nama == "Nama baru dari A" and "Langkah satu versi A" in sop.yaml_text
    assert "Peringatan dari B" not in sop.yaml_text


def test_the_service_refuses_a_save_loaded_from_an_older_version(world, make_sop):
    sop = make_sop()
    revision_update(sop=sop, actor=fresh(world.drafter), data={**SOP_DATA, "nama": "Satu"}, loaded_version=1)
    with pytest.raises(StaleVersion) as refused:
        revision_update(
            sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Dua"}, loaded_version=1
        )
    assert refused.value.current_version == 2 and refused.value.loaded_version == 1
    assert Revision.objects.get(pk=sop.pk).nama == "Satu"


def test_every_save_is_recorded_with_who_and_when(world, make_sop):
    sop = make_sop()
    revision_update(sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Satu"}, loaded_version=1)
    edits = list(RevisionEdit.objects.filter(revision=sop).order_by("version"))
    assert [(e.version, e.action, e.editor_id) for e in edits] == [
        (1, "revision.created", world.drafter.pk),
        (2, "revision.saved", world.drafter2.pk),
    ]
    assert all(e.at is not None for e in edits) and "Satu" in edits[1].yaml_text


def test_saving_unchanged_text_makes_no_new_version(world, make_sop):
    sop = make_sop()
    current = Revision.objects.get(pk=sop.pk)
    from sopap.web.authoring.editor import data_from_text

    revision_update(
        sop=sop, actor=fresh(world.drafter), data=data_from_text(current.yaml_text), loaded_version=1
    )
    assert Revision.objects.get(pk=sop.pk).version == 1


def test_the_live_preview_warns_when_the_draft_changed_meanwhile(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    revision_update(sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Lain"}, loaded_version=1)
    preview = client.post(reverse("authoring:preview", args=[sop.pk]), form).content.decode()
    assert 'id="stale-warning"' in preview and "sudah diubah oleh Drafter2" in preview
    form["versi"] = "2"
    assert (
        'id="stale-warning"'
        not in client.post(reverse("authoring:preview", args=[sop.pk]), form).content.decode()
    )


def test_a_refused_save_keeps_the_users_text_on_screen(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    form["nama"] = "N" * 5000
    refused = client.post(reverse("authoring:edit", args=[sop.pk]), form)
    assert refused.status_code == 400
    assert "melampaui batas" in refused.content.decode() and "N" * 5000 in refused.content.decode()
    assert Revision.objects.get(pk=sop.pk).version == 1


def test_a_workflow_action_from_a_stale_page_is_refused(world, make_sop, to_state):
    from sopap.web.workflow import services as wf

    sop = to_state(make_sop(), "diajukan")
    seen = sop.version
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Perbaiki langkah 2")
    sop.refresh_from_db()
    revision_update(
        sop=sop,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "nama": "Diperbaiki"},
        loaded_version=sop.version,
    )
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    with pytest.raises(StaleVersion):  # the verifier's page showed the text before the fix
        wf.verification_approve(sop=sop, actor=fresh(world.verifier1), loaded_version=seen)


def test_a_double_clicked_save_is_not_a_conflict_with_itself(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    form["nama"] = "Sekali simpan"
    assert client.post(reverse("authoring:edit", args=[sop.pk]), form).status_code == 302
    assert client.post(reverse("authoring:edit", args=[sop.pk]), form).status_code == 302
    assert Revision.objects.get(pk=sop.pk).version == 2


def test_a_save_without_its_version_is_refused_and_the_text_kept(client, world, make_sop):
    sop = make_sop()
    client.force_login(world.drafter)
    form = _edit_form(client, sop)
    del form["versi"]
    form["nama"] = "Dari tab lama"
    page = client.post(reverse("authoring:edit", args=[sop.pk]), form)
    assert page.status_code == 409 and "Dari tab lama" in page.content.decode()
    assert Revision.objects.get(pk=sop.pk).version == 1
