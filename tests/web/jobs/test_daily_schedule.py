"""The daily work (putting decreed SOPs in force on their date, pruning the render cache) is queued once a
day by whichever worker asks first, and run by the worker; the demo runs the same worker in threads."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sopap.web.authoring.models import RenderedFile
from sopap.web.jobs.models import Job, ScheduledRun
from sopap.web.shared.status import Status
from sopap.web.worker import Background, Scheduler, daily_tasks, schedule_due
from sopap.web.workflow import services as wf
from tests.web.conftest import fresh
from tests.web.tasks import run_queued

DEADLINE_SECONDS = 120


@pytest.mark.django_db
def test_each_daily_task_is_queued_once_a_day_however_often_and_by_however_many_workers_it_is_asked() -> None:
    today = dt.date(2026, 3, 2)
    assert sorted(schedule_due(today=today)) == sorted(daily_tasks())
    assert schedule_due(today=today) == [] and schedule_due(today=today) == []
    assert sorted(schedule_due(today=today + dt.timedelta(days=1))) == sorted(daily_tasks())
    assert ScheduledRun.objects.count() == 2 * len(daily_tasks())
    assert DBTaskResult.objects.count() == 2 * len(daily_tasks())
    assert set(ScheduledRun.objects.values_list("task_id", flat=True)) == {
        str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)
    }


@pytest.mark.django_db
def test_the_daily_run_puts_a_decreed_sop_in_force_on_its_date_and_draws_its_files(
    world: Any, make_sop: Any, to_state: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sop = to_state(make_sop(), "disahkan")
    later = timezone.localdate() + dt.timedelta(days=10)
    wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/12/2026",
        keputusan_tanggal=timezone.localdate(),
        tanggal_berlaku=later,
    )
    schedule_due()
    run_queued()
    sop.refresh_from_db()
    assert sop.status == Status.DITETAPKAN

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert sorted(schedule_due()) == sorted(daily_tasks())
    with django_capture_on_commit_callbacks(execute=True):
        run_queued()
    sop.refresh_from_db()
    assert sop.status == Status.BERLAKU
    assert DBTaskResult.objects.filter(task_path__endswith="put_in_force_due").count() == 2
    run_queued()  # what going into force queued: its files, drawn by the same worker
    assert RenderedFile.objects.filter(revision=sop, rendered_at__isnull=False).count() > 0
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def _wait_for(condition: Any, what: str) -> None:
    changed = threading.Event()
    for _ in range(DEADLINE_SECONDS * 10):
        if condition():
            return
        changed.wait(0.1)
    raise AssertionError(f"not reached in {DEADLINE_SECONDS} s: {what}")


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_of_a_worker_queues_the_days_work_as_soon_as_it_starts() -> None:
    scheduler = Scheduler(every=3600)
    scheduler.start()
    try:
        _wait_for(lambda: ScheduledRun.objects.count() == len(daily_tasks()), "the day's runs queued")
    finally:
        scheduler.stop()
        scheduler.join(DEADLINE_SECONDS)
    assert set(ScheduledRun.objects.values_list("day", flat=True)) == {timezone.localdate()}
    assert not scheduler.is_alive()


@pytest.mark.django_db(transaction=True)
def test_the_demo_runs_queued_jobs_in_threads_of_its_own_without_a_worker_process(
    world: Any, make_sop: Any, to_state: Any
) -> None:
    sop = to_state(make_sop(), "berlaku")
    job = Job.objects.get()
    background = Background(interval=0.1).start()
    try:
        _wait_for(lambda: Job.objects.get(pk=job.pk).state == Job.State.SUCCEEDED, "the decree's job done")
    finally:
        background.stop()
    assert RenderedFile.objects.filter(revision=sop, rendered_at__isnull=False).exists()
    assert not background.thread.is_alive() and not background.scheduler.is_alive()
