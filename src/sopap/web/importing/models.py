# ruff: noqa: RUF012  (Django reads Meta options as plain lists)
"""An import batch (one upload), its files and the SOPs found in them, each waiting for a drafter's review.

The found SOP's `.sop.yaml` text is what the drafter corrects and accepts; the importer's first reading
stays beside it, so that what was corrected can be told from what was read. The report is kept as the core
gives it (`SopReport.as_dict`), once per language of the site, since its notes are texts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.jobs.models import Job
from sopap.web.organisations.models import PerangkatDaerah, Unit


class ImportBatch(models.Model):
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    finished_at = models.DateTimeField(_("selesai dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor SOP")
        verbose_name_plural = _("impor SOP")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"impor #{self.pk}"


class ImportFile(models.Model):
    """One file of a batch: an uploaded one, or a member of an uploaded zip (``parent``)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(_("nama berkas"), max_length=300)
    content = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    size = models.PositiveIntegerField(default=0)
    # The original as PDF for its page images (a PDF itself, or LibreOffice's conversion of Word/Excel).
    pdf = models.FileField(upload_to="impor/%Y/%m/", blank=True)
    read = models.BooleanField(default=False)
    # Why nothing could be read from it: {"id": ..., "en": ...}; empty when it was read.
    error = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("berkas impor")
        verbose_name_plural = _("berkas impor")
        ordering = ["batch_id", "id"]

    def __str__(self) -> str:
        return self.name


class FoundSop(models.Model):
    class State(models.TextChoices):
        WAITING = "menunggu", _("Menunggu tinjauan")
        ACCEPTED = "diterima", _("Diterima")
        REJECTED = "ditolak", _("Ditolak")

    class Choice(models.TextChoices):
        NEW = "baru", _("SOP baru")
        REVISION = "revisi", _("Revisi baru SOP yang sudah ada")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="found")
    file = models.ForeignKey(ImportFile, on_delete=models.CASCADE, related_name="found")
    index = models.PositiveIntegerField(_("urutan dalam berkas"))
    nama = models.CharField(_("nama SOP"), max_length=500, blank=True)
    nomor = models.CharField(_("nomor SOP"), max_length=120, blank=True)
    read_yaml = models.TextField(_("hasil baca"))
    yaml_text = models.TextField(_("isi .sop.yaml"))
    report = models.JSONField(default=dict)
    state = models.CharField(_("keadaan"), max_length=20, choices=State.choices, default=State.WAITING)
    choice = models.CharField(_("dijadikan"), max_length=20, choices=Choice.choices, default=Choice.NEW)
    match = models.ForeignKey(SopDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Raised by every correction, so that a form loaded before another correction cannot undo it.
    version = models.PositiveIntegerField(default=1)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("SOP hasil impor")
        verbose_name_plural = _("SOP hasil impor")
        ordering = ["batch_id", "file_id", "index"]

    def __str__(self) -> str:
        return self.nama or f"SOP {self.index + 1}"

    @property
    def corrected(self) -> bool:
        return self.yaml_text != self.read_yaml


class ImportEvent(models.Model):
    """What was done with an import, with a dotted action code, who and when: import.uploaded,
    sop.imported (a found SOP became a new draft), sop.imported_as_revision, import.rejected.
    Append-only; it names the batch and the file in words, since batches are working material."""

    action = models.CharField(_("tindakan"), max_length=40, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    detail = models.CharField(_("keterangan"), max_length=500, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat impor")
        verbose_name_plural = _("riwayat impor")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor}"
