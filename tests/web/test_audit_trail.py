"""The audit trail cannot be rewritten: not through the admin, not through the ORM, not in SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.organisations.models import AccountEvent
from sopap.web.organisations.services import account_set_password
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import StepNote, Transition
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _refused(sql: str, *params: object) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_to_change_or_delete_a_transition(world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    log = Transition.objects.filter(revision=sop).first()
    _refused("UPDATE workflow_transition SET notes = 'ditulis ulang' WHERE id = %s", log.pk)
    _refused("UPDATE workflow_transition SET actor_id = %s WHERE id = %s", world.admin.pk, log.pk)
    _refused("DELETE FROM workflow_transition WHERE id = %s", log.pk)
    assert Transition.objects.get(pk=log.pk).notes == log.notes


def test_step_notes_account_events_and_edits_are_append_only(world, make_sop):
    sop = make_sop()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="x", step_notes={1: "Perjelas"})
    note = StepNote.objects.get()
    _refused("UPDATE workflow_stepnote SET text = 'lain' WHERE id = %s", note.pk)
    _refused("DELETE FROM workflow_stepnote WHERE id = %s", note.pk)
    edit = RevisionEdit.objects.filter(revision=sop).first()
    _refused("UPDATE authoring_revisionedit SET editor_id = %s WHERE id = %s", world.admin.pk, edit.pk)
    _refused("DELETE FROM authoring_revisionedit WHERE id = %s", edit.pk)
    account_set_password(actor=fresh(world.admin), user=world.drafter2, password="Sandi-baru-yang-kuat-42")
    event = AccountEvent.objects.get(user=world.drafter2)
    _refused("UPDATE organisations_accountevent SET detail = 'lain' WHERE id = %s", event.pk)
    _refused("DELETE FROM organisations_accountevent WHERE id = %s", event.pk)


def test_a_decreed_revisions_text_cannot_change_but_its_state_can(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    _refused("UPDATE authoring_revision SET yaml_text = 'nama: palsu' WHERE id = %s", sop.pk)
    _refused("DELETE FROM authoring_revision WHERE id = %s", sop.pk)
    wf.sop_withdraw(sop=sop, actor=fresh(world.admin), notes="Tidak dipakai lagi")
    assert Revision.objects.get(pk=sop.pk).status == "dicabut"


def test_a_document_with_history_cannot_be_deleted(world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    with pytest.raises(ProtectedError), transaction.atomic():
        SopDocument.objects.get(pk=sop.document_id).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        world.drafter.delete()
    assert Transition.objects.filter(revision=sop).exists()


def test_djangos_admin_shows_the_trail_but_changes_nothing(client, world, make_sop, to_state):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="root-pw-123456")
    sop = to_state(make_sop(), "berlaku")
    log = Transition.objects.filter(revision=sop).first()
    client.force_login(root)
    for model, pk in (
        ("workflow/transition", log.pk),
        ("authoring/revision", sop.pk),
        ("authoring/sopdocument", sop.document_id),
    ):
        page = client.get(f"/admin/{model}/{pk}/change/")
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert client.post(f"/admin/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/workflow/transition/{log.pk}/change/", {"notes": "ubah"}).status_code == 403
    assert client.get(reverse("admin:workflow_transition_changelist")).status_code == 200
    assert Transition.objects.get(pk=log.pk).notes == log.notes


def test_a_decreed_revision_cannot_be_moved_back_or_renamed(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    _refused("UPDATE authoring_revision SET status = 'draf' WHERE id = %s", sop.pk)
    _refused("UPDATE authoring_revision SET nama = 'palsu' WHERE id = %s", sop.pk)
    _refused("UPDATE authoring_revision SET keputusan_nomor = 'lain', version = 99 WHERE id = %s", sop.pk)
    assert Revision.objects.get(pk=sop.pk).status == "berlaku"
