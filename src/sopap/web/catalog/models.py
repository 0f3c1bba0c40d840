# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""The public catalog's search index: one row per revision in force.

On SQLite an FTS5 table (`catalog_fts`, external content) mirrors it through triggers; on PostgreSQL
a GIN index over `to_tsvector('simple', ...)` serves the same selector.
"""

from __future__ import annotations

from django.db import models

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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pd__nama", "nomor", "nama"]

    def __str__(self) -> str:
        return self.nama
