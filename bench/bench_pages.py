"""The server's own time of one uncached request to the heavier list pages, code against code, same minutes.

    python bench/bench_pages.py --database-url postgresql://.../sopap_load_100000 \\
        --src /work/main/src --src src --runs 9

Each ``--src`` (a checkout's ``src`` folder) gets its own Python process with production settings
(DEBUG off) on the seeded database of ``--database-url`` (``sopap seed``); the processes are asked in turn,
request by request, so every version meets the same machine load. A request goes through Django's test
client (no HTTP, no worker queue): what a gunicorn worker spends on it. The catalog page's entry in the cache
(a local-memory cache here) is removed before each request, so each one is a miss, as almost every per-PD
request is with 500 PDs; ``--cold`` empties the whole cache instead (the first page after a change).

Pages (a PD and a drafter chosen deterministically from the database, the same for every version):

- ``katalog per PD``: ``/katalog/?pd=<id>`` of a PD with SOPs in force, anonymous;
- ``daftar SOP penyusun``: ``/sop/`` logged in as that PD's drafter (``penyusun-<kode>``; as in
  bench/locustfile.py, whose drafters are the seeded ones).

Printed per page and version: the median and the range of ``--runs`` warm requests (after ``--warm``
requests not counted), in ms, and the number of queries of the last request. ``--profile PAGE`` prints the
top of a cProfile of one version's requests instead.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

WORKER = r"""
import cProfile, io, json, os, pstats, sys, time
import warnings
import django
warnings.filterwarnings("ignore", message="No directory at")
from django.conf import settings
settings.CACHES  # read the settings before django.setup() so the cache can be swapped below
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Static addresses without the manifest `sopap serve` collects (no collectstatic here).
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from sopap.web.authoring.models import SopDocument
from sopap.web.organisations.models import Membership

pd_ids = sorted(set(SopDocument.objects.filter(in_force__isnull=False).values_list("pd_id", flat=True)))
pd_id = pd_ids[len(pd_ids) // 2]
drafter = Membership.objects.filter(role="penyusun", pd_id=pd_id).select_related("user").first().user
anonymous, signed_in = Client(), Client()
signed_in.force_login(drafter)
PAGES = {
    "katalog per PD": (anonymous, f"/katalog/?pd={pd_id}"),
    "daftar SOP penyusun": (signed_in, "/sop/"),
}
print(json.dumps({"pd": pd_id, "drafter": drafter.username}), flush=True)
for line in sys.stdin:
    command = json.loads(line)
    client, url = PAGES[command["page"]]
    if command.get("cold"):
        cache.clear()
    else:
        # The page's own entry only: what else the cache holds for every page of the generation (the PD
        # chooser) stays, as it does on a server once the generation's first page was drawn.
        for key in [k for k in cache._cache if "sopap-katalog:" in k]:
            del cache._cache[key]
            cache._expire_info.pop(key, None)
    profiler = cProfile.Profile() if command.get("profile") else None
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        response = client.get(url)
        if profiler:
            profiler.disable()
        ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    out = {"ms": ms, "queries": len(queries), "bytes": len(response.content)}
    if profiler:
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats("sopap|template", 40)
        stats.sort_stats("tottime").print_stats(25)
        stats.print_callers(5)
        out["profile"] = text.getvalue()
    print(json.dumps(out), flush=True)
"""

PAGES = ("katalog per PD", "daftar SOP penyusun")


class Worker:
    def __init__(self, src: str, database_url: str, data_dir: str, cold: bool) -> None:
        self.cold = cold
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_"))}
        env.update(
            PYTHONPATH=str(Path(src).resolve()),
            DJANGO_SETTINGS_MODULE="sopap.web.settings",
            SOPAP_DATABASE_URL=database_url,
            SOPAP_DATA_DIR=data_dir,
            SOPAP_SECRET_KEY="bench-pages-not-secret",
            SOPAP_ALLOWED_HOSTS="testserver",
        )
        self.src = src
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.chosen = self._read()

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the worker of {self.src} stopped")
        return dict(json.loads(line))

    def ask(self, page: str, profile: bool = False) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"page": page, "profile": profile, "cold": self.cold}) + "\n")
        self.process.stdin.flush()
        return self._read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("SOPAP_DATABASE_URL", ""))
    parser.add_argument("--src", action="append", help="a checkout's src folder (repeat to compare)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warm", type=int, default=2)
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages")
    parser.add_argument("--cold", action="store_true", help="empty the whole cache before each request")
    parser.add_argument("--profile", choices=PAGES, help="profile this page (first --src) and stop")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or SOPAP_DATABASE_URL) is required")
    sources = args.src or [str(Path(__file__).resolve().parent.parent / "src")]
    pages = args.page or list(PAGES)
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as data_dir:
        workers = [Worker(src, args.database_url, data_dir, args.cold) for src in sources]
        try:
            print(f"PD {workers[0].chosen['pd']}, drafter {workers[0].chosen['drafter']}; {_load()}")
            if args.profile:
                for _ in range(args.warm):
                    workers[0].ask(args.profile)
                print(workers[0].ask(args.profile, profile=True)["profile"])
                return
            times: dict[tuple[str, str], list[float]] = {}
            last: dict[tuple[str, str], dict[str, Any]] = {}
            for page in pages:
                for _ in range(args.warm):
                    for worker in workers:
                        worker.ask(page)
            for _ in range(args.runs):
                for page in pages:
                    for worker in workers:
                        result = worker.ask(page)
                        times.setdefault((page, worker.src), []).append(result["ms"])
                        last[page, worker.src] = result
        finally:
            for worker in workers:
                worker.close()
    print(f"{'page':<22} {'src':<28} {'median ms':>9} {'min-max ms':>14} {'queries':>7} {'KB':>6}")
    for page in pages:
        base = None
        for worker in workers:
            ms = times[page, worker.src]
            median = statistics.median(ms)
            base = base or median
            ratio = "" if median == base else f"  {median / base:.2f}x of the first"
            print(
                f"{page:<22} {worker.src[-28:]:<28} {median:>9.1f} {min(ms):>6.1f}-{max(ms):<7.1f}"
                f" {last[page, worker.src]['queries']:>7} {last[page, worker.src]['bytes'] / 1024:>6.0f}{ratio}"
            )
    print(_load())


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
