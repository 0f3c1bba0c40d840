"""Authoring views: thin; the rules are in services and selectors."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sopap.web.authoring import editor, rendering
from sopap.web.authoring.compare import compare
from sopap.web.authoring.downloads import download_response
from sopap.web.authoring.forms import NewSopForm, UploadForm
from sopap.web.authoring.models import Revision
from sopap.web.authoring.selectors import (
    can_edit,
    changes_since,
    document_get_visible,
    document_matching,
    is_drafter,
    revision_get_visible,
    revisions_of,
    source_in_force,
)
from sopap.web.authoring.services import (
    identity_of,
    not_a_draft_message,
    revision_update,
    sop_create,
    sop_create_from,
    sop_import,
    stale_message,
    uploaded_data,
)
from sopap.web.error_pages import forbidden
from sopap.web.organisations.selectors import drafting_unit_id, jabatan_names, pd_list_for_authoring
from sopap.web.shared.errors import DomainError, StaleVersion
from sopap.web.shared.i18n import current_lang


def _revision_or_404(request: HttpRequest, pk: int) -> Revision:
    revision = revision_get_visible(user=request.user, pk=pk)
    if revision is None:
        raise Http404
    return revision


@login_required
def sop_new(request: HttpRequest) -> HttpResponse:
    pds = list(pd_list_for_authoring(user=request.user))
    if not pds:
        return forbidden(request, _("Hanya penyusun yang dapat membuat SOP."))
    unit = drafting_unit_id(user=request.user, pd_ids={p.pk for p in pds})
    source = source_in_force(raw=request.POST.get("dari") or request.GET.get("dari", ""))
    form = NewSopForm(
        request.POST or None, pds=pds, unit=unit, initial={"nama": source.nama} if source else None
    )
    upload = UploadForm(pds=pds, prefix="unggah", unit=unit)
    if request.method == "POST" and form.is_valid():
        where = {"pd": form.cleaned_data["pd"], "unit": form.cleaned_data["unit"], "author": request.user}
        try:
            if source is not None:
                revision = sop_create_from(source=source, nama=form.cleaned_data["nama"], **where)
            else:
                revision = sop_create(data={"nama": form.cleaned_data["nama"]}, **where)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("authoring:edit", pk=revision.pk)
    return render(request, "authoring/new.html", {"form": form, "upload": upload, "source": source})


@login_required
@require_POST
def sop_upload(request: HttpRequest) -> HttpResponse:
    pds = list(pd_list_for_authoring(user=request.user))
    if not pds:
        return forbidden(request, _("Hanya penyusun yang dapat membuat SOP."))
    # The text of a file already shown as matching an SOP comes back in the form (the user chose "new SOP").
    carried = request.POST.get("unggah-isi", "")
    upload = UploadForm(request.POST, request.FILES, pds=pds, prefix="unggah")
    if carried:
        upload.fields["berkas"].required = False
    form = NewSopForm(pds=pds, unit=drafting_unit_id(user=request.user, pd_ids={p.pk for p in pds}))
    if upload.is_valid():
        berkas = upload.cleaned_data.get("berkas")
        raw = berkas.read() if berkas else carried.encode("utf-8")
        filename = berkas.name if berkas else request.POST.get("unggah-nama_berkas", "") or None
        pd = upload.cleaned_data["pd"]
        try:
            data = uploaded_data(raw=raw, filename=filename)
            match = (
                None
                if request.POST.get("pilihan") == "baru"
                else document_matching(
                    pd=pd, nomor=str(data.get("nomor") or ""), nama=str(data.get("nama") or "")
                )
            )
            if match is not None:
                return render(
                    request,
                    "authoring/new.html",
                    {
                        "form": form,
                        "upload": upload,
                        "match": match,
                        "carried": raw.decode("utf-8-sig"),
                        "filename": filename or "",
                        "pd": pd,
                        "unit": upload.cleaned_data["unit"],
                        "by_nomor": bool(match.nomor) and match.nomor == str(data.get("nomor") or "").strip(),
                    },
                )
            revision = sop_import(
                pd=pd, unit=upload.cleaned_data["unit"], author=request.user, raw=raw, filename=filename
            )
        except DomainError as exc:
            upload.add_error("berkas", exc.message)
        else:
            messages.success(request, _("Berkas diunggah sebagai draf baru."))
            return redirect("authoring:edit", pk=revision.pk)
    return render(request, "authoring/new.html", {"form": form, "upload": upload}, status=400)


@login_required
def sop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(request, pk)
    if request.method != "POST":
        if not can_edit(user=request.user, sop=revision):
            return forbidden(request, _("SOP ini tidak dapat Anda ubah."))
        return render(request, "authoring/edit.html", _edit_context(revision))
    # A save is refused by the service with the user's text kept on screen; only someone who may not draft
    # here at all is turned away without the form.
    if not is_drafter(user=request.user, sop=revision):
        return forbidden(request, _("SOP ini tidak dapat Anda ubah."))
    data = editor.data_from_post(request.POST, identity=identity_of(document=revision.document))
    loaded = editor.loaded_version(request.POST)
    if request.headers.get("X-Sopap-Autosave") == "1":
        return _autosave(request, revision, data, loaded)
    if loaded is None:
        messages.error(
            request,
            _(
                "Halaman ini tidak menyebut versi draf yang Anda buka, jadi tidak dapat disimpan dengan aman. "
                "Isian Anda masih ada di layar; periksa versi terbaru, lalu simpan lagi."
            ),
        )
        return render(request, "authoring/edit.html", _edit_context(revision, posted=data), status=409)
    try:
        revision = revision_update(sop=revision, actor=request.user, data=data, loaded_version=loaded)
    except StaleVersion as exc:
        # The user's text stays on screen beside what changed meanwhile; saving again (now from the
        # current version) is their informed choice to keep their own text.
        revision.refresh_from_db()
        messages.error(request, exc.message)
        context = _edit_context(revision, posted=data)
        context["changes"] = changes_since(sop=revision, version=exc.loaded_version)
        return render(request, "authoring/edit.html", context, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
        revision.refresh_from_db()
        context = _edit_context(revision, posted=data, version=loaded)
        return render(request, "authoring/edit.html", context, status=400 if revision.is_editable else 409)
    errors = len(editor.lint(revision.yaml_text).result.errors)
    if errors:
        # Saved, since nothing typed is lost; but a green "saved" over a draft that cannot be submitted
        # would read as "done".
        messages.warning(
            request,
            ngettext(
                "Draf tersimpan, tetapi masih ada %(n)d galat (ditandai di langkah atau isiannya). "
                "Perbaiki sebelum diajukan.",
                "Draf tersimpan, tetapi masih ada %(n)d galat (ditandai di langkah atau isiannya). "
                "Perbaiki sebelum diajukan.",
                errors,
            )
            % {"n": errors},
        )
    else:
        messages.success(request, _("Draf tersimpan."))
    if request.POST.get("next") == "detail":
        return redirect("workflow:sop_detail", pk=revision.document_id)
    return redirect("authoring:edit", pk=revision.pk)


def _autosave(
    request: HttpRequest, revision: Revision, data: dict[str, Any], loaded: int | None
) -> HttpResponse:
    """The editor's save a few seconds after typing stops, through the same service and version check as
    "Simpan draf". A refusal (409) makes the page post the form the ordinary way, which shows the usual
    refusal with the user's text kept; an autosave never writes over a newer version."""
    if loaded is None:
        return JsonResponse({"pesan": _("Versi draf tidak diketahui.")}, status=409)
    try:
        revision = revision_update(sop=revision, actor=request.user, data=data, loaded_version=loaded)
    except StaleVersion as exc:
        return JsonResponse({"pesan": exc.message}, status=409)
    except DomainError as exc:
        revision.refresh_from_db()
        return JsonResponse({"pesan": exc.message}, status=400 if revision.is_editable else 409)
    return JsonResponse({"versi": revision.version, "waktu": timezone.localtime().strftime("%H:%M")})


