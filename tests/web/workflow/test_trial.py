"""Uji coba (Perwali Serang 50/2017 Pasal 18 (3)-(5)): after verification the trial is recorded, witnessed by
the PD's superiors; "perbaiki" returns the draft with the findings as notes; where the PD requires it, the SOP
is approved only after a trial that found it ready; a trial spanning PDs is recorded by the Sekda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.shared.errors import DomainError, PermissionDenied
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import Transition, Trial
from sopap.web.workflow.permissions import actions_available, approval_awaits_trial, inbox_for
from sopap.web.workflow.selectors import returns_open, step_notes_open
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(world):  # type: ignore[no-untyped-def]
    world.pd.uji_coba_wajib = True
    world.pd.save(update_fields=["uji_coba_wajib"])
    return world


def _record(sop, actor, hasil="lanjut", **kwargs):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    kwargs.setdefault("saksi", [])
    kwargs.setdefault("saksi_lain", "Kepala Bidang Aptika")
    return wf.trial_record(sop=sop, actor=fresh(actor), mulai=today, selesai=today, hasil=hasil, **kwargs)


def test_a_new_pd_requires_the_trial_and_the_setting_is_logged_when_changed(world):
    from sopap.web.organisations.models import PdEvent, PerangkatDaerah
    from sopap.web.organisations.services import pd_settings_update

    new = PerangkatDaerah.objects.create(pemda=world.pemda, nama="Dinas Baru")
    assert new.uji_coba_wajib
    pd_settings_update(pd=new, actor=fresh(world.admin), pola_nomor="", chain=[], uji_coba_wajib=False)
    new.refresh_from_db()
    assert not new.uji_coba_wajib
    assert PdEvent.objects.filter(pd=new, action="pd.trial_required_changed").exists()


def test_the_head_cannot_approve_before_a_trial_is_recorded_when_the_pd_requires_it(
    required, make_sop, to_state
):
    sop = to_state(make_sop(), "uji_coba")
    assert "approve" not in actions_available(sop=sop, user=fresh(required.head))
    with pytest.raises(DomainError, match="uji coba"):
        wf.sop_approve(sop=sop, actor=fresh(required.head))
    trial = _record(sop, required.verifier2, saksi=[required.verifier1], temuan="Berjalan lancar")
    assert trial.witness_names == ["Verifier1", "Kepala Bidang Aptika"]
    assert Transition.objects.filter(revision=sop, action="sop.trial.recorded").exists()
    sop.refresh_from_db()
    assert sop.status == Status.UJI_COBA
    wf.sop_approve(sop=sop, actor=fresh(required.head))
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN


def test_a_pd_without_the_requirement_approves_right_after_verification(world, make_sop, to_state):
    sop = to_state(make_sop(), "disahkan")
    assert sop.status == Status.DISAHKAN


def test_perbaiki_returns_the_draft_to_its_drafter_with_the_findings_as_notes(required, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    _record(
        sop, required.head, hasil="perbaiki", temuan="Formulir tidak tersedia", step_notes={2: "Terlalu lama"}
    )
    sop.refresh_from_db()
    assert sop.status == Status.DRAF
    assert sop in inbox_for(user=fresh(required.drafter))
    assert returns_open(revisions=[sop])[sop.pk].note_count == 2
    assert [n.text for n in step_notes_open(sop=sop)[2]] == ["Terlalu lama"]
    assert Trial.objects.get(revision=sop).hasil == "perbaiki"


def test_a_trial_of_an_earlier_round_does_not_count_after_the_draft_comes_back(required, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    _record(sop, required.verifier1)
    wf.approval_return(sop=sop, actor=fresh(required.head), notes="Ubah judul")
    to_state(sop, "uji_coba")
    with pytest.raises(DomainError):
        wf.sop_approve(sop=sop, actor=fresh(required.head))


def test_perbaiki_without_findings_is_refused_and_so_is_a_trial_without_witnesses(
    required, make_sop, to_state
):
    sop = to_state(make_sop(), "uji_coba")
    with pytest.raises(DomainError, match="catatan"):
        _record(sop, required.head, hasil="perbaiki")
    with pytest.raises(DomainError, match="menyaksikan"):
        _record(sop, required.head, saksi_lain="")
    with pytest.raises(DomainError, match="selesai"):
        wf.trial_record(
            sop=sop,
            actor=fresh(required.head),
            mulai=timezone.localdate(),
            selesai=timezone.localdate() - dt.timedelta(days=1),
            hasil="lanjut",
            saksi_lain="X",
        )


def test_drafters_and_superiors_of_another_pd_cannot_record_the_trial(required, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    for user in (required.drafter2, required.other_head, required.sekda):
        with pytest.raises(PermissionDenied):
            _record(sop, user)


def test_a_trial_spanning_pds_is_recorded_by_the_sekda_alone(required, make_sop, to_state):
    sop = to_state(make_sop(lintas_pd=True), "uji_coba")
    with pytest.raises(PermissionDenied, match="Sekretaris Daerah"):
        _record(sop, required.head)
    _record(sop, required.sekda)
    assert "trial_record" not in actions_available(sop=sop, user=fresh(required.sekda))


def test_the_trial_is_recorded_from_the_sops_page_and_shown_there(required, make_sop, to_state, login):
    sop = to_state(make_sop(), "uji_coba")
    client = login(fresh(required.verifier1))
    page = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Catat uji coba" in page and 'name="saksi"' in page
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("workflow:transition", args=[sop.pk, "trial_record"]),
        {
            "versi": sop.version,
            "mulai": today,
            "selesai": today,
            "hasil": "lanjut",
            "saksi": [required.head.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Lanjut ke pengesahan" in page and "Head" in page


def test_the_head_is_told_that_approval_waits_for_the_trial_and_nobody_else_is(
    required, make_sop, to_state, login
):
    sop = to_state(make_sop(), "uji_coba")
    waits = approval_awaits_trial(sop=sop, user=fresh(required.head))
    assert waits is not None and "uji coba" in waits.message
    for other in (required.drafter, required.verifier1, required.other_head, required.sekda):
        assert approval_awaits_trial(sop=sop, user=fresh(other)) is None
    page = login(fresh(required.head)).get(reverse("workflow:sop_detail", args=[sop.document_id]))
    assert waits.message in page.content.decode()
    _record(sop, required.verifier2)
    sop.refresh_from_db()
    assert approval_awaits_trial(sop=sop, user=fresh(required.head)) is None
    page = login(fresh(required.head)).get(reverse("workflow:sop_detail", args=[sop.document_id]))
    assert waits.message not in page.content.decode()


def test_a_pd_without_the_requirement_never_says_approval_waits(world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    assert approval_awaits_trial(sop=sop, user=fresh(world.head)) is None
