"""Running the queued background tasks inside a test, with the worker `sopap worker` runs."""

from __future__ import annotations

from unittest import mock

from sopap.web.worker import worker


def run_queued() -> None:
    """Run every queued task in this thread, then return. The worker closes connections it thinks stale
    between tasks; inside a test's transaction that would be the test's own, so it is left open here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None):
        worker(batch=True).run()
