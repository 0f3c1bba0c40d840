"""Who calls the API and how often: the personal token, the rate limit, the language of the answers."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from sopap.web.organisations.models import ApiToken
from sopap.web.organisations.services import api_rate_hit, token_authenticate
from sopap.web.organisations.throttle import client_address


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the request acts as the token's owner (request.auth is the token)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_authenticate(raw=token.strip())
        if found is not None:
            request.user = found.user
        return found


def actor(request: HttpRequest) -> Any:
    """The user a token-authenticated operation acts as."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.user


# The clock of the rate limit; the tests set their own, so that no count straddles a window.
clock: Callable[[], float] = time.time


class RateLimit(BaseThrottle):
    """A fixed window per token (settings.API_RATE_TOKEN) or, without one, per client address
    (settings.API_RATE_ANONYMOUS): at most so many requests per so many seconds. Past it the answer is 429
    with Retry-After, the seconds left in the window.

    The count is a row in the database (organisations.ApiRateCount, counted up in one upsert), so every
    worker process of `sopap serve`, and every web node on the same database, shares it: a caller gets the
    limit once, not once per process."""

    def __init__(self) -> None:
        # ninja keeps one throttle for every request and asks wait() after allow_request(): the seconds to
        # wait belong to the request of this thread.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            ident, (limit, window) = f"token:{token.pk}", settings.API_RATE_TOKEN
        else:
            ident, (limit, window) = f"addr:{client_address(request)}", settings.API_RATE_ANONYMOUS
        now = clock()
        slot = int(now // window)
        # The window's length is part of the caller's name: a changed setting starts a count of its own.
        count = api_rate_hit(caller=f"{ident}/{window}", slot=slot)
        self._local.wait = (slot + 1) * window - now
        return bool(count <= limit)

    def wait(self) -> float | None:
        return max(1.0, float(getattr(self._local, "wait", 1.0)))


SUPPORTED = ("id", "en")


def language_of(request: HttpRequest) -> str | None:
    """The language a program asked for with Accept-Language, when it is one the app speaks. The web pages
    ignore that header (a browser on a government PC sends en-US whatever its user reads); a program's
    header is written by whoever wrote the program, so the API honours it. Otherwise the language the web
    would use (the language cookie, or Indonesian)."""
    header = request.headers.get("Accept-Language", "")
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        code, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        base = code.strip().lower().split("-")[0]
        if base in SUPPORTED and quality > 0:
            ranked.append((-quality, index, base))
    return min(ranked)[2] if ranked else None


def in_language(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Every operation (its refusals included) answers in the request's language (`language_of`)."""

    @functools.wraps(run)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        language = language_of(request) or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapped
