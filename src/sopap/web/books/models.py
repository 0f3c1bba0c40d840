# ruff: noqa: RUF012  (Django reads Meta options as plain lists)
"""What a Buku SOP and its Keputusan say besides their SOPs, kept per Perangkat Daerah (or once for the
whole Pemda: the book and the Keputusan Wali Kota/Bupati the Bagian Organisasi prepares), and the log of
what was changed and built.

An empty text means the wording of the seed books (`sopap.core.book.settings`); the form shows that
wording, so what is saved is what the book prints.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import Pemda, PerangkatDaerah


class BookSettings(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    # Empty: the Pemda-wide book and Keputusan.
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=300, blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    tempat = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    kata_pengantar = models.TextField(_("kata pengantar"), blank=True)
    penandatangan_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=300, blank=True)
    penandatangan_nama = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    penandatangan_pangkat = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    penandatangan_nip = models.CharField(_("NIP"), max_length=40, blank=True)
    menimbang = models.TextField(_("menimbang"), blank=True)
    mengingat = models.TextField(_("mengingat"), blank=True)
    tembusan = models.TextField(_("tembusan"), blank=True)
    # Every save raises it; a form loaded from an older one is refused (nobody's text silently replaces
    # another's).
    version = models.PositiveIntegerField(_("versi"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengaturan buku SOP")
        verbose_name_plural = _("pengaturan buku SOP")
        constraints = [
            models.UniqueConstraint(fields=["pd"], name="book_settings_one_per_pd"),
            models.UniqueConstraint(
                fields=["pemda"], condition=Q(pd__isnull=True), name="book_settings_one_per_pemda"
            ),
        ]

    def __str__(self) -> str:
        return str(self.pd or self.pemda)


class BookEvent(models.Model):
    """What was done to a book or a Keputusan, with a dotted action code, who and when: book.settings_changed,
    book.built, book.keputusan_built. Append-only."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("tindakan"), max_length=40, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    detail = models.CharField(_("keterangan"), max_length=500, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat buku SOP")
        verbose_name_plural = _("riwayat buku SOP")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.pd or self.pemda} by {self.actor}"
