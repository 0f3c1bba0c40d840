"""`/healthz`: whether this process can serve, for a load balancer, systemd or a monitoring probe."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse

PATH = "/healthz"

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    """The database answers a query on a table every migrated sopap database has.

    `SELECT 1` alone would pass on an empty SQLite file, which SQLite creates where the real one went missing.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError:
        # The cause goes to the log, not to whoever asks: the probe is public.
        logger.warning("health check: the database does not answer", exc_info=True)
        return False
    return True


def healthz(request: HttpRequest) -> HttpResponse:
    ok = database_ok()
    response = JsonResponse(
        {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unavailable"},
        status=200 if ok else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers `/healthz` before the host check and the HTTPS redirect: a probe asks by the loopback address
    over plain HTTP, not by the public name over HTTPS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == PATH and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
