"""Middleware of the web app: the language of the interface, and the cap on request bodies."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    """Indonesian first: the interface switches to English only when the user chose it (the language cookie
    set by the language switch), never from the browser's Accept-Language, which on many government PCs
    says en-US."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose body is larger than settings.MAX_UPLOAD_BYTES (SOPAP_MAX_UPLOAD_MB), by its
    Content-Length, before anything parses it: Django never reads past Content-Length, so the cap bounds
    what one request can put in memory. The body is then read and thrown away in small chunks, so that
    the browser, which sends all of it before it listens, gets the page that explains the refusal (and
    Django's development server, which would otherwise swallow the rest in one read, stays small).

    A body without a length (Transfer-Encoding: chunked) is refused as well: Django would read it as
    empty, and a form that arrives empty would be refused for the wrong reason."""

    CHUNK = 64 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_UPLOAD_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads nothing of a body whose length it cannot parse
        if length > limit:
            while request.read(self.CHUNK):
                pass
            return self._too_large(request, length, limit)
        if length <= 0 and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            from django.utils.translation import gettext as _

            return HttpResponse(
                _(
                    "Permintaan ini tidak menyebut panjang isinya (Content-Length); kirim ulang dengan panjangnya."
                ),
                status=411,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _too_large(request: HttpRequest, length: int, limit: int) -> HttpResponse:
        from django.shortcuts import render
        from django.template.defaultfilters import filesizeformat

        return render(
            request,
            "request_too_large.html",
            {"size": filesizeformat(length), "limit": filesizeformat(limit)},
            status=413,
        )
