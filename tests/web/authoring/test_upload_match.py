"""Uploading the `.sop.yaml` of an SOP already in the PD proposes its next revision instead of a second,
unrelated SOP: the match is shown, and the user chooses a new revision or a separate SOP."""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.shared.status import Status
from sopap.web.workflow.models import Transition
from tests.web.conftest import SOP_DATA

pytestmark = pytest.mark.django_db


def _file(data):  # type: ignore[no-untyped-def]
    text = yaml.safe_dump({"versi_format": 1, **data}, allow_unicode=True, sort_keys=False)
    return SimpleUploadedFile("spj.sop.yaml", text.encode("utf-8"), content_type="application/x-yaml")


def _upload(client, world, data):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("authoring:upload"),
        {"unggah-pd": world.pd.pk, "unggah-unit": world.unit.pk, "unggah-berkas": _file(data)},
    )


def test_a_file_named_like_an_sop_in_force_is_proposed_as_its_kaji_ulang(world, make_sop, to_state, login):
    sop = to_state(make_sop(), "berlaku")
    client = login(world.drafter)
    changed = {**SOP_DATA, "nomor": sop.document.nomor, "peringatan": ["Dari berkas"]}
    proposal = _upload(client, world, changed)
    assert proposal.status_code == 200
    html = proposal.content.decode()
    assert "Berkas ini tampaknya SOP yang sudah ada" in html and "Nomornya sama" in html
    assert SopDocument.objects.count() == 1  # nothing created yet

    context = proposal.context
    response = client.post(
        reverse("workflow:upload_revision", args=[sop.document_id]),
        {"isi": context["carried"], "nama_berkas": "spj.sop.yaml", "versi": sop.version},
    )
    draft = Revision.objects.get(document=sop.document, number=2)
    assert response["Location"] == reverse("authoring:edit", args=[draft.pk])
    assert draft.status == Status.DRAF and "Dari berkas" in draft.yaml_text
    assert draft.edits.order_by("-version").first().action == RevisionEdit.Action.IMPORTED
    assert Transition.objects.filter(revision=draft, action="sop.review.opened").exists()
    assert Revision.objects.get(pk=sop.pk).status == Status.BERLAKU  # the one in force stays


def test_a_file_named_like_an_open_draft_is_loaded_into_it_as_its_next_version(world, make_sop, login):
    sop = make_sop()
    client = login(world.drafter)
    proposal = _upload(client, world, {**SOP_DATA, "peringatan": ["Versi berkas"]})
    assert "Namanya sama" in proposal.content.decode()
    client.post(
        reverse("workflow:upload_revision", args=[sop.document_id]),
        {"isi": proposal.context["carried"], "versi": sop.version},
    )
    stored = Revision.objects.get(pk=sop.pk)
    assert stored.version == sop.version + 1 and "Versi berkas" in stored.yaml_text
    assert SopDocument.objects.count() == 1


def test_loading_into_a_draft_changed_since_the_proposal_is_refused(world, make_sop, login):
    from sopap.web.authoring.services import revision_update
    from tests.web.conftest import fresh

    sop = make_sop()
    client = login(world.drafter)
    proposal = _upload(client, world, {**SOP_DATA, "peringatan": ["Versi berkas"]})
    revision_update(
        sop=sop,
        actor=fresh(world.drafter2),
        data={**SOP_DATA, "nama": SOP_DATA["nama"], "peringatan": ["Rekan"]},
        loaded_version=1,
    )
    client.post(
        reverse("workflow:upload_revision", args=[sop.document_id]),
        {"isi": proposal.context["carried"], "versi": 1},
    )
    assert "Rekan" in Revision.objects.get(pk=sop.pk).yaml_text


def test_the_user_may_still_make_it_a_separate_sop(world, make_sop, login):
    make_sop()
    client = login(world.drafter)
    proposal = _upload(client, world, SOP_DATA)
    response = client.post(
        reverse("authoring:upload"),
        {
            "pilihan": "baru",
            "unggah-pd": world.pd.pk,
            "unggah-unit": world.unit.pk,
            "unggah-isi": proposal.context["carried"],
            "unggah-nama_berkas": "spj.sop.yaml",
        },
    )
    assert response.status_code == 302
    assert SopDocument.objects.count() == 2


def test_a_file_of_an_sop_under_verification_is_told_why_no_revision_can_open(
    world, make_sop, to_state, login
):
    sop = to_state(make_sop(), "diajukan")
    html = _upload(login(world.drafter), world, SOP_DATA).content.decode()
    assert "revisi baru belum dapat dibuka" in html
    assert reverse("workflow:upload_revision", args=[sop.document_id]) not in html


def test_a_file_of_another_sop_is_imported_at_once(world, make_sop, login):
    make_sop()
    response = _upload(login(world.drafter), world, {**SOP_DATA, "nama": "SOP lain sama sekali"})
    assert response.status_code == 302
    assert SopDocument.objects.count() == 2
