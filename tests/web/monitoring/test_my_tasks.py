""" "Tugas saya": the home of a logged-in user lists what waits for them and what the monitoring cycle asks
of them now, each item linking to where it is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sopap.web.monitoring.due import reports_due, tasks_for
from sopap.web.monitoring.models import Cara, Penilaian
from sopap.web.monitoring.services import monitoring_record
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


def test_logging_in_lands_on_tugas_saya(client, world):
    response = client.post(
        reverse("organisations:login"),
        {"username": world.drafter.username, "password": f"pw-{world.drafter.username}-123"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("tasks")


def test_a_drafter_sees_the_draft_returned_to_them_with_its_notes(login, world, make_sop):
    sop = make_sop(data={**SOP_DATA, "nama": "Mekanisme Yang Dikembalikan"})
    wf.sop_submit(sop=sop, actor=fresh(world.drafter))
    wf.verification_return(sop=sop, actor=fresh(world.verifier1), notes="Lengkapi dasar hukum")
    html = login(world.drafter).get(reverse("tasks")).content.decode()
    assert "Mekanisme Yang Dikembalikan" in html and "Dikembalikan" in html
    assert reverse("workflow:sop_detail", args=[sop.document_id]) in html
    # A drafter records no monitoring: the cycle's sections are not theirs.
    assert "Evaluasi tahun" not in html


def test_a_verifier_sees_what_to_verify_and_the_monitoring_evaluation_and_review_due(
    login, world, make_sop, to_state
):
    waiting = make_sop(data={**SOP_DATA, "nama": "Mekanisme Menunggu Verifikasi"})
    wf.sop_submit(sop=waiting, actor=fresh(world.drafter))
    in_force = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Yang Berlaku"}), "berlaku")
    page = login(world.verifier1).get(reverse("tasks"))
    html = page.content.decode()
    assert "Mekanisme Menunggu Verifikasi" in html
    assert "1 SOP berlaku belum dimonitor pada semester ini" in html
    assert "1 SOP berlaku belum dievaluasi tahun ini" in html
    assert reverse("monitoring:evaluation", args=[in_force.document_id, timezone.localdate().year]) in html
    # Decreed on 2 January 2025: reviewed by 2 January 2027 at the latest (Pasal 27), due within 90 days
    # from December 2026 on, and overdue later.
    assert [r.document.pk for r in page.context["tasks"].reviews] == [in_force.document_id]
    assert reverse("monitoring:report") in html


def test_a_monitoring_recorded_takes_the_sop_off_the_list(world, make_sop, to_state):
    in_force = to_state(make_sop(), "berlaku")
    today = timezone.localdate()
    assert [r.document.pk for r in tasks_for(user=fresh(world.verifier1), today=today).unmonitored] == [
        in_force.document_id
    ]
    monitoring_record(
        actor=fresh(world.verifier1),
        document=in_force.document,
        tanggal=today,
        cara=Cara.OBSERVASI,
        penilaian=Penilaian.BAIK,
    )
    assert tasks_for(user=fresh(world.verifier1), today=today).unmonitored == []


def test_a_review_overdue_is_listed_first_and_says_so(login, world, make_sop, to_state):
    in_force = to_state(make_sop(), "berlaku")
    tasks = tasks_for(user=fresh(world.verifier1), today=dt.date(2027, 3, 1))
    assert [r.document.pk for r in tasks.reviews] == [in_force.document_id]
    assert tasks.reviews[0].review_overdue


def test_the_reports_due_follow_the_regulation_periods():
    march = {r.periode.key: r.due for r in reports_due(today=dt.date(2027, 2, 10))}
    assert march == {
        "2027-T1": dt.date(2027, 3, 31),
        "2027-S1": dt.date(2027, 6, 30),
        "2026": dt.date(2027, 3, 31),
    }
    assert "2026" not in {r.periode.key for r in reports_due(today=dt.date(2027, 4, 1))}


def test_with_nothing_waiting_the_page_says_so(login, world):
    html = login(world.drafter).get(reverse("tasks")).content.decode()
    assert "Tidak ada yang menunggu Anda saat ini." in html


def test_the_page_makes_as_many_queries_for_many_sops_as_for_one(login, world, make_sop, to_state):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    to_state(make_sop(), "berlaku")
    # One of each kind at first, so that a query made only when some kind is present is made both times.
    wf.sop_submit(sop=make_sop(data={**SOP_DATA, "nama": "Mekanisme Diajukan"}), actor=fresh(world.drafter))
    client = login(world.verifier1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("tasks"))
    for n in range(4):
        to_state(make_sop(data={**SOP_DATA, "nama": f"Mekanisme Tambahan {n}"}), "berlaku")
        wf.sop_submit(
            sop=make_sop(data={**SOP_DATA, "nama": f"Mekanisme Diajukan {n}"}), actor=fresh(world.drafter)
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("tasks"))
    assert len(many) == len(one)
