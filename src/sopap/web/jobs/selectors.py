"""Reads of background jobs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sopap.web.jobs.models import Job

SHOWN = 50


def jobs_of(*, user: Any, limit: int = SHOWN) -> list[Job]:
    """The user's most recent jobs, newest first."""
    return list(Job.objects.filter(user=user)[:limit])


def job_of(*, user: Any, pk: int) -> Job | None:
    return _own(user).filter(pk=pk).first()


def _own(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(user=user)
