"""The author of a first draft that was never submitted may delete it: after a confirmation, in one
transaction, logged as sop.draft.deleted; it then shows nowhere. Any other draft is refused with why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.models import Revision
from sopap.web.shared.errors import DomainError, PermissionDenied
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import Transition
from sopap.web.workflow.permissions import actions_available
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _delete(client, sop):  # type: ignore[no-untyped-def]
    return client.post(reverse("workflow:transition", args=[sop.pk, "delete"]), {"versi": sop.version})


def test_the_author_deletes_a_draft_never_submitted_and_it_is_gone_from_every_page(world, make_sop, login):
    sop = make_sop()
    client = login(world.drafter)
    detail = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Ya, hapus draf ini" in detail  # the confirmation the button sits behind
    response = _delete(client, sop)
    assert response.status_code == 302 and response["Location"] == reverse("workflow:sop_list")
    sop.refresh_from_db()
    assert sop.status == Status.DIHAPUS
    log = Transition.objects.get(revision=sop)
    assert (log.action, log.from_status, log.to_status, log.actor) == (
        "sop.draft.deleted",
        Status.DRAF,
        Status.DIHAPUS,
        world.drafter,
    )
    listing = client.get(reverse("workflow:sop_list") + "?lingkup=pd").content.decode()
    assert "Mekanisme Penyusunan SPJ" not in listing and "Dihapus" not in listing
    assert client.get(reverse("workflow:sop_detail", args=[sop.document_id])).status_code == 404
    assert client.get(reverse("authoring:edit", args=[sop.pk])).status_code == 404


def test_another_drafter_of_the_pd_may_not_delete_it(world, make_sop, login):
    sop = make_sop()
    assert "delete" not in actions_available(sop=sop, user=fresh(world.drafter2))
    with pytest.raises(PermissionDenied, match="Hanya pembuat draf"):
        wf.sop_draft_delete(sop=sop, actor=fresh(world.drafter2), loaded_version=sop.version)
    assert _delete(login(world.drafter2), sop).status_code == 403
    sop.refresh_from_db()
    assert sop.status == Status.DRAF


def test_a_draft_once_submitted_and_returned_cannot_be_deleted_and_says_why(world, make_sop, login):
    sop = make_sop()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Perbaiki")
    sop.refresh_from_db()
    assert "delete" not in actions_available(sop=sop, user=fresh(world.drafter))
    response = _delete(login(world.drafter), sop)
    assert response.status_code == 409
    assert "sudah pernah diajukan" in response.content.decode()
    sop.refresh_from_db()
    assert sop.status == Status.DRAF


def test_a_kaji_ulang_draft_cannot_be_deleted(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    draft = wf.review_open(sop=sop, actor=fresh(world.drafter))
    with pytest.raises(DomainError, match="revisi dari SOP"):
        wf.sop_draft_delete(sop=draft, actor=fresh(world.drafter), loaded_version=draft.version)


def test_a_delete_from_a_stale_page_is_refused(world, make_sop):
    sop = make_sop()
    with pytest.raises(DomainError):
        wf.sop_draft_delete(sop=sop, actor=fresh(world.drafter), loaded_version=sop.version - 1 or 99)
    assert Revision.objects.get(pk=sop.pk).status == Status.DRAF
