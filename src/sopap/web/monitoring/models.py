# ruff: noqa: RUF012  (Django reads Meta options as plain lists)
"""Monitoring and the yearly evaluation of SOPs in force (Perwali Serang 50/2017, BAB VIII and XI;
the forms of Permenpan RB 35/2012: "monitoring pelaksanaan SOP AP" and "evaluasi penerapan SOP AP").

A monitoring is one observation of an SOP at work: how it was looked at (observation, interview, a working
group's discussion), whether it ran well, what was noted and what must be done. An evaluation is the
yearly judgement of an SOP against the seven criteria of the Permenpan, with a recommendation: keep it,
improve it (kaji ulang), or withdraw it. Both belong to the revision that was in force at the time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.models import Revision, SopDocument

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Cara(models.TextChoices):
    OBSERVASI = "observasi", _("Observasi")
    WAWANCARA = "wawancara", _("Wawancara")
    DISKUSI = "diskusi", _("Diskusi kelompok kerja")


class Penilaian(models.TextChoices):
    BAIK = "baik", _("Berjalan dengan baik")
    TIDAK_BAIK = "tidak_baik", _("Tidak berjalan dengan baik")


class Rekomendasi(models.TextChoices):
    TETAP = "tetap", _("Tetap dipakai")
    DISEMPURNAKAN = "disempurnakan", _("Disempurnakan (kaji ulang)")
    DICABUT = "dicabut", _("Dicabut")


# The criteria of the evaluation form of Permenpan RB 35/2012, each answered Ya or Tidak.
CRITERIA: list[tuple[str, StrOrPromise]] = [
    ("kinerja", _("Mampu mendorong peningkatan kinerja")),
    ("dipahami", _("Mudah dipahami")),
    ("dilaksanakan", _("Mudah dilaksanakan")),
    ("peran", _("Semua orang dapat menjalankan perannya masing-masing")),
    ("masalah", _("Mampu mengatasi permasalahan yang berkaitan dengan proses")),
    ("kebutuhan", _("Mampu menjawab kebutuhan peningkatan kinerja organisasi")),
    ("sinergi", _("Sinergi satu dengan lainnya")),
]


class _RecordOfSop(models.Model):
    """What every record here has: the SOP, the revision in force that it concerns, who and when."""

    document = models.ForeignKey(SopDocument, on_delete=models.CASCADE, related_name="%(class)ss")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="%(class)ss")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Monitoring(_RecordOfSop):
    tanggal = models.DateField(_("tanggal"))
    cara = models.CharField(_("cara"), max_length=20, choices=Cara.choices)
    penilaian = models.CharField(_("penilaian"), max_length=20, choices=Penilaian.choices)
    catatan = models.TextField(_("catatan hasil penilaian"), blank=True)
    tindakan = models.TextField(_("tindakan yang harus diambil"), blank=True)

    class Meta:
        verbose_name = _("monitoring")
        verbose_name_plural = _("monitoring")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return f"{self.document} {self.tanggal} {self.penilaian}"


class Review(_RecordOfSop):
    """A kaji ulang (Perwali Serang 50/2017 Pasal 27) that found the SOP still right as it is: the next
    review falls due two years after it. A review that finds changes needed opens a new revision instead
    (the workflow's Kaji ulang), and the new revision's coming into force starts the two years again."""

    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kaji ulang tanpa perubahan")
        verbose_name_plural = _("kaji ulang tanpa perubahan")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return f"{self.document} {self.tanggal}"


class Evaluation(_RecordOfSop):
    tahun = models.PositiveIntegerField(_("tahun"))
    answers = models.JSONField(_("jawaban"), default=dict)  # criterion key -> True (Ya) / False (Tidak)
    catatan = models.TextField(_("catatan"), blank=True)
    # step number (as text, JSON's keys) -> finding on that step; a "disempurnakan" evaluation hands them to
    # the Kaji ulang's draft as notes on its steps.
    catatan_langkah = models.JSONField(_("catatan per langkah"), default=dict, blank=True)
    rekomendasi = models.CharField(_("rekomendasi"), max_length=20, choices=Rekomendasi.choices)
    at = models.DateTimeField(auto_now=True)  # last corrected

    class Meta:
        verbose_name = _("evaluasi")
        verbose_name_plural = _("evaluasi")
        ordering = ["-tahun", "-id"]
        constraints = [models.UniqueConstraint(fields=["document", "tahun"], name="evaluation_one_per_year")]

    def __str__(self) -> str:
        return f"{self.document} {self.tahun} {self.rekomendasi}"

    @property
    def score(self) -> int:
        """How many criteria were answered Ya."""
        return sum(1 for key, _label in CRITERIA if self.answers.get(key))


class EvaluationEntry(models.Model):
    """Each recording of a year's evaluation, first or corrected, as it was: the evaluation itself keeps
    only the latest answers, this log keeps every one (evaluation.recorded, evaluation.corrected). Append-only."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="entries")
    action = models.CharField(_("tindakan"), max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    answers = models.JSONField(_("jawaban"), default=dict)
    rekomendasi = models.CharField(_("rekomendasi"), max_length=20, choices=Rekomendasi.choices)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat evaluasi")
        verbose_name_plural = _("riwayat evaluasi")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.evaluation} by {self.by}"


class Digest(models.Model):
    """One e-mail digest sent to one account on one day: the unique key makes it at most one a day, whoever
    sends it (the daily job, `sopap digest`, two workers at once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("tanggal"))
    sent_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    to = models.CharField(_("kepada"), max_length=254)
    items = models.PositiveIntegerField(_("jumlah butir"), default=0)

    class Meta:
        verbose_name = _("ringkasan surel")
        verbose_name_plural = _("ringkasan surel")
        ordering = ["-day", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class DigestItem(models.Model):
    """A thing a digest told an account about, by its stable key (``sop.returned:<transition>``,
    ``monitoring:<document>:<semester>``...): a later digest leaves out every key the account was already
    mailed, so nobody hears of the same thing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="entries")
    first_sent = models.DateTimeField(_("pertama dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("butir ringkasan surel")
        verbose_name_plural = _("butir ringkasan surel")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="digest_item_once")]

    def __str__(self) -> str:
        return f"{self.user} {self.key}"
