# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""SOP documents and their revisions. The `.sop.yaml` text of a revision is the source of truth;
the other columns are denormalised from it (or from the workflow) for listing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.shared.status import Status


class SopDocument(models.Model):
    """One SOP across its revisions."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="sop_documents")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="sop_documents"
    )
    lintas_pd = models.BooleanField(
        _("lintas perangkat daerah"), default=False, help_text=_("Disahkan oleh Sekretaris Daerah.")
    )
    nomor = models.CharField(_("nomor SOP"), max_length=120, null=True, blank=True, unique=True)
    urut = models.PositiveIntegerField(_("nomor urut"), null=True, blank=True)
    head = models.ForeignKey("Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    in_force = models.ForeignKey(
        "Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")

    def __str__(self) -> str:
        return self.head.nama if self.head else f"SOP #{self.pk}"


class Revision(models.Model):
    document = models.ForeignKey(SopDocument, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revisi ke"))
    yaml_text = models.TextField(_("isi .sop.yaml"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAF)
    nama = models.CharField(_("nama SOP"), max_length=500, blank=True)
    nomor = models.CharField(_("nomor SOP"), max_length=120, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Every write of yaml_text raises it; a save that was loaded from an older version is refused
    # (optimistic concurrency: nobody's edit silently overwrites another's).
    version = models.PositiveIntegerField(_("versi"), default=1)
    verification_index = models.PositiveIntegerField(
        default=0, help_text="how many steps of the verification chain have approved"
    )
    # The chain as it was when the revision was submitted ([{"urutan", "jabatan_id", "jabatan"}]), so that an
    # admin changing the PD's chain later does not strand or reroute an SOP already under verification.
    verification_chain = models.JSONField(default=list, blank=True)
    keputusan_nomor = models.CharField(_("nomor keputusan penetapan"), max_length=200, blank=True)
    keputusan_tanggal = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    tanggal_berlaku = models.DateField(_("tanggal berlaku"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("revisi SOP")
        verbose_name_plural = _("revisi SOP")
        ordering = ["document_id", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.nama or 'SOP'} (rev. {self.number})"

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        """The status's label; Django's own builds a dict of every choice on each call, and a list of a few
        hundred revisions calls it for every row."""
        try:
            return str(Status(self.status).label)
        except ValueError:
            return str(self.status)

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAF


class RevisionEdit(models.Model):
    """Every write of a revision's text: who, when, which version it made, and the text itself, so that
    a refused stale save can show what changed meanwhile and "never approve what you wrote" knows every
    contributor. Append-only (the database refuses UPDATE and DELETE)."""

    class Action(models.TextChoices):
        CREATED = "revision.created", _("Dibuat")
        SAVED = "revision.saved", _("Disimpan")
        IMPORTED = "revision.imported", _("Diunggah")
        OPENED = "revision.opened", _("Dibuka untuk kaji ulang")
        SIGNED = "revision.signer_set", _("Pengesah dicatat")
        NUMBERED = "revision.numbered", _("Nomor dan tanggal efektif dicatat")

    # Authorship: the writes whose author is a contributor to the content (the workflow's own writes of
    # the signer or the number are not).
    AUTHORED = frozenset({Action.CREATED, Action.SAVED, Action.IMPORTED, Action.OPENED})

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="edits")
    version = models.PositiveIntegerField(_("versi"))
    action = models.CharField(_("tindakan"), max_length=40, choices=Action.choices)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    yaml_text = models.TextField(_("isi .sop.yaml"))

    class Meta:
        verbose_name = _("riwayat penyuntingan")
        verbose_name_plural = _("riwayat penyuntingan")
        ordering = ["revision_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "version"], name="revision_edit_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.action} v{self.version} by {self.editor}"


class RenderedFile(models.Model):
    """A rendered download kept in the storage, found by the SHA-256 of everything that decides its bytes:
    the revision's text, the format, the options and the renderer's own code. A draft's every save makes
    new keys, so a stale file is never served; `authoring.tasks.render_cache_prune` removes those.

    A row without `rendered_at` is being rendered (or its render died): whoever holds its lock renders it."""

    key = models.CharField(max_length=64, unique=True)
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="+")
    fmt = models.CharField(max_length=10)
    source_sha256 = models.CharField(max_length=64)
    renderer = models.CharField(max_length=64)
    name = models.CharField(max_length=300, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("berkas hasil cetak")
        verbose_name_plural = _("berkas hasil cetak")
        indexes = [models.Index(fields=["revision", "fmt"], name="rendered_file_revision")]

    def __str__(self) -> str:
        return f"{self.fmt} {self.key[:12]}"


class OfficialDocument(models.Model):
    """What makes a decreed revision's PDF verifiable: the code of its public page (`/verifikasi/<code>/`,
    printed with its QR code on the PDF), the logo it was decreed with, and the official PDF itself, kept
    once it is first drawn, so that neither a new logo nor newer renderer code changes the file people
    hold; its SHA-256 is what an uploaded copy is compared with."""

    revision = models.OneToOneField(Revision, on_delete=models.PROTECT, related_name="official")
    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    logo = models.FileField(_("logo"), max_length=200, blank=True)
    pdf = models.FileField(_("PDF resmi"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 PDF resmi"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(default=0)
    # Who signed the official PDF electronically at the decree (the certificate's holder); empty: unsigned.
    penanda_tangan = models.CharField(_("ditandatangani oleh"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen resmi")
        verbose_name_plural = _("dokumen resmi")

    def __str__(self) -> str:
        return self.code