def _edit_context(
    revision: Revision, *, posted: dict[str, Any] | None = None, version: int | None = None
) -> dict[str, Any]:
    """The editor filled from the stored revision, or from the user's own refused POST (never lost)."""
    lang = current_lang()
    text = editor.text_from_data(posted) if posted is not None else revision.yaml_text
    view = editor.lint(text, lang=lang)
    initial = editor.initial_from_data(
        posted if posted is not None else editor.data_from_text(revision.yaml_text)
    )
    document = revision.document
    return {
        "revision": revision,
        "document": document,
        # A page showing a refused save holds text not stored yet: no autosave over it (the user decides,
        # by saving), and leaving it warns from the start.
        "unsaved": posted is not None,
        "version": version or revision.version,
        "initial": initial,
        "steps": initial["steps"],
        "jabatan": jabatan_names(pd=document.pd),
        "simbol_choices": editor.SIMBOL_CHOICES,
        "lint": view,
        "svg": rendering.flowchart_svg(view.result.sop, lang=lang) if view.result.sop else None,
    }


@login_required
@require_POST
def sop_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The live editor's round trip: form -> SOP -> lint + flowchart, as HTML fragments for htmx."""
    started = time.perf_counter()
    revision = _revision_or_404(request, pk)
    if not is_drafter(user=request.user, sop=revision):
        return HttpResponseForbidden()
    data = editor.data_from_post(request.POST, identity=identity_of(document=revision.document))
    text = editor.text_from_data(data)
    lang = current_lang()
    loaded = editor.loaded_version(request.POST)
    if not revision.is_editable:
        stale = not_a_draft_message(sop=revision)
    elif loaded is not None and loaded != revision.version:
        stale = stale_message(sop=revision)
    else:
        stale = ""
    view = editor.lint(text, lang=lang)
    svg = rendering.flowchart_svg(view.result.sop, lang=lang) if view.result.sop else None
    # Lint is placed by the page's row numbers; blank rows (left out of the SOP) get an empty slot.
    kept = {page: number for number, page in enumerate(editor.step_positions(request.POST), start=1)}
    rows = len(request.POST.getlist("kegiatan"))
    response = render(
        request,
        "authoring/_preview.html",
        {
            "lint": view,
            "svg": svg,
            "step_rows": [
                (page, view.step_items(kept[page]) if page in kept else []) for page in range(1, rows + 1)
            ],
            "duration": editor.duration_text(view.result.sop, lang),
            "stale": stale,
        },
    )
    response["Server-Timing"] = f"preview;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


@login_required
def sop_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    revision = _revision_or_404(request, pk)
    return download_response(revision, fmt, lang=current_lang())


@login_required
def sop_compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_visible(user=request.user, pk=pk)
    if document is None:
        raise Http404
    revisions = revisions_of(document=document)
    by_number = {str(r.pk): r for r in revisions}
    if len(revisions) < 1:
        raise Http404
    a = by_number.get(request.GET.get("a", "")) or revisions[max(0, len(revisions) - 2)]
    b = by_number.get(request.GET.get("b", "")) or revisions[-1]
    lang = current_lang()
    result = compare(a.yaml_text, b.yaml_text)
    svgs = []
    for rev in (a, b):
        view = editor.lint(rev.yaml_text, lang=lang)
        svgs.append(rendering.flowchart_svg(view.result.sop, lang=lang) if view.result.sop else None)
    return render(
        request,
        "authoring/compare.html",
        {
            "document": document,
            "revisions": revisions,
            "a": a,
            "b": b,
            "result": result,
            "svg_a": svgs[0],
            "svg_b": svgs[1],
        },
    )
