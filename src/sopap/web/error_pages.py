"""The pages of a refusal, a missing page and a failure: in the app's own layout and language, each with
the way back. The 500 page is rendered from the template alone, without the request's context (no user,
no session, no database), because whatever failed may be exactly those; and should even that fail, a
plain page still says what happened."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def _message(exception: Any) -> str:
    """The reason a view gave (PermissionDenied("Hanya admin ...")), when it gave one in words."""
    text = str(exception or "").strip()
    if not text or text.startswith(("<", "{", "[")) or text in {"None", "Forbidden"}:
        return ""
    return text


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(
        request,
        "errors/403.html",
        {"reason": _message(exception), "next": request.get_full_path()},
        status=403,
    )


def forbidden(request: HttpRequest, reason: Any) -> HttpResponse:
    """The 403 page with the reason in words, for a view that refuses rather than raises."""
    return permission_denied(request, reason)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "errors/404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
    except Exception:
        log.exception("the 500 page itself failed")
        return HttpResponseServerError(
            "<!doctype html><meta charset=utf-8><title>500</title>"
            f"<h1>{_('Terjadi kesalahan pada server')}</h1>"
            f"<p>{_('Coba lagi beberapa saat lagi.')} <a href='/'>{_('Ke beranda')}</a></p>"
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page opened too long ago (or from another site): say so, in words."""
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else ""
    return render(request, "errors/403_csrf.html", {"back": back}, status=403)
