"""An evaluation has consequences (Perwali Serang 50/2017 Pasal 25 (2)): "disempurnakan" opens the Kaji ulang
with its findings as the new draft's notes; "dicabut" proposes the withdrawal, which the admin carries out or
dismisses with a reason; both are logged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.models import CRITERIA, EvaluationEntry
from sopap.web.monitoring.services import evaluation_record
from sopap.web.shared.errors import DomainError
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import Transition, WithdrawalProposal
from sopap.web.workflow.permissions import actions_available, inbox_for
from sopap.web.workflow.selectors import returns_open, step_notes_open
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _evaluate(world, sop, rekomendasi, catatan="Langkah 3 terlalu lama"):  # type: ignore[no-untyped-def]
    return evaluation_record(
        actor=fresh(world.head),
        document=sop.document,
        tahun=timezone.localdate().year,
        answers={key: True for key, _label in CRITERIA},
        rekomendasi=rekomendasi,
        catatan=catatan,
    )


def test_disempurnakan_opens_a_kaji_ulang_whose_draft_carries_the_findings_to_its_drafter(
    world, make_sop, to_state
):
    sop = to_state(make_sop(), "berlaku")
    evaluation = _evaluate(world, sop, "disempurnakan")
    sop.document.refresh_from_db()
    draft = sop.document.head
    assert draft.pk != sop.pk and draft.status == Status.DRAF
    assert draft.author_id == world.drafter.pk  # the evaluator stays free to approve it
    log = Transition.objects.get(revision=draft, action="sop.review.opened_by_evaluation")
    assert "Langkah 3 terlalu lama" in log.notes and log.actor_id == world.head.pk
    assert draft in inbox_for(user=fresh(world.drafter))
    assert draft.pk in returns_open(revisions=[draft])
    assert EvaluationEntry.objects.filter(evaluation=evaluation, action="evaluation.review_opened").exists()
    sop.refresh_from_db()
    assert sop.status == Status.BERLAKU


def test_correcting_the_evaluation_does_not_open_a_second_draft(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    _evaluate(world, sop, "disempurnakan")
    _evaluate(world, sop, "disempurnakan", catatan="Juga langkah 4")
    assert sop.document.revisions.count() == 2


def test_dicabut_proposes_the_withdrawal_to_the_admin_who_carries_it_out(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    _evaluate(world, sop, "dicabut", catatan="Tidak dipakai lagi")
    proposal = WithdrawalProposal.objects.get(revision=sop)
    assert proposal.state == "terbuka"
    assert sop in inbox_for(user=fresh(world.admin))
    assert sop not in inbox_for(user=fresh(world.verifier1))
    assert Transition.objects.filter(revision=sop, action="sop.withdrawal.proposed").exists()
    wf.sop_withdraw(sop=sop, actor=fresh(world.admin), notes="Sesuai evaluasi")
    proposal.refresh_from_db()
    assert proposal.state == "dilaksanakan" and proposal.resolved_by_id == world.admin.pk
    assert sop not in inbox_for(user=fresh(world.admin))


def test_the_admin_may_dismiss_the_proposal_with_a_reason_and_the_sop_stays_in_force(
    world, make_sop, to_state
):
    sop = to_state(make_sop(), "berlaku")
    _evaluate(world, sop, "dicabut", catatan="Tidak dipakai lagi")
    assert "withdrawal_dismiss" in actions_available(sop=sop, user=fresh(world.admin))
    assert "withdrawal_dismiss" not in actions_available(sop=sop, user=fresh(world.head))
    with pytest.raises(DomainError, match="alasan"):
        wf.withdrawal_dismiss(sop=sop, actor=fresh(world.admin), notes=" ")
    wf.withdrawal_dismiss(sop=sop, actor=fresh(world.admin), notes="Masih dipakai bidang lain")
    sop.refresh_from_db()
    assert sop.status == Status.BERLAKU
    assert WithdrawalProposal.objects.get(revision=sop).state == "ditolak"
    assert sop not in inbox_for(user=fresh(world.admin))
    assert "withdrawal_dismiss" not in actions_available(sop=sop, user=fresh(world.admin))


def test_tetap_changes_nothing(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    _evaluate(world, sop, "tetap", catatan="")
    assert sop.document.revisions.count() == 1
    assert not WithdrawalProposal.objects.exists()


def test_findings_on_single_steps_become_notes_on_those_steps_of_the_kaji_ulang_draft(
    world, make_sop, to_state
):
    sop = to_state(make_sop(), "berlaku")
    evaluation = evaluation_record(
        actor=fresh(world.head),
        document=sop.document,
        tahun=timezone.localdate().year,
        answers={key: True for key, _label in CRITERIA},
        rekomendasi="disempurnakan",
        step_notes={2: "  Formulir belum tersedia  ", 3: "   "},
    )
    assert evaluation.catatan_langkah == {"2": "Formulir belum tersedia"}
    sop.document.refresh_from_db()
    notes = step_notes_open(sop=sop.document.head)
    assert [n.text for n in notes[2]] == ["Formulir belum tersedia"] and 3 not in notes


def test_the_evaluation_page_offers_a_note_per_step_and_the_drafter_reads_them_on_the_new_draft(
    world, make_sop, to_state, login
):
    sop = to_state(make_sop(), "berlaku")
    tahun = timezone.localdate().year
    url = reverse("monitoring:evaluation", args=[sop.document_id, tahun])
    client = login(fresh(world.head))
    page = client.get(url).content.decode()
    assert 'name="catatan_langkah_2"' in page and "Catatan per langkah" in page
    answers = {f"k_{key}": "ya" for key, _label in CRITERIA}
    response = client.post(
        url,
        {**answers, "rekomendasi": "disempurnakan", "catatan_langkah_2": "Waktu terlalu lama", "versi": "0"},
    )
    assert response.status_code == 302
    sop.document.refresh_from_db()
    draft = sop.document.head
    page = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[sop.document_id]))
    text = page.content.decode()
    assert draft.status == Status.DRAF
    assert "Dibuka untuk kaji ulang hasil evaluasi oleh" in text and "Waktu terlalu lama" in text


def test_disempurnakan_without_any_finding_is_refused(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    with pytest.raises(DomainError, match="catatan"):
        _evaluate(world, sop, "disempurnakan", catatan="")
    assert sop.document.revisions.count() == 1
