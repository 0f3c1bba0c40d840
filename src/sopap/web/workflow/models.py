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


class Trial(models.Model):
    """An uji coba (Perwali Serang 50/2017 Pasal 18 (3)-(5)): the verified draft tried out by the PD itself,
    witnessed by its superiors, with what was found and whether it goes on to approval or back to be fixed.
    Recorded with the transition that logs it (sop.trial.recorded, or sop.trial.returned for perbaiki)."""

    class Hasil(models.TextChoices):
        LANJUT = "lanjut", _("Lanjut ke pengesahan")
        PERBAIKI = "perbaiki", _("Perbaiki dulu (kembali ke penyusun)")

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="trials")
    transition = models.OneToOneField(Transition, on_delete=models.PROTECT, related_name="trial")
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    saksi = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trials_witnessed", verbose_name=_("saksi")
    )
    # Witnesses without an account (a head of another PD, say), one name per line.
    saksi_lain = models.TextField(_("saksi lain"), blank=True)
    temuan = models.TextField(_("temuan"), blank=True)
    hasil = models.CharField(_("hasil"), max_length=20, choices=Hasil.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("uji coba")
        verbose_name_plural = _("uji coba")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.revision} {self.mulai}..{self.selesai} {self.hasil}"

    @property
    def witness_names(self) -> list[str]:
        users = [str(u.get_full_name() or u.username) for u in self.saksi.all()]
        return users + [line.strip() for line in self.saksi_lain.splitlines() if line.strip()]


class WithdrawalProposal(models.Model):
    """A proposal to withdraw an SOP in force, made by an evaluation that recommends "dicabut" (Pasal 25 (2)):
    the admin organisasi withdraws the SOP (the workflow's Cabut) or dismisses the proposal with a reason."""

    class State(models.TextChoices):
        OPEN = "terbuka", _("Menunggu keputusan")
        DONE = "dilaksanakan", _("SOP dicabut")
        DISMISSED = "ditolak", _("Usulan ditolak")

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="withdrawal_proposals")
    source = models.CharField(_("asal usulan"), max_length=200)
    reason = models.TextField(_("alasan"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)
    state = models.CharField(_("keadaan"), max_length=20, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    resolution = models.TextField(_("keputusan"), blank=True)

    class Meta:
        verbose_name = _("usulan pencabutan")
        verbose_name_plural = _("usulan pencabutan")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.revision} {self.state}"


class AcknowledgementRequest(models.Model):
    """Sosialisasi (Perwali Serang 50/2017 Pasal 21 (d) and 22): when a revision comes into force, each
    account holding, in its PD, a position the SOP names as an actor is asked to read it and confirm. A new
    revision asks again; what was confirmed of an earlier one stays with that one."""

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="acknowledgement_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The SOP's actor whose position the account holds (empty for someone who read it unasked).
    jabatan = models.CharField(_("jabatan"), max_length=300, blank=True)
    at = models.DateTimeField(_("diminta"), auto_now_add=True)

    class Meta:
        verbose_name = _("permintaan konfirmasi baca SOP")
        verbose_name_plural = _("permintaan konfirmasi baca SOP")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "user"], name="acknowledgement_request_unique")
        ]

    def __str__(self) -> str:
        return f"{self.revision} → {self.user}"


class Acknowledgement(models.Model):
    """An account's confirmation that it has read a revision in force (sop.acknowledged): once per
    revision, append-only."""

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("tindakan"), max_length=40, default="sop.acknowledged")
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("konfirmasi baca SOP")
        verbose_name_plural = _("konfirmasi baca SOP")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["revision", "user"], name="acknowledgement_unique")]

    def __str__(self) -> str:
        return f"{self.action} {self.revision} by {self.user}"
