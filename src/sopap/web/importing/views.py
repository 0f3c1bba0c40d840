"""SOP import views: thin; the rules are in services and selectors."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sopap.web.authoring import editor, rendering
from sopap.web.error_pages import forbidden
from sopap.web.importing import preview
from sopap.web.importing.forms import IDENTITY_FIELDS, ImportForm, choice_from_post, corrections_from_post
from sopap.web.importing.models import FoundSop, ImportBatch
from sopap.web.importing.selectors import (
    batch_get_visible,
    batches_of,
    files_of,
    found_get_visible,
    found_of,
    neighbours,
)
from sopap.web.importing.services import (
    MAX_FILES,
    accepted_suffixes,
    found_sop_accept,
    found_sop_correct,
    found_sop_reject,
    import_batch_create,
)
from sopap.web.organisations.selectors import drafting_unit_id, pd_list_for_authoring
from sopap.web.shared.errors import DomainError
from sopap.web.shared.i18n import current_lang


@login_required
def import_index(request: HttpRequest) -> HttpResponse:
    pds = list(pd_list_for_authoring(user=request.user))
    if not pds:
        return forbidden(request, _("Hanya penyusun yang dapat mengimpor SOP."))
    unit = drafting_unit_id(user=request.user, pd_ids={p.pk for p in pds})
    suffixes = accepted_suffixes()
    form = ImportForm(request.POST or None, request.FILES or None, pds=pds, unit=unit, suffixes=suffixes)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            files = [(f.name, f.read()) for f in form.cleaned_data["berkas"]]
            try:
                batch = import_batch_create(
                    actor=request.user,
                    pd=form.cleaned_data["pd"],
                    unit=form.cleaned_data["unit"],
                    files=files,
                )
            except DomainError as exc:
                form.add_error("berkas", exc.message)
            else:
                return redirect("importing:batch", pk=batch.pk)
        status = 400
    context = {
        "form": form,
        "batches": batches_of(user=request.user),
        "suffixes": suffixes,
        "limit": filesizeformat(settings.MAX_UPLOAD_BYTES),
        "max_files": MAX_FILES,
    }
    return render(request, "importing/index.html", context, status=status)


def _batch_context(batch: ImportBatch) -> dict[str, Any]:
    job = batch.job
    # A batch whose job is gone (a restored installation keeps no jobs) is not shown as being read forever.
    reading = batch.finished_at is None and job is not None and job.is_unfinished
    lang = current_lang()
    files = [
        (record, (record.error or {}).get(lang) or (record.error or {}).get("id", ""))
        for record in files_of(batch=batch)
    ]
    found = found_of(batch=batch)
    return {
        "batch": batch,
        "job": job,
        "reading": reading,
        "failed": job is not None and job.state == job.State.FAILED,
        "files": files,
        "found": found,
        "waiting": sum(1 for f in found if f.state == FoundSop.State.WAITING),
    }


@login_required
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch: its reading's progress while the job runs (the part asks again every few seconds and
    stops once the reading is over), then the SOPs found and the files that gave none, with the reason."""
    batch = batch_get_visible(user=request.user, pk=pk)
    if batch is None:
        raise Http404
    template = "importing/_batch.html" if request.headers.get("HX-Request") else "importing/batch.html"
    return render(request, template, _batch_context(batch))


