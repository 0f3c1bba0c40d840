"""A submission is verified along the chain it was submitted with, whatever the admin changes later."""

from __future__ import annotations

import pytest

from sopap.web.organisations.models import Jabatan
from sopap.web.organisations.services import verification_chain_set
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.permissions import actions_available
from sopap.web.workflow.selectors import current_verification_label
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def test_shortening_the_chain_does_not_strand_an_sop_already_submitted(world, make_sop):
    sop = make_sop()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    kasubag = Jabatan.objects.get(pd=world.pd, nama="Kepala Sub Bagian Program, Evaluasi dan Pelaporan")
    verification_chain_set(pd=world.pd, jabatan=[kasubag])
    sop.refresh_from_db()
    assert current_verification_label(sop=sop) == "2/2 — Sekretaris"
    assert "verification_approve" in actions_available(sop=sop, user=fresh(world.verifier2))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier2))
    sop.refresh_from_db()
    assert sop.status == Status.UJI_COBA


def test_a_returned_sop_submitted_again_takes_the_chain_as_it_is_then(world, make_sop):
    sop = make_sop()
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Perbaiki")
    kasubag = Jabatan.objects.get(pd=world.pd, nama="Kepala Sub Bagian Program, Evaluasi dan Pelaporan")
    verification_chain_set(pd=world.pd, jabatan=[kasubag])
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    sop.refresh_from_db()
    assert sop.status == Status.UJI_COBA
