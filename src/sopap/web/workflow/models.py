# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""The log of every workflow transition: who, when, from, to, notes (and notes attached to steps)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.models import Revision
from sopap.web.shared.status import Status


class Transition(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="transitions")
    action = models.CharField(_("tindakan"), max_length=60, db_index=True)  # dotted code: sop.submitted
    from_status = models.CharField(_("dari"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("ke"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    notes = models.TextField(_("catatan"), blank=True)
    verification_step = models.PositiveIntegerField(null=True, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("riwayat alur")
        verbose_name_plural = _("riwayat alur")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}->{self.to_status} by {self.actor}"


class StepNote(models.Model):
    """A verifier's note on one step (1-based), attached to the transition that returned the SOP."""

    transition = models.ForeignKey(Transition, on_delete=models.PROTECT, related_name="step_notes")
    step = models.PositiveIntegerField(_("langkah"))
    text = models.TextField(_("catatan"))

    class Meta:
        ordering = ["step"]
