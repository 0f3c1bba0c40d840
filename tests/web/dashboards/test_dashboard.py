"""/dasbor/: where the SOPs of a PD, or of the whole Pemda for the Bagian Organisasi, stand, counted in the
database and drawn as SVG charts beside their tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.dashboards.selectors import dashboard, dashboard_scope
from sopap.web.monitoring.models import CRITERIA, Penilaian
from sopap.web.monitoring.services import evaluation_record, monitoring_record
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def sops(make_sop, to_state):  # type: ignore[no-untyped-def]
    """Two SOPs in force (since 2 January 2025, the fixture's decree), one submitted, one draft."""
    return {
        "berlaku": [
            to_state(make_sop(data={**SOP_DATA, "nama": f"Mekanisme Berlaku {n}"}), "berlaku") for n in (1, 2)
        ],
        "diajukan": to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Diajukan"}), "diajukan"),
        "draf": make_sop(data={**SOP_DATA, "nama": "Mekanisme Draf"}),
    }


def _board(world, user, pd=""):  # type: ignore[no-untyped-def]
    scope = dashboard_scope(user=fresh(user), pd_id=str(pd))
    assert scope is not None
    return dashboard(scope=scope, today=timezone.localdate())


def test_sops_are_counted_by_status_and_by_unit(world, sops):
    board = _board(world, world.head)
    counts = {status: n for status, _label, n in board.by_status}
    assert (counts["berlaku"], counts["diajukan"], counts["draf"], counts["dicabut"]) == (2, 1, 1, 0)
    assert board.grouped_by_unit
    assert [(g.name, g.in_force, g.in_progress) for g in board.groups] == [(world.unit.nama, 2, 2)]


def test_a_pemda_wide_role_sees_every_pd_and_can_narrow_to_one(world, sops):
    board = _board(world, world.sekda)
    assert board.scope.pd is None and not board.grouped_by_unit
    assert [(g.name, g.in_force) for g in board.groups] == [(world.pd.nama, 2)]
    narrowed = _board(world, world.sekda, pd=world.other_pd.pk)
    assert narrowed.scope.pd == world.other_pd and narrowed.in_force == 0


def test_a_pd_the_user_does_not_belong_to_cannot_be_chosen(world, sops):
    board = _board(world, world.other_head, pd=world.pd.pk)
    assert board.scope.pd == world.other_pd and board.in_force == 0


def test_reviews_more_than_two_years_after_coming_into_force_are_overdue(world, sops):
    board = _board(world, world.head)
    in_force_since = sops["berlaku"][0].tanggal_berlaku
    expected_overdue = 2 if in_force_since.replace(year=in_force_since.year + 2) < timezone.localdate() else 0
    assert board.reviews.overdue == expected_overdue
    assert board.reviews.overdue + board.reviews.soon + board.reviews.later == 2


def test_monitoring_coverage_and_results_of_the_current_semester(world, sops):
    today = timezone.localdate()
    monitoring_record(
        actor=fresh(world.head),
        document=sops["berlaku"][0].document,
        tanggal=today,
        cara="observasi",
        penilaian=Penilaian.BAIK,
    )
    board = _board(world, world.head)
    assert (board.monitored, board.in_force, board.monitored_percent) == (1, 2, 50)
    assert dict(board.monitoring_results)[str(Penilaian.BAIK.label)] == 1


def test_evaluations_are_counted_per_criterion_for_the_latest_year(world, sops):
    answers = {key: True for key, _label in CRITERIA}
    first_key = CRITERIA[0][0]
    answers[first_key] = False
    evaluation_record(
        actor=fresh(world.head),
        document=sops["berlaku"][0].document,
        tahun=2025,
        answers=answers,
        rekomendasi="tetap",
    )
    board = _board(world, world.head)
    assert board.evaluation_year == 2025 and board.evaluated == 1
    assert (board.criteria[0].ya, board.criteria[0].tidak) == (0, 1)
    assert all((c.ya, c.tidak) == (1, 0) for c in board.criteria[1:])


def test_the_median_counts_days_from_draft_to_in_force_within_the_last_year(world, sops):
    board = _board(world, world.head)
    in_force = sops["berlaku"][0]
    if timezone.localdate() - in_force.tanggal_berlaku > dt.timedelta(days=365):
        assert board.median_days is None  # put in force more than a year ago
    else:
        assert board.median_days is not None


def test_the_page_draws_each_chart_as_svg_with_its_table(login, world, sops):
    page = login(world.head).get(reverse("dashboards:index"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 5
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "SOP menurut status" in html and "Evaluasi tahun" in html


def test_a_user_without_a_pd_is_told_why(client, world, django_user_model):
    user = django_user_model.objects.create_user(username="tamu", password="pw-tamu-123")
    client.force_login(user)
    page = client.get(reverse("dashboards:index"))
    assert page.status_code == 403 and "Dasbor hanya untuk" in page.content.decode()


def test_sosialisasi_coverage_counts_the_officers_asked_and_those_who_confirmed(world, make_sop, to_state):
    from sopap.web.workflow.services import sop_acknowledge
    from tests.web.positions import sop_staff

    staff = sop_staff(world)
    in_force = to_state(make_sop(), "berlaku")
    sop_acknowledge(sop=in_force, actor=fresh(staff["bendahara"]))
    board = _board(world, world.head)
    assert board.asked == 3 and board.confirmed == 1 and board.confirmed_percent == 33
