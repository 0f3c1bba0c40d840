"""Writes of background jobs: queueing one for a user, and what its task reports while it runs.

A task that keeps a job takes `job_id` and runs its work inside `job_running(job_id)`: the job is running
from the block's start, its progress is what the task says, and it ends succeeded (with the result the
task gave, if any) when the block ends, or failed when the block raises. `job_id=None` is work nobody
asked for (the daily schedule): the same task runs, reporting to no one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from sopap.web.jobs.models import Job, ScheduledRun
from sopap.web.shared.errors import DomainError

log = logging.getLogger(__name__)

MESSAGE_MAX = Job._meta.get_field("message").max_length or 500
# A loop's steps (`JobReport.step`) reach the job row at most this often: the page polls every 2 s.
STEP_SECONDS = 1.0


def job_enqueue(*, user: Any, title: str, task: Any, **kwargs: Any) -> Job:
    """Record a job for `user` and queue `task(job_id=..., **kwargs)` once the caller's transaction has
    committed, so that the worker (or, in the demo, this very process) finds every row the task reads."""
    job = Job.objects.create(user=user, title=title[: Job._meta.get_field("title").max_length])

    def enqueue() -> None:
        result = task.enqueue(job_id=job.pk, **kwargs)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


class JobReport:
    """What a running task tells its job: every `progress` is one UPDATE, seen by the next poll of the
    page; the many `step`s of a long loop are written at most once per `STEP_SECONDS`."""

    def __init__(self, job_id: int | None) -> None:
        self.job_id = job_id
        self.result_url = ""
        self.result_file: tuple[str, bytes] | None = None
        self._written_at: float | None = None

    def progress(self, percent: float, message: str = "") -> None:
        if self.job_id is None:
            return
        Job.objects.filter(pk=self.job_id).update(
            progress=max(0, min(100, int(percent))), message=message[:MESSAGE_MAX]
        )
        self._written_at = time.monotonic()

    def step(self, percent: float, message: str | Callable[[], str] = "") -> None:
        """One step of a loop: written unless the job row was written less than `STEP_SECONDS` ago.
        ``message`` may be a callable giving the text, so that a step left unwritten costs nothing."""
        if self.job_id is None:
            return
        if self._written_at is not None and time.monotonic() - self._written_at < STEP_SECONDS:
            return
        self.progress(percent, message() if callable(message) else message)

    def result_link(self, url: str) -> None:
        self.result_url = url

    def result_content(self, name: str, content: bytes) -> None:
        self.result_file = (name, content)


def _start(job_id: int) -> None:
    Job.objects.filter(pk=job_id).update(state=Job.State.RUNNING, started_at=timezone.now(), error="")


def _succeed(job_id: int, report: JobReport) -> None:
    job = Job.objects.get(pk=job_id)
    if report.result_file is not None:
        name, content = report.result_file
        job.result_file.save(name, ContentFile(content), save=False)
    job.result_url = report.result_url
    job.state = Job.State.SUCCEEDED
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(update_fields=["result_file", "result_url", "state", "progress", "finished_at"])


def _fail(job_id: int, error: str) -> None:
    Job.objects.filter(pk=job_id).update(state=Job.State.FAILED, error=error, finished_at=timezone.now())


@contextlib.contextmanager
def job_running(job_id: int | None) -> Iterator[JobReport]:
    """Run the block as job `job_id`; the exception of a failing block is re-raised after it is recorded,
    so that the task's own result says failed too."""
    report = JobReport(job_id)
    if job_id is None:
        yield report
        return
    _start(job_id)
    try:
        yield report
    except DomainError as exc:
        _fail(job_id, exc.message)
        raise
    except Exception:
        log.exception("job %s failed", job_id)
        _fail(job_id, "")
        raise
    _succeed(job_id, report)


def scheduled_run_claim(*, name: str, day: dt.date, task: Any) -> bool:
    """Queue `task` as the run of `name` for `day` unless one was queued already (by this worker before a
    restart, or by another worker): the row's unique key decides, in the same transaction as the task's
    own row, so a day's run is queued exactly once. Returns whether this call queued it."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(name=name, day=day)
            run.task_id = str(task.enqueue().id)
            run.save(update_fields=["task_id"])
    except IntegrityError:
        return False
    return True
