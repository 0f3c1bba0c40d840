"""The Buku SOP pages: a PD's (or the Pemda's) book of the SOPs in force, built in the background and
downloaded from the render cache; its settings; and the Keputusan of each decree the workflow recorded."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sopap.web.authoring import cache
from sopap.web.books import building
from sopap.web.books.forms import BookSettingsForm, initial_of
from sopap.web.books.selectors import (
    Scope,
    can_configure,
    decree_get,
    decrees_of,
    events_of,
    in_force,
    scope_get,
    scopes_of,
    settings_of,
    units_for,
)
from sopap.web.books.services import (
    CHOSEN,
    FIELDS,
    NOT_A_CONFIGURER,
    UNIT,
    WHOLE,
    Selection,
    book_file,
    book_settings_save,
    can_sign,
    check_format,
    keputusan_bytes,
    signed_pdf,
)
from sopap.web.books.tasks import book_build_enqueue
from sopap.web.error_pages import forbidden
from sopap.web.shared.errors import DomainError, FieldErrors, PermissionDenied, StaleVersion


def _scope(request: HttpRequest, kind: str, pk: int) -> Scope:
    scope = scope_get(user=request.user, kind=kind, pk=pk)
    if scope is None:
        raise Http404
    return scope


def _selection(data: QueryDict) -> Selection:
    cakupan = str(data.get("cakupan", WHOLE))
    unit = str(data.get("unit", ""))
    return Selection(
        cakupan=cakupan,
        unit_id=int(unit) if cakupan == UNIT and unit.isdigit() else None,
        revision_ids=tuple(sorted({int(v) for v in data.getlist("sop") if v.isdigit()}))
        if cakupan == CHOSEN
        else (),
    )


def _refused(request: HttpRequest, scope: Scope, message: str, status: int = 400) -> HttpResponse:
    return render(request, "books/refused.html", {"scope": scope, "message": message}, status=status)


@login_required
def book_index(request: HttpRequest) -> HttpResponse:
    scopes = scopes_of(user=request.user)
    if len(scopes) == 1:
        return redirect("books:page", kind=scopes[0].kind, pk=scopes[0].pk)
    return render(request, "books/index.html", {"scopes": scopes})


@login_required
def book_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = _scope(request, kind, pk)
    row = settings_of(scope=scope)
    return render(
        request,
        "books/page.html",
        {
            "scope": scope,
            "row": row,
            "signer": building.settings_data(scope, row)["penandatangan"],
            "can_configure": can_configure(user=request.user, scope=scope),
            "can_sign": can_sign(user=request.user, scope=scope),
            "sops": in_force(scope=scope, with_text=False),
            "units": units_for(scope=scope),
            "decrees": decrees_of(scope=scope),
            "formats": list(building.FORMATS),
            "events": events_of(scope=scope),
        },
    )


@login_required
@require_POST
def book_build(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = _scope(request, kind, pk)
    try:
        book_build_enqueue(
            scope=scope,
            actor=request.user,
            selection=_selection(request.POST),
            fmt=str(request.POST.get("format", "pdf")),
            signed=request.POST.get("ttd") == "1",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("books:page", kind=scope.kind, pk=scope.pk)
    messages.success(request, _("Buku SOP sedang dibuat di latar belakang; kemajuannya tampil di sini."))
    return redirect("jobs:list")


def _attachment(body: bytes, media_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def book_download(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The built book, from the cache; one that is not there (never built, or its SOPs or settings changed
    since) is not drawn here but sent back to the page to be built."""
    scope = _scope(request, kind, pk)
    try:
        file = book_file(
            scope=scope,
            selection=_selection(request.GET),
            fmt=str(request.GET.get("format", "pdf")),
            row=settings_of(scope=scope),
        )
    except DomainError as exc:
        return _refused(request, scope, exc.message)
    body = cache.stored_only(file.key)
    if body is None:
        messages.warning(
            request,
            _(
                "Buku ini belum dibuat, atau SOP berlakunya atau pengaturannya berubah sejak dibuat: buat "
                "lagi di bawah."
            ),
        )
        return redirect("books:page", kind=scope.kind, pk=scope.pk)
    name = file.name
    if request.GET.get("ttd") == "1":
        try:
            body = signed_pdf(
                scope=scope,
                actor=request.user,
                body=body,
                fmt=file.fmt,
                action="book.signed",
                detail=_("Buku SOP %(scope)s, %(count)s SOP")
                % {"scope": scope.nama, "count": len(file.revisions)},
            )
        except DomainError as exc:
            return _refused(
                request, scope, exc.message, status=403 if isinstance(exc, PermissionDenied) else 400
            )
        name = name.replace(".pdf", "-ttd.pdf")
    return _attachment(body, file.media_type, name)


@login_required
def keputusan_download(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = _scope(request, kind, pk)
    fmt = str(request.GET.get("format", "pdf"))
    try:
        spec = check_format(fmt)
    except DomainError as exc:
        return _refused(request, scope, exc.message)
    decree = decree_get(scope=scope, nomor=str(request.GET.get("nomor", "")))
    if decree is None:
        raise Http404
    try:
        body = keputusan_bytes(
            scope=scope, decree=decree, fmt=fmt, row=settings_of(scope=scope), actor=request.user
        )
    except DomainError as exc:
        return _refused(request, scope, exc.message)
    signed = request.GET.get("ttd") == "1"
    if signed:
        try:
            body = signed_pdf(
                scope=scope,
                actor=request.user,
                body=body,
                fmt=fmt,
                action="book.keputusan_signed",
                detail=_("Keputusan %(nomor)s") % {"nomor": decree.nomor},
            )
        except DomainError as exc:
            return _refused(
                request, scope, exc.message, status=403 if isinstance(exc, PermissionDenied) else 400
            )
    # "188.45/10/2025" -> keputusan-188-45-10-2025.pdf: the number stays readable in the file's name.
    slug = slugify(re.sub(r"[/.]+", "-", decree.nomor)) or "sop"
    name = f"keputusan-{slug}{'-ttd' if signed else ''}.{spec.extension}"
    return _attachment(body, spec.media_type, name)


@login_required
def book_settings(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = _scope(request, kind, pk)
    if not can_configure(user=request.user, scope=scope):
        return forbidden(request, NOT_A_CONFIGURER)
    row = settings_of(scope=scope)
    form = BookSettingsForm(request.POST or None, initial=initial_of(scope, row))
    context = {"scope": scope, "form": form, "row": row}
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in FIELDS}
        try:
            book_settings_save(
                scope=scope, actor=request.user, data=data, loaded_version=form.cleaned_data["version"]
            )
        except StaleVersion as exc:
            # The user's text stays in the form beside what is stored now; saving again (from the current
            # version) is their informed choice to keep their own.
            current = settings_of(scope=scope)
            stored = initial_of(scope, current)
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = BookSettingsForm(posted, initial=stored)
            form.is_valid()
            messages.error(request, exc.message)
            context.update(
                form=form,
                row=current,
                changes=[
                    (form[name].label, stored.get(name) or "")
                    for name in FIELDS
                    if str(stored.get(name) or "").strip() != str(data.get(name) or "").strip()
                ],
            )
            return render(request, "books/settings.html", context, status=409)
        except FieldErrors as exc:
            for field, problems in exc.errors.items():
                for problem in problems:
                    form.add_error(field, problem)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Pengaturan buku SOP tersimpan."))
            return redirect("books:page", kind=scope.kind, pk=scope.pk)
    return render(request, "books/settings.html", context, status=400 if form.errors else 200)
