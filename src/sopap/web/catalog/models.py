# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""The public catalog: its search index, its record of what left it, its words and its abbreviations.

`CatalogEntry` is one row per revision that was ever in force. While the revision is in force its search
terms are filled; when it is replaced or withdrawn the terms are emptied and the row stays, with the date
and the reason, so that an address once given out keeps leading somewhere. On SQLite an FTS5 table
(`catalog_fts`, external content) mirrors the terms through triggers; on PostgreSQL a GIN index over
`to_tsvector('simple', ...)` serves the same selector.

`CatalogWord` is the vocabulary of the index (every word and stem once), behind a trigram index, for
"Maksud Anda": FTS5's trigram tokenizer on SQLite, `pg_trgm` on PostgreSQL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.organisations.models import PerangkatDaerah, Unit


class CatalogEntry(models.Model):
    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="catalog_entry")
    document = models.ForeignKey(SopDocument, on_delete=models.CASCADE, related_name="+")
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    nama = models.CharField(max_length=500)
    nomor = models.CharField(max_length=120, blank=True)
    nama_terms = models.TextField()
    body_terms = models.TextField()
    # The body as written, one item a line: the line that matched is shown under a search result.
    body_text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the revision left the catalog (replaced or withdrawn), and why when it was withdrawn.
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["pd__nama", "nomor", "nama"]

    def __str__(self) -> str:
        return self.nama


class CatalogWord(models.Model):
    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word


class Sinonim(models.Model):
    """An abbreviation or term and what it stands for: a search for either finds the other."""

    istilah = models.CharField(_("singkatan atau istilah"), max_length=100, unique=True)
    padanan = models.CharField(_("kepanjangan atau padanan"), max_length=300)
    # Every save raises it; a form loaded from an older one is refused (nobody overwrites another's edit).
    versi = models.PositiveIntegerField(_("versi"), default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sinonim")
        verbose_name_plural = _("sinonim")
        ordering = ["istilah"]

    def __str__(self) -> str:
        return f"{self.istilah} = {self.padanan}"


class CatalogGeneration(models.Model):
    """One row (id 1): a number the database itself counts up whenever what the public catalog's list and
    search pages show may have changed (triggers, `catalog.generation`). The rendered pages are cached under
    it, so a cached page is never one from before a publish, a withdrawal, a renamed PD or a new synonym,
    whichever process or web node made the change, and however it was written (services, the seeder's
    COPY, a restore, Django's admin)."""

    number = models.BigIntegerField(default=0)
