"""Keeping the public catalog's index in step with the revisions in force."""

from __future__ import annotations

from sopap.web.authoring.editor import data_from_text
from sopap.web.authoring.models import Revision
from sopap.web.catalog.models import CatalogEntry
from sopap.web.catalog.stemmer import index_terms
from sopap.web.shared.status import PUBLIC


def _flatten(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def searchable_text(data: dict[str, object]) -> tuple[str, str]:
    """(name, body): name; steps, actors, mutu baku, legal basis, number, agency and unit."""
    body: list[str] = []
    for key in ("nomor", "instansi"):
        body += _flatten(data.get(key))
    for key in (
        "unit",
        "pelaksana",
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "peralatan",
        "peringatan",
        "pencatatan",
    ):
        body += _flatten(data.get(key))
    steps = data.get("langkah")
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict):
            for key in ("kegiatan", "pelaksana", "kelengkapan", "output", "keterangan"):
                body += _flatten(step.get(key))
    return str(data.get("nama") or ""), "\n".join(body)


def catalog_index(*, sop: Revision) -> CatalogEntry | None:
    if sop.status not in PUBLIC:
        catalog_remove(sop=sop)
        return None
    data = data_from_text(sop.yaml_text)
    nama, body = searchable_text(data)
    entry, _ = CatalogEntry.objects.update_or_create(
        revision=sop,
        defaults={
            "document": sop.document,
            "pd": sop.document.pd,
            "unit": sop.document.unit,
            "nama": nama[:500],
            "nomor": sop.nomor,
            "nama_terms": index_terms(nama),
            "body_terms": index_terms(body),
        },
    )
    return entry


def catalog_remove(*, sop: Revision) -> None:
    CatalogEntry.objects.filter(revision=sop).delete()
