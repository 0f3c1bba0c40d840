"""The production server behind `sopap serve`: gunicorn running the Django application, one JSON line per
request on standard output.

Imported only by `sopap serve`, after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

# gunicorn's advice is (2 x cores) + 1 sync workers. Each is a whole Django process (60 MB at rest, more
# while it renders a PDF), and on a larger machine the database, not the workers, is what runs out; past this
# many an operator chooses with --workers.
MAX_DEFAULT_WORKERS = 9


def available_cores() -> int:
    # The cores this process may run on (a container or systemd's CPUAffinity may allow fewer than exist).
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - Linux has sched_getaffinity


def default_workers(cores: int | None = None) -> int:
    cores = available_cores() if cores is None else cores
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


class JsonAccessLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger with each access line written as one JSON object.

    gunicorn's own access_log_format only escapes double quotes, so a backslash in a user agent or a path
    would break the line; here every value goes through json.dumps.
    """

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: dt.timedelta) -> None:
        if not self.access_log_enabled:
            return
        self.access_log.info("%s", json.dumps(access_record(resp, environ, request_time), ensure_ascii=True))


def access_record(resp: Any, environ: dict[str, Any], request_time: dt.timedelta) -> dict[str, Any]:
    raw_uri = str(environ.get("RAW_URI") or environ.get("PATH_INFO") or "")
    path, _, query = raw_uri.partition("?")
    status = getattr(resp, "status_code", None)
    if status is None:
        status = int(str(resp.status).split(None, 1)[0])
    record: dict[str, Any] = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "remote": environ.get("REMOTE_ADDR", ""),
        "method": environ.get("REQUEST_METHOD", ""),
        "path": path,
        "query": query,
        "status": status,
        "bytes": getattr(resp, "sent", 0) or 0,
        "duration_ms": round(request_time.total_seconds() * 1000, 1),
        "referer": environ.get("HTTP_REFERER", ""),
        "user_agent": environ.get("HTTP_USER_AGENT", ""),
        "pid": os.getpid(),
    }
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        record["forwarded_for"] = forwarded
    return record


class _Emptied:
    """The body of a HEAD response, dropped here, with the original still closed (Django's request_finished
    signal, which returns the database connection, fires on close)."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def __iter__(self) -> Any:
        return iter(())

    def close(self) -> None:
        close = getattr(self.result, "close", None)
        if close is not None:
            close()


def without_head_bodies(application: Any) -> Any:
    """Django leaves dropping the body of a HEAD response to the server; gunicorn drops it too, but warns
    in the error log for each one, and a monitoring probe may ask HEAD every few seconds."""

    def wrapped(environ: dict[str, Any], start_response: Any) -> Any:
        result = application(environ, start_response)
        if environ.get("REQUEST_METHOD") == "HEAD":
            return _Emptied(result)
        return result

    return wrapped


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn with its configuration given here, not read from a gunicorn.conf.py or the command line."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def options(*, host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": [bind_address(host, port)],
        "workers": workers,
        # Sync workers, one request each at a time: behind a proxy that buffers (docs/deployment.md) a slow
        # client never holds one.
        "worker_class": "sync",
        # The application is loaded once, before the workers are forked from it.
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "logger_class": "sopap.web.serving.JsonAccessLogger",
        "proc_name": "sopap",
        # gunicorn's control socket sits at one path per user: a second server (another node, a test) would
        # take it over. Nothing here uses it.
        "control_socket_disable": True,
    }


def run(*, host: str, port: int, workers: int) -> None:
    from django.core.wsgi import get_wsgi_application

    Server(without_head_bodies(get_wsgi_application()), options(host=host, port=port, workers=workers)).run()
