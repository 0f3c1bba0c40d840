"""The public catalog, without a token: what /katalog/ shows, the same selectors, the same files."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router
from ninja.params.functions import Path, Query

from sopap.web.api import errors
from sopap.web.api.errors import not_found
from sopap.web.api.schemas import (
    MAX_ID,
    NO_NUL,
    CatalogPage,
    CatalogSop,
    PdOut,
    Problem,
    PublicRevisionOut,
    SearchPage,
    UnitOut,
)
from sopap.web.authoring import rendering
from sopap.web.authoring.downloads import download_response
from sopap.web.catalog.models import CatalogEntry
from sopap.web.catalog.selectors import PublicSop, catalog_find, catalog_list, catalog_pds, public_sop_get
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.organisations.selectors import pd_get, unit_get, unit_paths_load, units_of
from sopap.web.shared.i18n import current_lang

router = Router(tags=["katalog"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
FORMATS = rendering.formats()


def responses(ok: Any, *codes: int) -> dict[int, Any]:
    return {200: ok, **dict.fromkeys(codes, Problem)}


def pd_out(pd: PerangkatDaerah) -> dict[str, Any]:
    return {"id": pd.pk, "name": pd.nama, "abbreviation": pd.singkatan, "code": pd.kode}


def unit_out(unit: Unit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"id": unit.pk, "name": unit.nama, "path": unit.path_names}


def _item(entry: CatalogEntry) -> dict[str, Any]:
    return {
        "document_id": entry.document_id,
        "name": entry.nama,
        "number": entry.nomor,
        "pd": pd_out(entry.pd),
        "unit": unit_out(entry.unit),
        "revision": entry.revision.number,
        "in_force_since": entry.revision.tanggal_berlaku,
    }


def page_of(items: Any, page: int, page_size: int) -> tuple[int, list[Any]]:
    """The total and the items of one page (a queryset is sliced in the database)."""
    count = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * page_size
    return count, list(items[start : start + page_size])


def _pd(pd_id: int | None) -> PerangkatDaerah | None:
    if pd_id is None:
        return None
    pd = pd_get(pk=pd_id)
    if pd is None:
        raise not_found()
    return pd


Page = Query(1, ge=1, le=MAX_PAGE)
PageSize = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
OptionalId = Query(None, ge=1, le=MAX_ID)


@router.get("/pd", response=responses(list[PdOut], *errors.PUBLIC), summary="Perangkat Daerah in the catalog")
def pds(request: HttpRequest) -> list[dict[str, Any]]:
    return [pd_out(pd) for pd in catalog_pds()]


@router.get("/pd/{pd_id}/units", response=responses(list[UnitOut], *errors.PUBLIC), summary="A PD's units")
def units(request: HttpRequest, pd_id: int = Path(..., ge=1, le=MAX_ID)) -> list[dict[str, Any]]:
    pd = _pd(pd_id)
    assert pd is not None
    return [{"id": u.pk, "name": u.nama, "path": u.path_names} for u in units_of(pd=pd)]


@router.get("/sop", response=responses(CatalogPage, *errors.PUBLIC), summary="SOPs in force")
def catalog(
    request: HttpRequest,
    pd: int | None = OptionalId,
    unit: int | None = OptionalId,
    page: int = Page,
    page_size: int = PageSize,
) -> dict[str, Any]:
    """Every SOP in force, by PD and unit (as the catalog lists them), one page at a time."""
    the_unit = None
    if unit is not None:
        the_unit = unit_get(pk=unit)
        if the_unit is None:
            raise not_found()
    count, entries = page_of(catalog_list(pd=_pd(pd), unit=the_unit), page, page_size)
    unit_paths_load(e.unit for e in entries)
    return {"count": count, "page": page, "page_size": page_size, "items": [_item(e) for e in entries]}


@router.get("/cari", response=responses(SearchPage, *errors.PUBLIC), summary="Search the catalog")
def search(
    request: HttpRequest,
    q: str = Query(..., max_length=200, pattern=NO_NUL),
    pd: int | None = OptionalId,
    page: int = Page,
    page_size: int = PageSize,
) -> dict[str, Any]:
    """The catalog's full-text search, in Indonesian, with its abbreviations and its "Maksud Anda"; best
    matches first."""
    found = catalog_find(q=q.strip(), pd=_pd(pd))
    count, entries = page_of(found.entries, page, page_size)
    unit_paths_load(e.unit for e in entries)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [_item(e) for e in entries],
        "query": found.q,
        "suggestion": found.suggestion,
        "corrected": found.corrected,
        "synonyms": found.synonyms,
    }


def _public(document_id: int) -> PublicSop:
    found = public_sop_get(pk=document_id)
    if found is None:
        raise not_found()
    return found


@router.get("/sop/{document_id}", response=responses(CatalogSop, *errors.PUBLIC), summary="An SOP in force")
def sop(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """The SOP at its permanent id: the revision in force (or, once withdrawn, the last one, with why),
    and every revision that was in force before it."""
    found = _public(document_id)
    current = found.current
    revision = current.revision
    document = found.document
    unit_paths_load([document.unit])
    return {
        "document_id": document.pk,
        "name": revision.nama,
        "number": revision.nomor,
        "pd": pd_out(document.pd),
        "unit": unit_out(document.unit),
        "revision": revision.number,
        "status": revision.status,
        "status_label": str(revision.get_status_display()),
        "keputusan_nomor": revision.keputusan_nomor,
        "keputusan_tanggal": revision.keputusan_tanggal,
        "in_force_since": revision.tanggal_berlaku,
        "withdrawal_reason": current.reason if current.withdrawn else "",
        "downloads": {
            fmt: reverse("api:catalog_download", kwargs={"document_id": document.pk, "fmt": fmt})
            for fmt in FORMATS
        },
        "yaml": revision.yaml_text,
        "history": [
            PublicRevisionOut(
                revision=item.revision.number,
                status=item.revision.status,
                status_label=str(item.revision.get_status_display()),
                in_force_since=item.revision.tanggal_berlaku,
                ended=item.ended,
                reason=item.reason,
                replaced_by=item.replaced_by,
            )
            for item in found.revisions
        ],
    }


def _download_responses() -> dict[str, Any]:
    content = {
        rendering.media_type(fmt).split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
        for fmt in FORMATS
    }
    return {"responses": {200: {"description": "the file", "content": content}}}


@router.get(
    "/sop/{document_id}/unduh/{fmt}",
    response={code: Problem for code in errors.PUBLIC},
    url_name="catalog_download",
    summary="An SOP in force, as a file",
    openapi_extra=_download_responses(),
)
def download(
    request: HttpRequest,
    document_id: int = Path(..., ge=1, le=MAX_ID),
    fmt: str = Path(..., pattern="^(" + "|".join(FORMATS) + ")$", description=", ".join(FORMATS)),
) -> HttpResponse:
    """The file the catalog's download gives: the same renderer, the same bytes."""
    return download_response(_public(document_id).current.revision, fmt, lang=current_lang())
