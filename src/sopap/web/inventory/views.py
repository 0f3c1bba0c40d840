"""/inventaris/: the SOPs each Perangkat Daerah needs, and how many of them are in force."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sopap.web.error_pages import forbidden
from sopap.web.inventory.forms import EntryForm, ImportForm
from sopap.web.inventory.selectors import (
    can_edit_inventory,
    coverage_by_pd,
    coverage_by_unit,
    coverage_total,
    entries_of,
    entry_get,
    inventory_pds,
)
from sopap.web.inventory.services import (
    entry_create,
    entry_delete,
    entry_start_drafting,
    entry_update,
    inventory_import,
)
from sopap.web.inventory.workbook import inventory_xlsx, read_inventory_xlsx
from sopap.web.organisations.models import PerangkatDaerah
from sopap.web.shared.errors import DomainError, FieldErrors, StaleVersion


def _pd(request: HttpRequest, pds: list[PerangkatDaerah]) -> PerangkatDaerah | None:
    raw = request.GET.get("pd") or request.POST.get("pd", "")
    chosen = next((p for p in pds if raw.isdigit() and p.pk == int(raw)), None)
    return chosen if chosen is not None else (pds[0] if len(pds) == 1 else None)


@login_required
def inventory_index(request: HttpRequest) -> HttpResponse:
    pds = inventory_pds(user=request.user)
    if not pds:
        return forbidden(
            request, _("Inventaris SOP hanya untuk pengguna yang tercatat di sebuah perangkat daerah.")
        )
    pd = _pd(request, pds)
    context: dict[str, Any] = {"pds": pds, "pd": pd}
    if pd is None:
        by_pd = coverage_by_pd(pds=pds)
        context.update(
            by_pd=by_pd, coverage_rows=by_pd, total=coverage_total(by_pd, _("Semua perangkat daerah"))
        )
        return render(request, "inventory/index.html", context)
    by_unit = coverage_by_unit(pd=pd)
    context.update(
        entries=list(entries_of(pd=pd)),
        by_unit=by_unit,
        coverage_rows=by_unit,
        total=coverage_total(by_unit, pd.nama),
        can_edit=can_edit_inventory(user=request.user, pd=pd),
        form=EntryForm(pd=pd),
        upload=ImportForm(),
    )
    return render(request, "inventory/index.html", context)


def _back(pd: PerangkatDaerah) -> HttpResponse:
    return redirect(f"{reverse('inventory:index')}?pd={pd.pk}")


def _values(form: EntryForm) -> dict[str, str]:
    return {
        k: form.cleaned_data.get(k) or "" for k in ("tugas_fungsi", "kegiatan", "output", "aspek", "judul")
    }


def _field_errors(form: EntryForm, exc: DomainError) -> None:
    if isinstance(exc, FieldErrors):
        for field, problems in exc.errors.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        form.add_error(None, exc.message)


@login_required
@require_POST
def entry_new(request: HttpRequest) -> HttpResponse:
    pds = inventory_pds(user=request.user)
    pd = _pd(request, pds)
    if pd is None:
        raise Http404
    form = EntryForm(request.POST, pd=pd)
    if form.is_valid():
        try:
            entry_create(actor=request.user, pd=pd, unit=form.cleaned_data["unit"], values=_values(form))
        except DomainError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Kebutuhan SOP ditambahkan."))
            return _back(pd)
    return render(request, "inventory/entry.html", {"form": form, "pd": pd, "entry": None}, status=400)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_get(pk=pk)
    if entry is None or entry.pd not in inventory_pds(user=request.user):
        raise Http404
    if not can_edit_inventory(user=request.user, pd=entry.pd):
        return forbidden(
            request,
            _("Inventaris SOP perangkat daerah ini diisi oleh penyusun, kepala dan admin organisasinya."),
        )
    initial = {
        "unit": entry.unit_id,
        **{k: getattr(entry, k) for k in ("tugas_fungsi", "kegiatan", "output", "aspek", "judul")},
    }
    form = EntryForm(request.POST or None, pd=entry.pd, initial=initial)
    version = int(request.POST.get("versi") or entry.version) if request.method == "POST" else entry.version
    if request.method == "POST":
        action = request.POST.get("tindakan", "simpan")
        try:
            if action == "mulai":
                revision = entry_start_drafting(actor=request.user, entry=entry, loaded_version=version)
                return redirect("authoring:edit", pk=revision.pk)
            if action == "hapus":
                entry_delete(actor=request.user, entry=entry, loaded_version=version)
                messages.success(request, _("Kebutuhan SOP dihapus."))
                return _back(entry.pd)
            if form.is_valid():
                entry_update(
                    actor=request.user,
                    entry=entry,
                    loaded_version=version,
                    unit=form.cleaned_data["unit"],
                    values=_values(form),
                )
                messages.success(request, _("Kebutuhan SOP disimpan."))
                return _back(entry.pd)
        except StaleVersion as exc:
            form.is_valid()
            form.add_error(None, exc.message)
            return render(
                request,
                "inventory/entry.html",
                {"form": form, "pd": entry.pd, "entry": entry, "version": version},
                status=409,
            )
        except DomainError as exc:
            form.is_valid()
            _field_errors(form, exc)
    return render(
        request, "inventory/entry.html", {"form": form, "pd": entry.pd, "entry": entry, "version": version}
    )


@login_required
def inventory_export(request: HttpRequest) -> HttpResponse:
    pd = _pd(request, inventory_pds(user=request.user))
    if pd is None:
        raise Http404
    response = HttpResponse(
        inventory_xlsx(pd=pd, entries=list(entries_of(pd=pd))),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inventaris-sop-{slugify(pd.singkatan or pd.nama)}.xlsx"'
    )
    return response


@login_required
@require_POST
def inventory_upload(request: HttpRequest) -> HttpResponse:
    pd = _pd(request, inventory_pds(user=request.user))
    if pd is None:
        raise Http404
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            rows = read_inventory_xlsx(data=berkas.read(), filename=berkas.name, pd=pd)
            created = inventory_import(actor=request.user, pd=pd, rows=rows)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)s kebutuhan SOP dimuat dari berkas.") % {"n": len(created)})
    else:
        messages.error(request, _("Pilih berkas .xlsx yang akan dimuat."))
    return _back(pd)
