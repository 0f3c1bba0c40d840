"""One POST endpoint per transition. The service decides; the view maps its refusal to 403/400."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sopap.web.authoring.editor import loaded_version
from sopap.web.authoring.selectors import revision_get_visible
from sopap.web.organisations.errors import DomainError, PermissionDenied
from sopap.web.workflow import services


def _step_notes(request: HttpRequest) -> dict[int, str]:
    out: dict[int, str] = {}
    for key, value in request.POST.items():
        if key.startswith("catatan_langkah_") and key.removeprefix("catatan_langkah_").isdigit() and value.strip():
            out[int(key.removeprefix("catatan_langkah_"))] = value
    return out


def _date(request: HttpRequest, name: str) -> dt.date | None:
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("Tanggal tidak sah: %(value)s") % {"value": value}) from None


def _notes(request: HttpRequest) -> dict[str, Any]:
    return {"notes": request.POST.get("catatan", ""), "loaded_version": loaded_version(request.POST)}


def _decree(sop: Any, actor: Any, request: HttpRequest) -> Any:
    return services.sop_decree(
        sop=sop,
        actor=actor,
        keputusan_nomor=request.POST.get("keputusan_nomor", ""),
        keputusan_tanggal=_date(request, "keputusan_tanggal") or timezone.localdate(),
        tanggal_berlaku=_date(request, "tanggal_berlaku"),
        nomor=request.POST.get("nomor", ""),
        **_notes(request),
    )


ACTIONS: dict[str, tuple[Callable[..., Any], Any]] = {
    "submit": (lambda s, a, r: services.sop_submit(sop=s, actor=a, **_notes(r)),
               gettext_lazy("SOP diajukan untuk verifikasi.")),
    "verification_approve": (
        lambda s, a, r: services.verification_approve(sop=s, actor=a, **_notes(r)),
        gettext_lazy("Verifikasi disetujui."),
    ),
    "verification_return": (
        lambda s, a, r: services.verification_return(sop=s, actor=a, step_notes=_step_notes(r), **_notes(r)),
        gettext_lazy("SOP dikembalikan ke penyusun dengan catatan."),
    ),
    "approve": (lambda s, a, r: services.sop_approve(sop=s, actor=a, **_notes(r)), gettext_lazy("SOP disahkan.")),
    "approval_return": (
        lambda s, a, r: services.approval_return(sop=s, actor=a, step_notes=_step_notes(r), **_notes(r)),
        gettext_lazy("SOP dikembalikan ke penyusun dengan catatan."),
    ),
    "decree": (_decree, gettext_lazy("Penetapan tercatat.")),
    "in_force": (lambda s, a, r: services.sop_put_in_force(sop=s, actor=a, loaded_version=loaded_version(r.POST)),
                 gettext_lazy("SOP berlaku.")),
    "review_open": (lambda s, a, r: services.review_open(sop=s, actor=a, **_notes(r)),
                    gettext_lazy("Revisi baru dibuka sebagai draf; versi yang berlaku tetap berlaku.")),
    "withdraw": (lambda s, a, r: services.sop_withdraw(sop=s, actor=a, **_notes(r)), gettext_lazy("SOP dicabut.")),
}


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    revision = revision_get_visible(user=request.user, pk=pk)
    if revision is None or action not in ACTIONS:
        raise Http404
    run, done = ACTIONS[action]
    try:
        result = run(revision, request.user, request)
    except PermissionDenied as exc:
        response = HttpResponse(exc.message, status=403, content_type="text/plain; charset=utf-8")
        return response
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("authoring:detail", pk=revision.document_id)
    messages.success(request, done)
    if action == "review_open":
        return redirect("authoring:edit", pk=result.pk)
    return redirect("authoring:detail", pk=revision.document_id)
