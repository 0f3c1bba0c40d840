"""`sopap worker`: runs the queued background tasks (django_tasks_db's worker) and, beside them, queues
the daily work once a day.

The schedule is a loop in a thread of the worker process: every minute it asks, for each daily task,
whether today's run was queued (a row per task and day, `jobs.ScheduledRun`), and queues it if not. Any
number of workers may run, on any number of machines: the row's unique key lets one of them queue the
day's run. A worker that was down at midnight queues the day's run when it starts again. "Today" is the
date in the site's time zone (TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from django.db import connections
from django.utils import timezone
from django.utils.crypto import get_random_string

log = logging.getLogger(__name__)

SCHEDULE_SECONDS = 60.0


def daily_tasks() -> dict[str, Any]:
    """name -> task, for the work done once a day."""
    from sopap.web.authoring.tasks import render_cache_prune
    from sopap.web.monitoring.tasks import digest_send_daily
    from sopap.web.workflow.tasks import put_in_force_due

    return {
        "workflow.put_in_force_due": put_in_force_due,
        "authoring.render_cache_prune": render_cache_prune,
        "monitoring.digest_send_daily": digest_send_daily,
    }


def schedule_due(*, today: dt.date | None = None) -> list[str]:
    """Queue every daily task whose run for `today` is not queued yet; returns the names it queued."""
    from sopap.web.jobs.services import scheduled_run_claim

    today = today or timezone.localdate()
    return [
        name for name, task in daily_tasks().items() if scheduled_run_claim(name=name, day=today, task=task)
    ]


class Scheduler(threading.Thread):
    def __init__(self, *, every: float = SCHEDULE_SECONDS) -> None:
        super().__init__(name="sopap-scheduler", daemon=True)
        self.every = every
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                for name in schedule_due():
                    log.info("queued the daily run of %s", name)
            except Exception:  # a database that is away now may be back at the next round
                log.exception("the daily schedule could not be checked")
            finally:
                connections.close_all()
            self.stopping.wait(self.every)

    def stop(self) -> None:
        self.stopping.set()


def worker(*, interval: float = 1.0, batch: bool = False, worker_id: str = "") -> Any:
    """django_tasks_db's worker over the default queue, as `db_worker` would build it."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    )


class Background:
    """The worker and the schedule as daemon threads of this process: `sopap demo`, which has no worker
    process of its own, runs them beside its development server."""

    def __init__(self, *, interval: float = 1.0) -> None:
        self.scheduler = Scheduler()
        self.worker = worker(interval=interval)
        self.thread = threading.Thread(target=self._run, name="sopap-worker", daemon=True)

    def _run(self) -> None:
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def start(self) -> Background:
        self.scheduler.start()
        self.thread.start()
        return self

    def stop(self, *, timeout: float = 60.0) -> None:
        """Let the task in progress finish, then end both threads."""
        self.worker.running = False
        self.scheduler.stop()
        self.thread.join(timeout)
        self.scheduler.join(timeout)
