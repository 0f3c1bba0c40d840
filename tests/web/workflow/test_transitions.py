from __future__ import annotations

import datetime as dt

import pytest

from sopap.web.shared.errors import DomainError, InvalidTransition, PermissionDenied
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import StepNote, Transition
from sopap.web.workflow.states import TRANSITIONS
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def actions(sop):
    return list(Transition.objects.filter(revision__document=sop.document).values_list("action", flat=True))


def test_the_whole_lifecycle_is_logged_with_dotted_action_codes(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    assert sop.status == Status.BERLAKU
    assert actions(sop) == [
        "sop.submitted",
        "sop.verification.approved",
        "sop.verification.approved",
        "sop.trial.started",
        "sop.approved",
        "sop.decreed",
        "sop.in_force",
    ]
    log = Transition.objects.filter(revision=sop).order_by("id")
    assert [(t.from_status, t.to_status) for t in log][:2] == [("draf", "diajukan"), ("diajukan", "diajukan")]
    assert log[0].actor == world.drafter and log[1].actor == world.verifier1 and log[4].actor == world.head
    assert all(t.at is not None for t in log)


def test_verifiers_act_in_the_order_of_the_chain(world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    with pytest.raises(PermissionDenied):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier2))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    with pytest.raises(PermissionDenied):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier2))
    sop.refresh_from_db()
    assert sop.status == Status.UJI_COBA


def test_a_verifier_returns_with_notes_attached_to_steps(world, make_sop, to_state):
    sop = to_state(make_sop(), "verified1")
    log = wf.verification_return(
        sop=sop,
        actor=fresh(world.verifier2),
        notes="Perbaiki waktu",
        step_notes={3: "Keputusan kurang jelas"},
    )
    sop.refresh_from_db()
    assert sop.status == Status.DRAF and sop.verification_index == 0
    assert log.action == "sop.verification.returned" and log.jabatan == "Sekretaris"
    assert list(StepNote.objects.filter(transition=log).values_list("step", "text")) == [
        (3, "Keputusan kurang jelas")
    ]
    # Resubmitting starts the chain from its first step again.
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    with pytest.raises(PermissionDenied):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier2))


def test_returning_needs_a_note(world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    with pytest.raises(DomainError):
        wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes=" ")


def test_a_refusal_is_told_in_the_language_of_the_user(world, make_sop, to_state):
    from django.utils import translation

    sop = to_state(make_sop(), "diajukan")
    with pytest.raises(DomainError, match="Tuliskan catatan"):
        wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes=" ")
    with (
        translation.override("en"),
        pytest.raises(DomainError, match="Write a note: what the drafter has to fix"),
    ):
        wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes=" ")
    with (
        translation.override("en"),
        pytest.raises(PermissionDenied, match=r"The current verification stage \(1\. "),
    ):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier2))


def test_a_drafter_never_approves_their_own_sop(world, make_sop, to_state):
    from sopap.web.organisations.models import Jabatan, Role
    from sopap.web.organisations.services import membership_create

    # The drafter also holds the first verifier's position and is head of the PD: still refused.
    membership_create(
        user=world.drafter,
        role=Role.VERIFIKATOR,
        pd=world.pd,
        jabatan=Jabatan.objects.get(pd=world.pd, nama="Kepala Sub Bagian Program, Evaluasi dan Pelaporan"),
    )
    membership_create(user=world.drafter, role=Role.PENGESAH, pd=world.pd)
    sop = to_state(make_sop(), "diajukan")
    with pytest.raises(PermissionDenied):
        wf.verification_approve(sop=sop, actor=fresh(world.drafter))
    to_state(sop, "uji_coba") if False else None
    wf.verification_approve(sop=sop, actor=fresh(world.verifier1))
    wf.verification_approve(sop=sop, actor=fresh(world.verifier2))
    with pytest.raises(PermissionDenied):
        wf.sop_approve(sop=sop, actor=fresh(world.drafter))


