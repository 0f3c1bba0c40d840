"""Public reads: only revisions in force ever come out of here."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from sopap.web.catalog.models import CatalogEntry
from sopap.web.catalog.stemmer import stem, words
from sopap.web.organisations.models import PerangkatDaerah
from sopap.web.shared.status import PUBLIC

MAX_TERMS = 8


def _public() -> QuerySet[CatalogEntry]:
    return CatalogEntry.objects.filter(revision__status__in=PUBLIC).select_related("pd", "unit", "revision")


def catalog_list(*, pd: PerangkatDaerah | None = None) -> QuerySet[CatalogEntry]:
    qs = _public()
    if pd is not None:
        qs = qs.filter(pd=pd)
    return qs.order_by("pd__nama", "unit__urutan", "nomor", "nama")


def _terms(q: str) -> list[tuple[str, str]]:
    return [(w, stem(w)) for w in words(q)[:MAX_TERMS]]


def _fts5_query(terms: list[tuple[str, str]]) -> str:
    # Each word matches as a prefix (while typing) or by its stem; all words must match.
    return " AND ".join(f'("{w}"* OR "{s}")' for w, s in terms)


def _tsquery(terms: list[tuple[str, str]]) -> str:
    return " & ".join(f"({w}:* | {s})" for w, s in terms)


def catalog_search(*, q: str, pd: PerangkatDaerah | None = None) -> list[CatalogEntry]:
    """Full-text search in Indonesian over name, steps, actors and legal basis; best matches first."""
    terms = _terms(q)
    if not terms:
        return list(catalog_list(pd=pd))
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH %s ORDER BY bm25(catalog_fts, 10.0, 1.0)"
        params: list[object] = [_fts5_query(terms)]
    elif connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM catalog_catalogentry, to_tsquery('simple', %s) query "
            "WHERE (setweight(to_tsvector('simple', nama_terms), 'A') || "
            "setweight(to_tsvector('simple', body_terms), 'B')) @@ query "
            "ORDER BY ts_rank(setweight(to_tsvector('simple', nama_terms), 'A') || "
            "setweight(to_tsvector('simple', body_terms), 'B'), query) DESC, id"
        )
        params = [_tsquery(terms)]
    else:  # pragma: no cover - other databases: a plain substring match
        qs = catalog_list(pd=pd)
        for w, _s in terms:
            qs = qs.filter(body_terms__icontains=w) | qs.filter(nama_terms__icontains=w)
        return list(qs)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(map(str, params)))
        ids = [row[0] for row in cursor.fetchall()]
    qs = _public().filter(id__in=ids)
    if pd is not None:
        qs = qs.filter(pd=pd)
    by_id = {e.id: e for e in qs}
    return [by_id[i] for i in ids if i in by_id]


def catalog_entry_get(*, pk: int) -> CatalogEntry | None:
    return _public().filter(pk=pk).first()


def catalog_pds() -> QuerySet[PerangkatDaerah]:
    return PerangkatDaerah.objects.filter(
        id__in=CatalogEntry.objects.filter(revision__status__in=PUBLIC).values("pd_id")
    ).order_by("nama")
