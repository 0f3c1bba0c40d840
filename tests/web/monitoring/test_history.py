"""A past semester is reported as it was: withdrawn and replaced SOPs, SOPs not yet in force, reviews."""

from __future__ import annotations

import datetime as dt

import pytest

from sopap.web.monitoring.models import CRITERIA, Evaluation, Monitoring, Penilaian
from sopap.web.monitoring.selectors import Periode, overview, period_report, revision_in_force_on
from sopap.web.monitoring.services import evaluation_record, monitoring_record, review_record
from sopap.web.shared.errors import DomainError
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db
LATER = dt.date(2028, 1, 1)


@pytest.fixture
def first(make_sop, to_state):  # type: ignore[no-untyped-def]
    """Revision 1, in force since 2 January 2025."""
    return to_state(make_sop(), "berlaku")


def _replace(world, first, *, berlaku: dt.date):  # type: ignore[no-untyped-def]
    """Revision 2 (renamed), through the whole workflow, in force from ``berlaku``."""
    from sopap.web.authoring.models import RevisionEdit
    from sopap.web.authoring.services import revision_set_fields

    second = wf.review_open(sop=first, actor=fresh(world.drafter))
    revision_set_fields(
        sop=second,
        actor=fresh(world.drafter),
        updates={"nama": "Mekanisme Penyusunan SPJ (revisi)"},
        action=RevisionEdit.Action.SAVED,
    )
    wf.sop_submit(sop=second, actor=fresh(world.drafter))
    wf.verification_approve(sop=second, actor=fresh(world.verifier1))
    wf.verification_approve(sop=second, actor=fresh(world.verifier2))
    wf.sop_approve(sop=second, actor=fresh(world.head))
    wf.sop_decree(
        sop=second,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/20/2026",
        keputusan_tanggal=berlaku,
        tanggal_berlaku=berlaku,
    )
    second.refresh_from_db()
    return second


def _line(world, tahun, semester, today=LATER):  # type: ignore[no-untyped-def]
    summary = next(
        s
        for s in period_report(
            user=fresh(world.admin), periode=Periode("semester", tahun, semester), today=today
        )
        if s.pd == world.pd
    )
    return (
        summary.in_force,
        summary.monitored,
        summary.ran_badly,
        summary.review_overdue,
        len(summary.findings),
    )


def test_a_withdrawn_sop_stays_in_the_reports_of_the_semesters_it_was_in_force(world, first):
    monitoring_record(
        actor=fresh(world.verifier1),
        document=first.document,
        tanggal=dt.date(2025, 3, 1),
        cara="observasi",
        penilaian=Penilaian.TIDAK_BAIK,
        tindakan="Sosialisasi ulang.",
    )
    wf.sop_withdraw(sop=first, actor=fresh(world.admin), notes="Tidak dipakai lagi.")
    assert _line(world, 2025, 1) == (1, 1, 1, 0, 1)
    assert (
        overview(user=fresh(world.admin), periode=Periode("semester", 2030, 1), today=dt.date(2030, 1, 2))
        == []
    )


def test_an_sop_is_not_counted_before_it_came_into_force(world, first):
    assert _line(world, 2024, 2) == (0, 0, 0, 0, 0)
    assert _line(world, 2025, 1) == (1, 0, 0, 0, 0)


def test_overdue_reviews_are_counted_as_at_the_end_of_the_semester(world, first):
    assert _line(world, 2026, 2) == (1, 0, 0, 0, 0)  # due 2 January 2027
    assert _line(world, 2027, 1) == (1, 0, 0, 1, 0)
    # While the semester lasts, as at today.
    assert _line(world, 2027, 1, today=dt.date(2027, 1, 1)) == (1, 0, 0, 0, 0)


def test_a_review_that_changes_nothing_moves_the_due_date_two_years_on(world, first):
    with pytest.raises(DomainError, match="Tuliskan siapa"):
        review_record(
            actor=fresh(world.head), document=first.document, tanggal=dt.date(2026, 11, 1), catatan=""
        )
    review_record(
        actor=fresh(world.head),
        document=first.document,
        tanggal=dt.date(2026, 11, 1),
        catatan="Tim SOP: masih sesuai.",
    )
    assert _line(world, 2027, 1) == (1, 0, 0, 0, 0)
    row = overview(user=fresh(world.admin), periode=Periode("semester", 2027, 1), today=LATER)[0]
    assert row.review_due == dt.date(2028, 11, 1)


def test_a_replaced_sop_counts_once_and_each_record_belongs_to_the_revision_then_in_force(world, first):
    second = _replace(world, first, berlaku=dt.date(2026, 1, 15))
    document = first.document
    assert revision_in_force_on(document=document, day=dt.date(2026, 1, 14)) == first
    assert revision_in_force_on(document=document, day=dt.date(2026, 1, 15)) == second
    early = monitoring_record(
        actor=fresh(world.verifier1),
        document=document,
        tanggal=dt.date(2026, 1, 10),
        cara="wawancara",
        penilaian=Penilaian.TIDAK_BAIK,
        tindakan="Ganti formulir.",
    )
    assert early.revision == first
    # The evaluation of 2025, written in 2026 after the new revision came into force, judges revision 1.
    evaluation = evaluation_record(
        actor=fresh(world.head),
        document=document,
        tahun=2025,
        answers={k: True for k, _label in CRITERIA},
        rekomendasi="tetap",
    )
    assert evaluation.revision == first
    summary = next(
        s
        for s in period_report(user=fresh(world.admin), periode=Periode("semester", 2026, 1), today=LATER)
        if s.pd == world.pd
    )
    assert summary.in_force == 1 and summary.rows[0].revision == second
    assert [m.revision.nama for _row, m in summary.findings] == [SOP_DATA["nama"]]
    assert Monitoring.objects.count() == 1 and Evaluation.objects.count() == 1
