"""The public catalog: SOPs in force, by Perangkat Daerah and unit, searchable; no login."""

from __future__ import annotations

import time

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sopap.web.authoring import editor, rendering
from sopap.web.authoring.downloads import download_response
from sopap.web.catalog.selectors import catalog_entry_get, catalog_list, catalog_pds, catalog_search
from sopap.web.organisations.selectors import pd_get, unit_paths_load
from sopap.web.shared.i18n import current_lang


def index(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    q = request.GET.get("q", "").strip()[:200]
    pd = None
    pd_id = request.GET.get("pd", "")
    if pd_id.isdigit():
        pd = pd_get(pk=int(pd_id))
    entries = catalog_search(q=q, pd=pd) if q else list(catalog_list(pd=pd))
    groups: dict[str, dict[str, list[object]]] = {}
    if not q:
        unit_paths_load(entry.unit for entry in entries)
        for entry in entries:
            unit = entry.unit.label if entry.unit else ""
            groups.setdefault(str(entry.pd.nama), {}).setdefault(unit, []).append(entry)
    response = render(
        request,
        "catalog/index.html",
        {"q": q, "entries": entries, "groups": groups, "pds": catalog_pds(), "pd": pd},
    )
    response["Server-Timing"] = f"search;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = catalog_entry_get(pk=pk)
    if entry is None:
        raise Http404
    lang = current_lang()
    revision = entry.revision
    view = editor.lint(revision.yaml_text, lang=lang)
    sop = view.result.sop
    data = editor.data_from_text(revision.yaml_text)
    duration = ""
    if sop is not None:
        from sopap.core.flow import standard_duration

        duration = standard_duration(sop).humanize(lang=lang)
    return render(
        request,
        "catalog/detail.html",
        {
            "entry": entry,
            "revision": revision,
            "data": data,
            "steps": editor.initial_from_data(data)["steps"],
            "svg": rendering.flowchart_svg(sop, lang=lang) if sop else None,
            "formats": [f for f in rendering.formats() if f in {"pdf", "yaml", "docx", "xlsx", "png", "svg"}],
            "duration": duration,
        },
    )


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    entry = catalog_entry_get(pk=pk)
    if entry is None:
        raise Http404
    return download_response(entry.revision, fmt, lang=current_lang())
