"""The public verification page of a decreed revision (`/verifikasi/<code>/`, printed with a QR code on
its PDF): what the SOP is, its status now, and the SHA-256 of its official PDF; an uploaded PDF is
compared with that file byte for byte, read in memory and kept nowhere."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from sopap.web.authoring.cache import official_pdf_sha256
from sopap.web.authoring.models import OfficialDocument, Revision
from sopap.web.catalog.models import CatalogEntry
from sopap.web.shared.status import Status

# An official PDF is tens or hundreds of kilobytes; a copy larger than this is not it.
UPLOAD_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Verification:
    official: OfficialDocument
    revision: Revision
    sha256: str
    size: int
    successor: Revision | None
    successor_url: str
    ended_at: dt.datetime | None
    end_reason: str


def verification_get(*, code: str) -> Verification | None:
    """The verification of the decreed revision with this code, or None."""
    official = (
        OfficialDocument.objects.select_related("revision__document__pd__pemda", "revision__document__unit")
        .filter(code=code.strip().lower())
        .first()
    )
    if official is None:
        return None
    revision = official.revision
    sha256, size = official.pdf_sha256, official.pdf_size
    if not sha256:
        sha256, size = official_pdf_sha256(revision)
    successor = None
    successor_url = ""
    if revision.status == Status.DIGANTIKAN:
        successor = (
            Revision.objects.filter(
                document=revision.document,
                number__gt=revision.number,
                status__in=[Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT, Status.DITETAPKAN],
            )
            .select_related("official")
            .order_by("number")
            .first()
        )
        if successor is not None:
            code_of = getattr(successor, "official", None)
            successor_url = (
                reverse("verification:page", kwargs={"code": code_of.code})
                if code_of is not None
                else reverse(
                    "catalog:revision", kwargs={"doc": successor.document_id, "number": successor.number}
                )
            )
    ended_at, end_reason = None, ""
    if revision.status == Status.DICABUT:
        entry = CatalogEntry.objects.filter(revision=revision).only("ended_at", "end_reason").first()
        ended_at = entry.ended_at if entry else revision.updated_at
        end_reason = entry.end_reason if entry else ""
    return Verification(official, revision, sha256, size, successor, successor_url, ended_at, end_reason)


def _compare(request: HttpRequest, found: Verification) -> dict[str, Any]:
    upload = request.FILES.get("berkas")
    if upload is None:
        return {"error": _("Pilih berkas PDF yang hendak diperiksa.")}
    if upload.size is None or upload.size > UPLOAD_MAX_BYTES:
        return {
            "error": _("Berkas lebih dari %(mb)s MB: bukan PDF resmi SOP ini.")
            % {"mb": UPLOAD_MAX_BYTES // (1024 * 1024)}
        }
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    uploaded = digest.hexdigest()
    return {"uploaded_sha256": uploaded, "uploaded_name": upload.name, "matches": uploaded == found.sha256}


@csrf_exempt
def page(request: HttpRequest, code: str) -> HttpResponse:
    # Uploads are read in memory only, never into a temporary file: set before anything reads the body,
    # hence CSRF checked just below rather than by the middleware (Django's documented way).
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    return _page(request, code)


@csrf_protect
def _page(request: HttpRequest, code: str) -> HttpResponse:
    found = verification_get(code=code)
    if found is None:
        raise Http404
    context: dict[str, Any] = {"v": found, "revision": found.revision, "document": found.revision.document}
    status = 200
    if request.method == "POST":
        context["check"] = _compare(request, found)
        status = 400 if "error" in context["check"] else 200
    context["max_mb"] = UPLOAD_MAX_BYTES // (1024 * 1024)
    context["public_url"] = settings.PUBLIC_URL
    return render(request, "catalog/verification.html", context, status=status)
