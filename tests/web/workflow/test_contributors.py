"""Nobody verifies or approves what they helped write, and the signer comes from the approver."""

from __future__ import annotations

import pytest

from sopap.core.sopfile import load
from sopap.web.authoring.services import revision_update
from sopap.web.organisations.models import Role
from sopap.web.organisations.services import membership_create
from sopap.web.shared.errors import PermissionDenied
from sopap.web.workflow import services as wf
from sopap.web.workflow.permissions import actions_available
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def test_a_head_who_edited_another_drafters_draft_cannot_approve_it(world, make_sop, to_state):
    membership_create(user=world.head, role=Role.PENYUSUN, pd=world.pd, unit=world.unit)
    sop = make_sop()
    revision_update(
        sop=sop,
        actor=fresh(world.head),
        data={**SOP_DATA, "nama": "Diubah kepala"},
        loaded_version=sop.version,
    )
    sop = to_state(sop, "uji_coba")
    assert "approve" not in actions_available(sop=sop, user=fresh(world.head))
    with pytest.raises(PermissionDenied, match="ikut menyusun"):
        wf.sop_approve(sop=sop, actor=fresh(world.head))


def test_a_verifier_who_edited_the_draft_cannot_verify_it(world, make_sop):
    membership_create(user=world.verifier1, role=Role.PENYUSUN, pd=world.pd, unit=world.unit)
    sop = make_sop()
    revision_update(
        sop=sop,
        actor=fresh(world.verifier1),
        data={**SOP_DATA, "nama": "Diubah verifikator"},
        loaded_version=sop.version,
    )
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    with pytest.raises(PermissionDenied):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier1))


def test_a_drafters_own_signer_is_replaced_by_the_approver_at_approval(world, make_sop, to_state):
    forged = {"jabatan": "Walikota Serang (PALSU)", "nama": "Bukan Pengesah"}
    sop = make_sop(data={**SOP_DATA, "disahkan_oleh": forged})
    assert "PALSU" not in sop.yaml_text  # a draft never carries its own signer
    revision_update(
        sop=sop,
        actor=fresh(world.drafter),
        data={**SOP_DATA, "disahkan_oleh": forged},
        loaded_version=sop.version,
    )
    sop.refresh_from_db()
    assert "PALSU" not in sop.yaml_text
    sop = to_state(sop, "disahkan")
    signer = load(sop.yaml_text).disahkan_oleh
    assert signer.nama == "Head" and signer.jabatan == world.pd.kepala_jabatan


def test_an_sop_spanning_pds_is_signed_by_the_sekretaris_daerah(world, make_sop, to_state):
    sop = to_state(make_sop(lintas_pd=True), "uji_coba")
    wf.sop_approve(sop=sop, actor=fresh(world.sekda))
    sop.refresh_from_db()
    signer = load(sop.yaml_text).disahkan_oleh
    assert signer.nama == "Sekda" and signer.jabatan.startswith("Sekretaris Daerah")


def test_the_signer_is_written_in_indonesian_whatever_the_approvers_language(world, make_sop, to_state):
    from django.utils import translation

    sop = to_state(make_sop(lintas_pd=True), "uji_coba")
    with translation.override("en"):
        wf.sop_approve(sop=sop, actor=fresh(world.sekda))
    sop.refresh_from_db()
    assert load(sop.yaml_text).disahkan_oleh.jabatan.startswith("Sekretaris Daerah")