def _found_or_404(request: HttpRequest, pk: int) -> FoundSop:
    found = found_get_visible(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _step_rows(data: dict[str, Any], read: dict[str, Any], report: dict[str, Any]) -> list[dict[str, Any]]:
    evidence = {s["number"]: s for s in report.get("steps", [])}
    read_steps = read.get("langkah") or []
    rows = []
    for number, step in enumerate(data.get("langkah") or [], start=1):
        step = step if isinstance(step, dict) else {}
        before = read_steps[number - 1] if number - 1 < len(read_steps) else {}
        before = before if isinstance(before, dict) else {}
        rows.append(
            {
                "number": number,
                "kegiatan": str(step.get("kegiatan") or ""),
                "pelaksana": editor.step_actors_text(step.get("pelaksana")),
                "evidence": evidence.get(number, {}).get("evidence", "missing"),
                "how": evidence.get(number, {}).get("how", ""),
                "corrected": str(step.get("kegiatan") or "") != str(before.get("kegiatan") or "")
                or step.get("pelaksana") != before.get("pelaksana"),
            }
        )
    return rows


def _review_context(found: FoundSop, *, posted: Any = None, shift: int = 0) -> dict[str, Any]:
    lang = current_lang()
    report = found.report.get(lang) or found.report.get("id") or {}
    data = editor.data_from_text(found.yaml_text)
    read = editor.data_from_text(found.read_yaml)
    initial = editor.initial_from_data(data)
    identity = [
        {
            "key": key,
            "label": label,
            "value": posted.get(key, "") if posted is not None else initial.get(key, ""),
            "corrected": str(data.get(key) or "") != str(read.get(key) or ""),
            "date": key.startswith("tanggal_"),
        }
        for key, label in IDENTITY_FIELDS.items()
    ]
    steps = _step_rows(data, read, report)
    if posted is not None:
        for row, kegiatan, pelaksana in zip(
            steps, posted.getlist("kegiatan"), posted.getlist("pelaksana"), strict=False
        ):
            row["kegiatan"], row["pelaksana"] = kegiatan, pelaksana
    view = editor.lint(found.yaml_text, lang=lang)
    fields = report.get("fields", [])
    before, after = neighbours(found=found)
    return {
        "found": found,
        "batch": found.batch,
        "identity": identity,
        "steps": steps,
        "actors": [str(a) for a in data.get("pelaksana") or []],
        "read_fields": [f for f in fields if f["status"] == "read"],
        "inferred_fields": [f for f in fields if f["status"] == "inferred"],
        "missing_fields": [f for f in fields if f["status"] == "missing"],
        "decisions": report.get("decisions", []),
        "lint": view,
        "lint_items": view.items(view.result.diagnostics),
        "shift": shift,
        "svg": rendering.flowchart_svg(view.result.sop, lang=lang) if view.result.sop else None,
        "preview_available": preview.available(found.file),
        "waiting": found.state == FoundSop.State.WAITING,
        "before": before,
        "after": after,
        "match": found.match,
    }


@login_required
def found_review(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found_or_404(request, pk)
    if request.method != "POST":
        shift = request.GET.get("geser", "0")
        context = _review_context(found, shift=int(shift) if shift.lstrip("-").isdigit() else 0)
        return render(request, "importing/review.html", context)
    action = request.POST.get("aksi", "simpan")
    if action == "tolak":
        try:
            found_sop_reject(found=found, actor=request.user, reason=request.POST.get("alasan", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
            return render(
                request, "importing/review.html", _review_context(found, posted=request.POST), status=400
            )
        messages.success(
            request, _("SOP “%(nama)s” tidak diimpor.") % {"nama": found.nama or found.index + 1}
        )
        return redirect("importing:batch", pk=found.batch_id)
    steps = len(editor.data_from_text(found.yaml_text).get("langkah") or [])
    identity, changes = corrections_from_post(request.POST, steps=steps)
    version = request.POST.get("versi", "")
    try:
        found = found_sop_correct(
            found=found,
            actor=request.user,
            identity=identity,
            steps=changes,
            choice=choice_from_post(request.POST),
            loaded_version=int(version) if version.isdigit() else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        found.refresh_from_db()
        return render(
            request, "importing/review.html", _review_context(found, posted=request.POST), status=400
        )
    if action != "terima":
        messages.success(request, _("Perbaikan tersimpan."))
        return redirect("importing:review", pk=found.pk)
    try:
        revision = found_sop_accept(found=found, actor=request.user, loaded_version=found.version)
    except DomainError as exc:
        # The corrections were kept above; the refusal says why, on the same page.
        messages.error(request, exc.message)
        found.refresh_from_db()
        return render(request, "importing/review.html", _review_context(found), status=400)
    messages.success(
        request,
        _("“%(nama)s” menjadi draf (revisi %(number)s); buka di “SOP saya” untuk melengkapinya lalu ajukan.")
        % {"nama": revision.nama or found.nama, "number": revision.number},
    )
    after = neighbours(found=found)[1]
    if after is not None and after.state == FoundSop.State.WAITING:
        return redirect("importing:review", pk=after.pk)
    return redirect("importing:batch", pk=found.batch_id)


@login_required
@require_GET
def found_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found_or_404(request, pk)
    offset = request.GET.get("geser", "0")
    drawn = preview.page_png(found, int(offset) if offset.lstrip("-").isdigit() else 0)
    if drawn is None:
        raise Http404
    png, number, count = drawn
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Sopap-Page"] = f"{number}/{count}"
    return response
