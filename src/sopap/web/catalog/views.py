"""The public catalog: SOPs in force, by Perangkat Daerah and unit, searchable; no login. Each SOP has one
permanent address that shows the revision in force and lists the earlier ones, each at its own address."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sopap.web.authoring import editor, rendering
from sopap.web.authoring.cache import cache_key
from sopap.web.authoring.downloads import download_response
from sopap.web.catalog.highlight import highlight, mark_words, snippet
from sopap.web.catalog.models import Sinonim
from sopap.web.catalog.selectors import (
    CATALOG_LIST_ALL,
    DECREED_PUBLIC,
    PublicRevision,
    PublicSop,
    catalog_counts,
    catalog_entry_get,
    catalog_find,
    catalog_generation,
    catalog_list_rows,
    catalog_pd_choices,
    family_pemda_ids,
    public_sop_get,
    sop_families,
)
from sopap.web.catalog.services import synonym_create, synonym_delete, synonym_update
from sopap.web.error_pages import forbidden
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import pd_get, pd_list_for_authoring, unit_paths_load, user_has_role
from sopap.web.shared.errors import DomainError, StaleVersion
from sopap.web.shared.i18n import current_lang
from sopap.web.shared.links import id_link
from sopap.web.shared.status import Status

DOWNLOADS = ("pdf", "html", "docx", "xlsx", "yaml", "png", "svg")


# The list and search pages stay cached this long at most; a change to what they show is seen at once
# anyway, since the cache key carries the catalog's generation.
PAGE_CACHE_SECONDS = 3600


def index(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    # Read before anything the page shows: what is read after it is at least as new as the key says.
    generation = catalog_generation()
    q = request.GET.get("q", "").strip()[:200]
    pd = None
    pd_id = request.GET.get("pd", "")
    if pd_id.isdigit():
        pd = pd_get(pk=int(pd_id))
    page = request.GET.get("halaman", "")
    number = int(page) if page.isdigit() and 0 < int(page) < 1000 else 1
    key = None
    body = None
    if generation is not None:
        what = json.dumps([generation, current_lang(), q, pd.pk if pd else None, number])
        key = "sopap-katalog:" + hashlib.sha256(what.encode()).hexdigest()
        body = cache.get(key)
    if body is None:
        context = _index_context(q=q, pd=pd, page=number, pd_choices=_pd_choices(generation))
        body = render_to_string("catalog/_index_body.html", context)
        if key is not None:
            cache.set(key, body, PAGE_CACHE_SECONDS)
    # The body is our own template's output, escaped there.
    context = {"body": mark_safe(body), "sees_families": bool(family_pemda_ids(user=request.user))}
    response = render(request, "catalog/index.html", context)
    response["Server-Timing"] = f"search;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def _pd_choices(generation: int | None) -> list[tuple[int, str]]:
    """The PDs of the chooser, the same on every page of a generation: read once for all 500 PDs' pages
    rather than on each (with 500 PDs almost every PD's page is drawn afresh)."""
    if generation is None:
        return catalog_pd_choices()
    key = f"sopap-katalog-pd:{generation}"
    found = cache.get(key)
    if found is None:
        found = catalog_pd_choices()
        cache.set(key, found, PAGE_CACHE_SECONDS)
    return list(found)


def _index_context(*, q: str, pd: Any, page: int, pd_choices: list[tuple[int, str]]) -> dict[str, Any]:
    groups: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    context: dict[str, Any] = {"q": q, "pd_choices": pd_choices, "pd": pd}
    if q:
        found = catalog_find(q=q, pd=pd, page=page)
        results = []
        for e in found.entries:
            nama = highlight(e.nama, found.terms)
            # When the name does not say why the SOP was found, the line of its body that does.
            line = "" if "<mark>" in nama else snippet(e.body_text, found.terms)
            results.append((e, nama, line))
        context.update(
            found=found,
            entries=found.entries,
            results=results,
            suggestion=found.suggestion,
            corrected=found.corrected,
            synonyms=found.synonyms,
        )
    else:
        counts = catalog_counts() if pd is None else {}
        if pd is None and sum(counts.values()) > CATALOG_LIST_ALL:
            context["pd_counts"] = [(pk, nama, counts.get(pk, 0)) for pk, nama in pd_choices]
            context["total"] = sum(counts.values())
        else:
            entries = list(catalog_list_rows(pd=pd))
            unit_paths_load(entry.unit for entry in entries)
            link = id_link("catalog:sop")
            # By PD and unit, in the order read; each row what the page shows: its address, name, number.
            for entry in entries:
                unit = entry.unit.label if entry.unit else ""
                row = (link(entry.document_id), entry.nama, entry.nomor)
                groups.setdefault(entry.pd.nama, {}).setdefault(unit, []).append(row)
            context["entries"] = entries
    context["groups"] = groups
    return context


def _public_sop(doc: int) -> PublicSop:
    found = public_sop_get(pk=doc)
    if found is None:
        raise Http404
    return found


def _drawn(yaml_text: str, lang: str) -> dict[str, Any]:
    """What an SOP's page draws from its text: the fields, the steps, the flowchart, the standard duration.
    Cached under the text's SHA-256, the language and the renderer's version: the same text always draws the
    same page, so the cache is never stale, whatever changed meanwhile."""
    key = f"sopap-sop-page:{cache_key(yaml_text, 'page', lang=lang)}"
    found = cache.get(key)
    if found is not None:
        return dict(found)
    view = editor.lint(yaml_text, lang=lang)
    sop = view.result.sop
    data = editor.data_from_text(yaml_text)
    duration = ""
    if sop is not None:
        from sopap.core.flow import standard_duration

        duration = standard_duration(sop).humanize(lang=lang)
    drawn = {
        "data": data,
        "steps": editor.initial_from_data(data)["steps"],
        "svg": rendering.flowchart_svg(sop, lang=lang) if sop else None,
        "duration": duration,
    }
    cache.set(key, drawn, PAGE_CACHE_SECONDS)
    return drawn


def _render_revision(request: HttpRequest, found: PublicSop, item: PublicRevision) -> HttpResponse:
    lang = current_lang()
    revision = item.revision
    drawn = _drawn(revision.yaml_text, lang)
    available = set(rendering.formats())
    return render(
        request,
        "catalog/detail.html",
        {
            "document": found.document,
            "found": found,
            "item": item,
            "revision": revision,
            **drawn,
            "formats": [f for f in DOWNLOADS if f in available],
            "history": [r for r in found.revisions if r is not item],
            # Any drafter may start a new SOP of their own from an SOP in force, of whatever PD.
            "can_copy": item.in_force
            and request.user.is_authenticated
            and pd_list_for_authoring(user=request.user).exists(),
        },
    )


def sop(request: HttpRequest, doc: int) -> HttpResponse:
    """The permanent address: the revision in force; when the SOP was withdrawn, that, when and why."""
    found = _public_sop(doc)
    return _render_revision(request, found, found.current)


def revision(request: HttpRequest, doc: int, number: int) -> HttpResponse:
    found = _public_sop(doc)
    item = found.number(number)
    if item is None:
        raise Http404
    if item is found.current and item.in_force:
        return redirect("catalog:sop", doc=doc)
    return _render_revision(request, found, item)


def sop_download(request: HttpRequest, doc: int, fmt: str) -> HttpResponse:
    return download_response(_public_sop(doc).current.revision, fmt, lang=current_lang())


def revision_download(request: HttpRequest, doc: int, number: int, fmt: str) -> HttpResponse:
    item = _public_sop(doc).number(number)
    if item is None:
        raise Http404
    return download_response(item.revision, fmt, lang=current_lang())


def _old_address(pk: int) -> tuple[int, int | None]:
    """(document, revision number or None for the one in force) of an address given out per entry."""
    entry = catalog_entry_get(pk=pk)
    if entry is None or entry.revision.status not in DECREED_PUBLIC:
        raise Http404
    number = None if entry.revision.status == Status.BERLAKU else entry.revision.number
    return entry.document_id, number


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Not a permanent redirect: while its revision is in force the address leads to the SOP's own page,
    # once replaced to that revision's page.
    doc, number = _old_address(pk)
    if number is None:
        return redirect("catalog:sop", doc=doc)
    return redirect("catalog:revision", doc=doc, number=number)


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    doc, number = _old_address(pk)
    if number is None:
        return redirect("catalog:sop_download", doc=doc, fmt=fmt)
    return redirect("catalog:revision_download", doc=doc, number=number, fmt=fmt)


# ------------------------------------------------------------------------------------- abbreviations


def _admin_only(request: HttpRequest) -> HttpResponse | None:
    if not user_has_role(user=request.user, role=Role.ADMIN):
        return HttpResponseForbidden(_("Hanya admin organisasi yang dapat mengubah daftar singkatan."))
    return None


@login_required
def synonyms(request: HttpRequest) -> HttpResponse:
    refused = _admin_only(request)
    if refused:
        return refused
    form = {"istilah": "", "padanan": ""}
    if request.method == "POST":
        form = {"istilah": request.POST.get("istilah", ""), "padanan": request.POST.get("padanan", "")}
        try:
            made = synonym_create(actor=request.user, **form)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(istilah)s ditambahkan.") % {"istilah": made.istilah})
            return redirect("catalog:synonyms")
    return render(
        request,
        "catalog/synonyms.html",
        {"items": Sinonim.objects.select_related("diubah_oleh"), "form": form},
    )


@login_required
def synonym_edit(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _admin_only(request)
    if refused:
        return refused
    item = get_object_or_404(Sinonim, pk=pk)
    form = {"istilah": item.istilah, "padanan": item.padanan, "versi": str(item.versi)}
    if request.method == "POST":
        form = {
            "istilah": request.POST.get("istilah", ""),
            "padanan": request.POST.get("padanan", ""),
            "versi": request.POST.get("versi", ""),
        }
        loaded = int(form["versi"]) if form["versi"].isdigit() else 0
        try:
            if "hapus" in request.POST:
                synonym_delete(sinonim=item, actor=request.user, loaded_version=loaded)
                messages.success(request, _("%(istilah)s dihapus dari daftar.") % {"istilah": item.istilah})
            else:
                saved = synonym_update(
                    sinonim=item,
                    actor=request.user,
                    istilah=form["istilah"],
                    padanan=form["padanan"],
                    loaded_version=loaded,
                )
                messages.success(request, _("%(istilah)s tersimpan.") % {"istilah": saved.istilah})
        except StaleVersion as exc:
            # The user's text stays in the form; saving again now is a deliberate overwrite.
            messages.error(request, exc.message)
            form["versi"] = str(exc.current_version)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("catalog:synonyms")
    return render(request, "catalog/synonym_edit.html", {"item": item, "form": form})


@login_required
def families(request: HttpRequest) -> HttpResponse:
    """SOPs that should be one: for the Bagian Organisasi, the SOPs in force of every PD that follow one
    flow, with what differs."""
    pemda_ids = family_pemda_ids(user=request.user)
    if not pemda_ids:
        return forbidden(
            request,
            _("Halaman keselarasan SOP hanya untuk Bagian Organisasi, Sekretaris Daerah dan auditor Pemda."),
        )
    found = sop_families(pemda_ids=pemda_ids)
    marked = {
        (row.revision.pk, d.nomor): mark_words(d.kegiatan, d.only_here)
        for family in found
        for row in family
        for d in row.member.differences
    }
    rows = [
        [(row, [(d, marked[row.revision.pk, d.nomor]) for d in row.member.differences]) for row in family]
        for family in found
    ]
    return render(request, "catalog/families.html", {"families": rows})
