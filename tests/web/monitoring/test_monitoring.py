"""Monitoring and the yearly evaluation of SOPs in force, recorded by superiors and the admin organisasi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.models import CRITERIA, Evaluation, Monitoring, Penilaian
from sopap.web.monitoring.selectors import Periode, overview, review_due
from sopap.web.monitoring.services import evaluation_record, monitoring_record
from sopap.web.shared.errors import DomainError, PermissionDenied
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db
ALL_YES = {key: True for key, _label in CRITERIA}


@pytest.fixture
def in_force(make_sop, to_state):  # type: ignore[no-untyped-def]
    """An SOP in force since 2 January 2025 (decreed that day)."""
    return to_state(make_sop(), "berlaku").document


def test_a_verifier_records_a_monitoring_and_the_overview_shows_it(login, world, in_force):
    client = login(world.verifier1)
    response = client.post(
        reverse("monitoring:sop", args=[in_force.pk]),
        {
            "tanggal": "2025-03-10",
            "cara": "observasi",
            "penilaian": "baik",
            "catatan": "Dijalankan sesuai urutan.",
        },
    )
    assert response.status_code == 302
    monitoring = Monitoring.objects.get(document=in_force)
    assert (monitoring.by, monitoring.revision, monitoring.penilaian) == (
        world.verifier1,
        in_force.in_force,
        "baik",
    )
    page = client.get(reverse("monitoring:index"), {"tahun": 2025, "semester": 1}).content.decode()
    assert "Berjalan dengan baik" in page and "Mekanisme Penyusunan SPJ" in page


def test_an_sop_not_running_well_needs_the_action_to_take(world, in_force):
    with pytest.raises(DomainError, match="Tuliskan tindakan"):
        monitoring_record(
            actor=fresh(world.head),
            document=in_force,
            tanggal=dt.date(2025, 3, 1),
            cara="wawancara",
            penilaian=Penilaian.TIDAK_BAIK,
        )
    monitoring_record(
        actor=fresh(world.head),
        document=in_force,
        tanggal=dt.date(2025, 3, 1),
        cara="wawancara",
        penilaian=Penilaian.TIDAK_BAIK,
        tindakan="Sosialisasi ulang kepada PPTK.",
    )
    assert Monitoring.objects.filter(document=in_force).count() == 1


def test_a_monitoring_date_lies_between_the_sop_coming_into_force_and_today(world, in_force):
    for day in (dt.date(2024, 12, 31), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(DomainError):
            monitoring_record(
                actor=fresh(world.verifier1),
                document=in_force,
                tanggal=day,
                cara="observasi",
                penilaian=Penilaian.BAIK,
            )


def test_only_sops_in_force_are_monitored(world, make_sop):
    draft = make_sop().document
    with pytest.raises(DomainError, match="yang berlaku"):
        monitoring_record(
            actor=fresh(world.verifier1),
            document=draft,
            tanggal=dt.date(2025, 3, 1),
            cara="observasi",
            penilaian=Penilaian.BAIK,
        )


@pytest.mark.parametrize("who", ["drafter", "auditor", "other_head", "other_verifier"])
def test_others_cannot_record(login, world, in_force, who):
    with pytest.raises(PermissionDenied):
        monitoring_record(
            actor=fresh(world.users[who]),
            document=in_force,
            tanggal=dt.date(2025, 3, 1),
            cara="observasi",
            penilaian=Penilaian.BAIK,
        )
    response = login(world.users[who]).post(
        reverse("monitoring:sop", args=[in_force.pk]),
        {
            "tanggal": "2025-03-10",
            "cara": "observasi",
            "penilaian": "baik",
        },
    )
    assert response.status_code in (403, 404)
    assert not Monitoring.objects.exists()


def test_a_drafter_and_the_auditor_read_but_another_pd_does_not_see(login, world, in_force):
    assert login(world.drafter).get(reverse("monitoring:sop", args=[in_force.pk])).status_code == 200
    assert login(world.auditor).get(reverse("monitoring:sop", args=[in_force.pk])).status_code == 200
    assert login(world.other_drafter).get(reverse("monitoring:sop", args=[in_force.pk])).status_code == 404
    page = login(world.other_drafter).get(reverse("monitoring:index")).content.decode()
    assert "Mekanisme Penyusunan SPJ" not in page


def test_the_yearly_evaluation_answers_every_criterion_and_is_corrected_by_recording_it_again(
    login, world, in_force
):
    with pytest.raises(DomainError, match="Jawab setiap kriteria"):
        evaluation_record(
            actor=fresh(world.head),
            document=in_force,
            tahun=2025,
            answers={"kinerja": True},
            rekomendasi="tetap",
        )
    with pytest.raises(DomainError, match="Tuliskan catatan"):
        evaluation_record(
            actor=fresh(world.head),
            document=in_force,
            tahun=2025,
            answers=ALL_YES,
            rekomendasi="disempurnakan",
        )
    evaluation_record(
        actor=fresh(world.head), document=in_force, tahun=2025, answers=ALL_YES, rekomendasi="tetap"
    )
    form = {f"k_{key}": "ya" for key, _label in CRITERIA} | {
        "k_sinergi": "tidak",
        "rekomendasi": "disempurnakan",
        "catatan": "Langkah 3 dan 4 tumpang tindih.",
        "versi": "1",
    }
    response = login(world.admin).post(reverse("monitoring:evaluation", args=[in_force.pk, 2025]), form)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(document=in_force, tahun=2025)
    assert (evaluation.rekomendasi, evaluation.score, evaluation.by) == ("disempurnakan", 6, world.admin)


def test_an_evaluation_of_a_year_to_come_or_before_the_sop_is_refused(world, in_force):
    for tahun in (timezone.localdate().year + 1, 2024):
        with pytest.raises(DomainError):
            evaluation_record(
                actor=fresh(world.head), document=in_force, tahun=tahun, answers=ALL_YES, rekomendasi="tetap"
            )


def test_a_review_is_due_two_years_after_the_sop_came_into_force(world, in_force):
    assert review_due(dt.date(2025, 1, 2)) == dt.date(2027, 1, 2)
    assert review_due(dt.date(2024, 2, 29)) == dt.date(2026, 2, 28)
    before = overview(user=fresh(world.head), periode=Periode("semester", 2026, 2), today=dt.date(2027, 1, 1))
    after = overview(user=fresh(world.head), periode=Periode("semester", 2027, 1), today=dt.date(2027, 1, 3))
    assert [r.review_overdue for r in before] == [False] and [r.review_overdue for r in after] == [True]


def test_the_pages_need_a_login(client, world, in_force):
    for url in (
        reverse("monitoring:index"),
        reverse("monitoring:sop", args=[in_force.pk]),
        reverse("monitoring:evaluation", args=[in_force.pk, 2025]),
        reverse("monitoring:report"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