def test_the_head_of_another_pd_cannot_approve(world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    with pytest.raises(PermissionDenied):
        wf.sop_approve(sop=sop, actor=fresh(world.other_head))
    with pytest.raises(PermissionDenied):
        wf.sop_approve(sop=sop, actor=fresh(world.sekda))


def test_an_sop_spanning_several_pds_is_approved_by_the_sekretaris_daerah(world, make_sop, to_state):
    sop = to_state(make_sop(lintas_pd=True), "uji_coba")
    with pytest.raises(PermissionDenied):
        wf.sop_approve(sop=sop, actor=fresh(world.head))
    wf.sop_approve(sop=sop, actor=fresh(world.sekda))
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN


def test_the_approval_writes_the_approving_head_as_signer_with_the_pds_nip(world, make_sop, to_state):
    from sopap.core.sopfile import load

    world.head.first_name, world.head.last_name = "W. Hari Pamungkas, S.STP, M.Si", ""
    world.head.save()
    sop = to_state(make_sop(), "disahkan")
    signer = load(sop.yaml_text).disahkan_oleh
    assert signer.nama == "W. Hari Pamungkas, S.STP, M.Si"
    assert signer.jabatan == world.pd.kepala_jabatan and signer.nip == world.pd.kepala_nip


def test_an_acting_head_signs_with_their_own_name_and_without_the_heads_nip(world, make_sop, to_state):
    from sopap.core.sopfile import load

    sop = to_state(make_sop(), "disahkan")
    signer = load(sop.yaml_text).disahkan_oleh
    assert signer.nama == "Head" and signer.nip is None


def test_a_decree_dated_in_the_future_is_put_in_force_on_its_date_and_not_before(world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    later = dt.date.today() + dt.timedelta(days=30)
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188/1/2099",
        keputusan_tanggal=dt.date.today(),
        tanggal_berlaku=later,
    )
    sop.refresh_from_db()
    assert sop.status == Status.DITETAPKAN and sop.keputusan_nomor == "188/1/2099"
    with pytest.raises(PermissionDenied):
        wf.sop_put_in_force(sop=sop, actor=fresh(world.head))
    with pytest.raises(DomainError, match="baru berlaku pada"):
        wf.sop_put_in_force(sop=sop, actor=fresh(world.admin))
    assert wf.sop_put_in_force_due(today=later - dt.timedelta(days=1)) == []
    assert [r.pk for r in wf.sop_put_in_force_due(today=later)] == [sop.pk]
    sop.refresh_from_db()
    assert sop.status == Status.BERLAKU and sop.document.in_force_id == sop.pk
    logged = sop.transitions.get(action="sop.in_force")
    assert logged.actor_id == world.admin.pk


def test_kaji_ulang_keeps_the_old_revision_in_force_until_the_new_one_is(world, make_sop, to_state):
    old = to_state(make_sop(), "berlaku")
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    old.refresh_from_db()
    assert new.status == Status.DRAF and new.number == 2 and old.status == Status.BERLAKU
    assert old.document.in_force_id == old.pk
    with pytest.raises(DomainError):
        wf.review_open(sop=old, actor=fresh(world.drafter))
    to_state(new, "berlaku")
    old.refresh_from_db()
    assert old.status == Status.DIGANTIKAN
    assert "sop.superseded" in actions(old) and "sop.review.opened" in actions(old)
    new.document.refresh_from_db()
    assert new.document.in_force_id == new.pk


def test_withdrawing_takes_the_sop_out_of_force(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    with pytest.raises(PermissionDenied):
        wf.sop_withdraw(sop=sop, actor=fresh(world.drafter), notes="x")
    wf.sop_withdraw(sop=sop, actor=fresh(world.admin), notes="Tidak dipakai lagi")
    sop.refresh_from_db()
    assert sop.status == Status.DICABUT
    assert actions(sop)[-1] == "sop.withdrawn"


def test_an_sop_with_errors_cannot_be_submitted(world, make_sop):
    sop = make_sop(
        data={
            "nama": "Kosong",
            "langkah": [{"kegiatan": "Satu", "pelaksana": "PPTK", "keputusan": {"ya": 9, "tidak": 1}}],
        }
    )
    with pytest.raises(DomainError):
        wf.sop_submit(sop=sop, actor=fresh(world.drafter))


def test_transitions_refuse_the_wrong_state(world, make_sop):
    sop = make_sop()
    with pytest.raises(InvalidTransition):
        wf.sop_approve(sop=sop, actor=fresh(world.head))
    with pytest.raises(InvalidTransition):
        wf.verification_approve(sop=sop, actor=fresh(world.verifier1))


# Every transition, every role: only the roles of the transition table may act.
ROLE_USERS = [
    "drafter",
    "other_drafter",
    "verifier1",
    "verifier2",
    "other_verifier",
    "head",
    "other_head",
    "sekda",
    "admin",
    "auditor",
]
CASES = {
    # action: (state to reach first, callable, users allowed)
    "submit": (None, lambda s, u: wf.sop_submit(sop=s, actor=u), {"drafter"}),
    "verification_approve": ("diajukan", lambda s, u: wf.verification_approve(sop=s, actor=u), {"verifier1"}),
    "verification_return": (
        "diajukan",
        lambda s, u: wf.verification_return(sop=s, actor=u, notes="n"),
        {"verifier1"},
    ),
    "approve": ("uji_coba", lambda s, u: wf.sop_approve(sop=s, actor=u), {"head"}),
    "approval_return": ("uji_coba", lambda s, u: wf.approval_return(sop=s, actor=u, notes="n"), {"head"}),
    "decree": (
        "disahkan",
        lambda s, u: wf.sop_decree(
            sop=s, actor=u, keputusan_nomor="1", keputusan_tanggal=dt.date(2025, 1, 1)
        ),
        {"admin"},
    ),
    "review_open": ("berlaku", lambda s, u: wf.review_open(sop=s, actor=u), {"drafter", "admin"}),
    "withdraw": ("berlaku", lambda s, u: wf.sop_withdraw(sop=s, actor=u, notes="n"), {"admin"}),
}


@pytest.mark.parametrize("action", sorted(CASES))
@pytest.mark.parametrize("who", ROLE_USERS)
def test_nobody_acts_outside_their_role(world, make_sop, to_state, action, who):
    state, run, allowed = CASES[action]
    sop = make_sop(author=world.drafter2) if action != "submit" else make_sop()
    if state:
        from sopap.web.workflow import services

        # drafter2 wrote it; the fixture's walk submits as `drafter`, who is a drafter of the same PD.
        sop = to_state(sop, state)
        assert services  # keep import
    user = fresh(world.users[who])
    if who in allowed:
        run(sop, user)
    else:
        with pytest.raises(PermissionDenied):
            run(sop, user)


def test_the_transition_table_names_a_role_for_every_transition():
    for name, rule in TRANSITIONS.items():
        assert rule.roles, name
        assert rule.action.startswith("sop."), name


def test_the_daily_command_puts_in_force_what_is_due(world, make_sop, to_state):
    from io import StringIO

    from django.core.management import call_command

    sop = to_state(make_sop(), "disahkan")
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188/2/2026",
        keputusan_tanggal=dt.date.today(),
        tanggal_berlaku=dt.date.today() + dt.timedelta(days=1),
    )
    out = StringIO()
    call_command("berlakukan_terjadwal", stdout=out)
    assert "0 SOP diberlakukan" in out.getvalue()
    sop.refresh_from_db()
    assert sop.status == Status.DITETAPKAN
