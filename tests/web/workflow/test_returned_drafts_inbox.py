"""A draft returned with notes waits in its drafter's "Menunggu tindakan Anda" box, saying who returned it,
when and with how many notes, and its status reads "Dikembalikan" until it is submitted again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.workflow import services as wf
from sopap.web.workflow.permissions import inbox_for
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _returned(world, make_sop, **kwargs):  # type: ignore[no-untyped-def]
    sop = make_sop(**kwargs)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(
        sop=sop,
        actor=fresh(world.verifier1),
        notes="Lengkapi dasar hukum",
        step_notes={2: "Waktu terlalu lama", 3: "Tujuan keputusan salah"},
    )
    sop.refresh_from_db()
    return sop


def test_a_returned_draft_is_in_its_drafters_inbox_and_not_in_another_drafters(world, make_sop):
    sop = _returned(world, make_sop)
    assert sop in inbox_for(user=fresh(world.drafter))
    assert sop not in inbox_for(user=fresh(world.drafter2))  # not their work
    assert sop not in inbox_for(user=fresh(world.verifier1))


def test_the_drafters_list_says_who_returned_it_when_and_how_many_notes(world, make_sop, login):
    _returned(world, make_sop)
    page = login(world.drafter).get(reverse("workflow:sop_list")).content.decode()
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    assert "Mekanisme Penyusunan SPJ" in inbox
    assert "Dikembalikan" in inbox and "st-dikembalikan" in inbox
    assert "oleh Verifier1" in inbox
    assert "3 catatan" in inbox  # the general note and two step notes
    table = page.split("<tbody>")[1]
    assert "st-dikembalikan" in table and "st-draf" not in table


def test_a_resubmitted_draft_leaves_the_drafters_inbox(world, make_sop):
    sop = _returned(world, make_sop)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    assert sop not in inbox_for(user=fresh(world.drafter))


def test_a_draft_never_submitted_is_only_draf_not_returned(world, make_sop, login):
    make_sop()
    page = login(world.drafter).get(reverse("workflow:sop_list")).content.decode()
    assert 'id="inbox-h"' not in page
    assert "st-draf" in page and "st-dikembalikan" not in page


def test_the_sop_page_of_a_returned_draft_says_dikembalikan(world, make_sop, login):
    sop = _returned(world, make_sop)
    page = login(world.drafter).get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "st-dikembalikan" in page.split("</h1>")[1].split("</p>")[0]


def test_the_list_reads_five_returned_drafts_in_as_many_queries_as_one(
    world, make_sop, login, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.drafter)
    _returned(world, make_sop)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("workflow:sop_list"))
    for _ in range(4):
        _returned(world, make_sop)
    with django_assert_num_queries(len(one)):
        page = client.get(reverse("workflow:sop_list")).content.decode()
    assert page.split('id="inbox-h"')[1].split("</section>")[0].count("st-dikembalikan") == 5


def test_a_returned_draft_is_in_the_box_of_a_colleague_who_edited_it_and_of_no_one_else(world, make_sop):
    from sopap.web.authoring.services import revision_update
    from tests.web.conftest import SOP_DATA

    sop = make_sop()
    revision_update(
        sop=sop, actor=fresh(world.drafter2), data={**SOP_DATA, "nama": "Bersama"}, loaded_version=sop.version
    )
    sop.refresh_from_db()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Lengkapi")
    assert sop in inbox_for(user=fresh(world.drafter2))  # wrote in it: an edit of its text
    assert sop in inbox_for(user=fresh(world.drafter))
    assert sop not in inbox_for(user=fresh(world.other_drafter))


def test_a_draft_returned_then_submitted_again_and_returned_again_is_returned_by_the_last_one(
    world, make_sop, login
):
    sop = _returned(world, make_sop)
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Sekali lagi")
    page = login(world.drafter).get(reverse("workflow:sop_list")).content.decode()
    inbox = page.split('id="inbox-h"')[1].split("</section>")[0]
    # The last return's notes (one general note), not the first one's three.
    assert inbox.count("st-dikembalikan") == 1 and "1 catatan" in inbox
