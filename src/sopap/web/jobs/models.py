# ruff: noqa: RUF012  (Django reads Meta options as plain lists)
"""A background job as its user follows it, and the scheduler's record of the daily work it queued.

The task itself is a row of django_tasks_db (what to run, with which arguments, its attempts); a `Job` is
what the user sees of it: a title, how far it got, and its result (a file in the storage, or a link) or
its error. Any task may keep one: it receives the job's key and reports through `jobs.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "antri", _("Menunggu giliran")
        RUNNING = "berjalan", _("Sedang berjalan")
        SUCCEEDED = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    UNFINISHED = frozenset({State.QUEUED, State.RUNNING})

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("pekerjaan"), max_length=300)
    state = models.CharField(_("keadaan"), max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("keterangan"), max_length=500, blank=True)
    result_file = models.FileField(_("berkas hasil"), upload_to="pekerjaan/%Y/%m/", blank=True)
    result_url = models.CharField(_("tautan hasil"), max_length=500, blank=True)
    # Empty on a failed job means an unexpected error: its page then says so in the reader's language,
    # and the details are in the worker's log, not in front of the user.
    error = models.TextField(_("galat"), blank=True)
    task_id = models.CharField(_("nomor tugas"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_recent")]

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"

    @property
    def is_unfinished(self) -> bool:
        return self.state in self.UNFINISHED


class ScheduledRun(models.Model):
    """One row per scheduled task and day: the worker that inserts it queues that day's run, and every
    other worker (or a restart of the same one) finds the row and queues nothing."""

    name = models.CharField(max_length=200)
    day = models.DateField()
    task_id = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jadwal harian")
        verbose_name_plural = _("jadwal harian")
        ordering = ["-day", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduled_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
