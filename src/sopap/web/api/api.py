"""The API itself: its two parts, its refusals in one shape (`Problem`), its limit and its language."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from sopap.web.api import catalog, sops
from sopap.web.api.access import RateLimit, in_language
from sopap.web.api.errors import ApiError

api = NinjaAPI(
    title="sopap API",
    version="1",
    description=(
        "The public catalog of SOPs in force (no token), and, with a personal token made on your account "
        "page (`Authorization: Bearer <token>`), the SOPs you may see, their drafts and their workflow, as "
        "you: the web's permission checks and the web's refusals (`message`, in Indonesian, or English with "
        "`Accept-Language: en`)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI would otherwise show a badge fetched from an outside validator, which the CSP refuses.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
    throttle=[RateLimit()],
)
api.add_decorator(in_language, mode="view")
api.add_router("/katalog/", catalog.router)
api.add_router("/", sops.router)


def _problem(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _problem(request, exc.status, exc.body())


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _problem(request, 404, {"code": "not_found", "message": _("Tidak ditemukan.")})


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": [str(part) for part in e.get("loc", [])],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors
    ]
    return _problem(
        request, 422, {"code": "invalid", "message": _("Permintaan ini tidak sah."), "errors": errors}
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own refusals: a body that is not JSON (400) is the one an operation can meet.
    if exc.status_code == 400:
        message = _("Isi permintaan ini bukan JSON yang sah.")
    else:
        message = _("Permintaan ini tidak sah.")
    return _problem(request, exc.status_code, {"code": "invalid", "message": message})


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _problem(
        request,
        401,
        {
            "code": "unauthorized",
            "message": _(
                "Token API tidak ada, tidak dikenal atau sudah dicabut, atau akunnya tidak aktif. Kirim "
                "header Authorization: Bearer <token>."
            ),
        },
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = math.ceil(exc.wait or 1)
    return _problem(
        request,
        429,
        {
            "code": "rate_limited",
            "message": _("Terlalu banyak permintaan; coba lagi dalam %(seconds)s detik.")
            % {"seconds": seconds},
        },
    )
