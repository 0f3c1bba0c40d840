# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""The inventory of the SOPs a Perangkat Daerah needs (Perwali Serang 50/2017 Pasal 11-12; the method of
the Buleleng book): per unit, from its tugas and fungsi, each kegiatan, its output and the aspek of the
work, a proposed title (aspek + output). Each entry is not yet written, being written (linked to its
draft) or in force (its SOP is)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.models import SopDocument
from sopap.web.organisations.models import PerangkatDaerah, Unit


class EntryStatus(models.TextChoices):
    BELUM = "belum", _("Belum disusun")
    PENYUSUNAN = "penyusunan", _("Dalam penyusunan")
    BERLAKU = "berlaku", _("Berlaku")


class InventoryEntry(models.Model):
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="inventory")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    tugas_fungsi = models.TextField(_("tugas dan fungsi"), blank=True)
    kegiatan = models.TextField(_("kegiatan"))
    output = models.TextField(_("output"), blank=True)
    aspek = models.CharField(_("aspek"), max_length=200, blank=True)
    judul = models.CharField(_("judul SOP usulan"), max_length=500)
    document = models.ForeignKey(
        SopDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="inventory_entries"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kebutuhan SOP")
        verbose_name_plural = _("inventaris SOP")
        ordering = ["pd_id", "unit_id", "id"]

    def __str__(self) -> str:
        return self.judul

    @property
    def status(self) -> str:
        if self.document_id is None:
            return EntryStatus.BELUM
        if self.document is not None and self.document.in_force_id is not None:
            return EntryStatus.BERLAKU
        return EntryStatus.PENYUSUNAN

    @property
    def status_label(self) -> str:
        return str(EntryStatus(self.status).label)


class InventoryEvent(models.Model):
    """Every change to a PD's inventory, with a dotted action code, who and when. Append-only."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+")
    entry_id = models.PositiveIntegerField(null=True, blank=True)  # kept after the entry is deleted
    action = models.CharField(_("tindakan"), max_length=40, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    detail = models.TextField(_("keterangan"), blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
