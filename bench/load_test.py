"""Load test: 50 concurrent users against `sopap serve` on PostgreSQL, at several sizes of the database.

    eval "$(bash scripts/postgres.sh start)"
    .venv/bin/pip install -r bench/requirements-load.txt
    .venv/bin/python bench/load_test.py --sizes 1000,10000,100000 [--duration 60] [--users 50] [--workers N]

For each size (a number of SOPs), a database `sopap_load_<size>` on the server of $SOPAP_DATABASE_URL is
seeded with `sopap seed --pd <size/200> --sop-per-pd 200` (fewer per PD for small sizes), unless it already
holds that many SOPs (then it is reused: `--reseed` starts it again). `sopap serve` is started on a free port of
127.0.0.1 only, and locust (bench/locustfile.py, headless) runs ``--users`` users for ``--duration`` seconds
against it: four in five read the public catalog (the list, one PD's list, a search, an SOP's page, its PDF:
one of 40 SOPs whose PDF is rendered into the cache first, as the worker does when an SOP enters force),
one in five is a logged-in drafter (their SOP list, the editor, its live preview, a save). Nothing leaves the
loopback.

Printed: per page and size, the requests, p50, p95 and max (ms) and the errors; then how p95 grows from the
smallest size (p95 at that size / p95 at the smallest); then each page against its target (p95 < 100 ms for
pages and search, < 300 ms for a cached PDF, 0 errors); then the server's own time per request, from its
access log (without the wait for a free worker). The machine's load average is printed before each
run: two shared cores under other work move these numbers a lot (see docs/load-test.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SOP_PER_PD = 200
# Page -> target p95 (ms). The PDF's is that of a cached PDF (the run asks for PDFs rendered beforehand).
TARGETS_MS = {
    "katalog": 100,
    "katalog per PD": 100,
    "cari": 100,
    "halaman SOP": 100,
    "PDF": 300,
    "daftar SOP penyusun": 100,
    "editor": 100,
    "pratinjau editor": 100,
    "simpan": 100,
}
ORDER = list(TARGETS_MS)
WORDS = ["renja", "surat masuk", "cuti pegawai", "penyusunan laporan", "kenaikan pangkat", "perjalanan dinas",
         "pengaduan", "laporan keuangan", "renstra", "penyusnan", "arsip", "kecamatan", "SPJ", "gaji"]  # fmt: skip


def _env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_"))}
    env.update(
        SOPAP_DATABASE_URL=database_url,
        SOPAP_DATA_DIR=str(data_dir),
        SOPAP_SECRET_KEY=secrets.token_urlsafe(50),
        SOPAP_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: the session and CSRF cookies must travel without TLS.
        SOPAP_SECURE_COOKIES="0",
        PYTHONPATH=str(REPO / "src"),
        DJANGO_SETTINGS_MODULE="sopap.web.settings",
    )
    env.update(extra)
    return env


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _psql(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def _count_sops(url: str) -> int | None:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM authoring_sopdocument").fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:
        return None


def prepare(base: str, size: int, data_dir: Path, reseed: bool) -> tuple[str, float | None]:
    """The database of ``size`` SOPs, seeded unless it already is; the seconds seeding took."""
    name = f"sopap_load_{size}"
    url = _database_url(base, name)
    if not reseed and _count_sops(url) == size:
        print(f"  {name}: {size} SOP sudah ada / already seeded, reused", flush=True)
        return url, None
    _psql(base, f"DROP DATABASE IF EXISTS {name}")
    _psql(base, f"CREATE DATABASE {name}")
    per_pd = min(SOP_PER_PD, size)
    pds = max(1, size // per_pd)
    print(f"  {name}: sopap seed --pd {pds} --sop-per-pd {per_pd}  ({_load()})", flush=True)
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-m", "sopap.cli.main", "seed", "--pd", str(pds), "--sop-per-pd", str(per_pd)],
        env=_env(url, data_dir), cwd=REPO, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.monotonic() - started
    print(f"  seeded in {seconds:.0f} s  ({_load()})", flush=True)
    return url, seconds


# The PDFs asked for: of this many SOPs, rendered into the cache before the run (as the worker does when an
# SOP enters force), so that the PDF row measures a cached PDF, as its target says.
PDF_DOCUMENTS = 40
TARGETS_CODE = """
import json, random, sys, django
django.setup()
from sopap.web.authoring.models import SopDocument
from sopap.web.organisations.models import Membership
rng = random.Random(7)
in_force = list(SopDocument.objects.filter(in_force__isnull=False).values_list("id", flat=True))
drafter_of = {m.pd_id: m.user.username for m in Membership.objects.filter(role="penyusun").select_related("user")}
drafters = []
# One draft each (the head of its SOP, so the editor opens it), spread over the PDs.
for pd_id, head_id in SopDocument.objects.filter(head__status="draf").order_by("pd_id", "id").values_list("pd_id", "head_id"):
    if pd_id in drafter_of:
        drafters.append({"username": drafter_of[pd_id], "password": "sopap-penyusun", "revision": head_id})
rng.shuffle(drafters)
pds = sorted(set(SopDocument.objects.filter(in_force__isnull=False).values_list("pd_id", flat=True)))
documents = rng.sample(in_force, min(500, len(in_force)))
json.dump({"documents": documents, "pdf_documents": documents[:int(sys.argv[3])], "pds": pds,
           "words": json.loads(sys.argv[2]), "drafters": drafters[:60]}, open(sys.argv[1], "w"))
"""


def targets(url: str, data_dir: Path, out: Path) -> None:
    subprocess.run(
        [PYTHON, "-c", TARGETS_CODE, str(out), json.dumps(WORDS), str(PDF_DOCUMENTS)],
        env=_env(url, data_dir),
        cwd=REPO,
        check=True,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def serve(url: str, data_dir: Path, workers: int | None, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    args = [PYTHON, "-m", "sopap.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        args += ["--workers", str(workers)]
    handle = log.open("wb")
    # A database seeded by an older version of the code is brought up to date first.
    env = _env(url, data_dir, SOPAP_MIGRATE_ON_START="1")
    process = subprocess.Popen(args, env=env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"sopap serve stopped: see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("sopap serve did not become healthy")


def warm(port: int, target_file: Path) -> None:
    """One request to each kind of page first: the workers' imports and caches are not what is measured."""
    data = json.loads(target_file.read_text())
    for path in ["/katalog/", f"/katalog/?q={WORDS[0]}", f"/katalog/sop/{data['documents'][0]}/",
                 f"/katalog/sop/{data['documents'][0]}/unduh/pdf/"] * 3:  # fmt: skip
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        except OSError as exc:
            print(f"  warm-up {path}: {exc}", flush=True)
    started = time.monotonic()
    for doc in data["pdf_documents"]:
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/katalog/sop/{doc}/unduh/pdf/", timeout=120
            ).read()
        except OSError as exc:
            print(f"  PDF {doc}: {exc}", flush=True)
    print(
        f"  {len(data['pdf_documents'])} PDF rendered into the cache in {time.monotonic() - started:.0f} s",
        flush=True,
    )


# Users start five a second and the statistics start once all are running: the measurement is of the steady
# load, not of the first seconds, when every drafter's login (a deliberately slow password hash, about half
# a second of CPU) and each worker's first request of every page arrive at once.
SPAWN_RATE = 5


def run_locust(
    port: int, target_file: Path, users: int, duration: int, prefix: Path
) -> dict[str, dict[str, float]]:
    env = dict(os.environ, SOPAP_LOAD_TARGETS=str(target_file))
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(
            [PYTHON, "-m", "locust", "-f", str(REPO / "bench" / "locustfile.py"), "--headless", "--users", str(users),
             "--spawn-rate", str(SPAWN_RATE), "--reset-stats", "--run-time", f"{duration + users // SPAWN_RATE}s",
             "--host", f"http://127.0.0.1:{port}",
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
            env=env, cwd=REPO, check=False, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
    stats: dict[str, dict[str, float]] = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] in {"Aggregated", "masuk", "masuk (form)"}:
                continue
            stats[row["Name"]] = {
                "n": float(row["Request Count"]),
                "errors": float(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "max": float(row["Max Response Time"] or 0),
            }
    return stats


def page_of(method: str, path: str, query: str) -> str | None:
    """The page (a row of the tables) a request of the server's access log stands for."""
    parts = [p for p in path.split("/") if p]
    if path == "/katalog/":
        return "cari" if "q=" in query else "katalog per PD" if "pd=" in query else "katalog"
    if parts[:2] == ["katalog", "sop"]:
        return "PDF" if path.endswith("/unduh/pdf/") else "halaman SOP" if len(parts) == 3 else None
    if path == "/sop/":
        return "daftar SOP penyusun"
    if parts[:2] == ["sop", "revisi"] and len(parts) == 4:
        if parts[3] == "pratinjau":
            return "pratinjau editor"
        if parts[3] == "ubah":
            return "simpan" if method == "POST" else "editor"
    return None


def server_times(log: Path, since: float) -> dict[str, dict[str, float]]:
    """Per page, p50 and p95 of the time the server spent on each request (gunicorn's duration: from a worker
    taking the request to its answer written, without the wait before a worker was free), from the JSON
    access lines of requests answered after ``since`` (the Unix time the load began)."""
    import datetime as dt

    durations: dict[str, list[float]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if dt.datetime.fromisoformat(record["time"]).timestamp() < since:
            continue
        page = page_of(record["method"], record["path"], record["query"])
        if page is not None:
            durations.setdefault(page, []).append(float(record["duration_ms"]))
    out = {}
    for page, values in durations.items():
        values.sort()
        out[page] = {
            "n": len(values),
            "p50": values[len(values) // 2],
            "p95": values[min(len(values) - 1, int(len(values) * 0.95))],
        }
    return out


def report_server(server: dict[int, dict[str, dict[str, float]]]) -> str:
    sizes = sorted(server)
    lines = [
        "Server time per request (gunicorn's duration, without the wait for a free worker): n, p50 / p95 ms",
        "",
    ]
    lines += ["| page | " + " | ".join(f"{s:,} SOP" for s in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for page in ORDER:
        cells = []
        for s in sizes:
            r = server[s].get(page)
            cells.append("—" if r is None else f"{r['n']:.0f}, {r['p50']:.0f} / {r['p95']:.0f}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(results: dict[int, dict[str, dict[str, float]]]) -> str:
    sizes = sorted(results)
    pages = [p for p in ORDER if any(p in results[s] for s in sizes)]
    lines = []
    head = "| page | " + " | ".join(f"{s:,} SOP: n, p50 / p95 / max ms, errors" for s in sizes) + " |"
    lines += [head, "|---|" + "---|" * len(sizes)]
    for page in pages:
        cells = []
        for s in sizes:
            r = results[s].get(page)
            cells.append("—" if r is None else
                         f"{r['n']:.0f}, {r['p50']:.0f} / {r['p95']:.0f} / {r['max']:.0f}, {r['errors']:.0f}")  # fmt: skip
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += ["", "p95 growth (p95 at the size / p95 at the smallest size):", ""]
    lines += ["| page | " + " | ".join(f"{s:,}" for s in sizes) + " | target p95 | met at largest |",
              "|---|" + "---|" * (len(sizes) + 2)]  # fmt: skip
    for page in pages:
        base = results[sizes[0]].get(page, {}).get("p95") or 0
        cells = []
        for s in sizes:
            p95 = results[s].get(page, {}).get("p95")
            cells.append("—" if not p95 or not base else f"{p95 / base:.2f}x")
        last = results[sizes[-1]].get(page)
        met = last is not None and last["p95"] < TARGETS_MS[page] and last["errors"] == 0
        lines.append(
            f"| {page} | " + " | ".join(cells) + f" | < {TARGETS_MS[page]} ms | {'yes' if met else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per size")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None, help="sopap serve workers (default: its own)")
    parser.add_argument("--reseed", action="store_true", help="seed every size again")
    parser.add_argument("--out", type=Path, default=None, help="also write the tables to this file")
    args = parser.parse_args()
    base = os.environ.get("SOPAP_DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit('PostgreSQL only: eval "$(bash scripts/postgres.sh start)" first')
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, dict[str, float]]] = {}
    server: dict[int, dict[str, dict[str, float]]] = {}
    seeds: dict[int, float] = {}
    work = Path(tempfile.mkdtemp(prefix="sopap-load-"))
    try:
        for size in sizes:
            print(f"== {size:,} SOP", flush=True)
            data_dir = work / str(size)
            data_dir.mkdir()
            url, seeded = prepare(base, size, data_dir, args.reseed)
            if seeded is not None:
                seeds[size] = seeded
            target_file = data_dir / "targets.json"
            targets(url, data_dir, target_file)
            process, port = serve(url, data_dir, args.workers, data_dir / "serve.log")
            try:
                warm(port, target_file)
                print(f"  locust: {args.users} users, {args.duration} s  ({_load()})", flush=True)
                began = (
                    time.time() + args.users // SPAWN_RATE
                )  # as locust's statistics, from all users running
                results[size] = run_locust(port, target_file, args.users, args.duration, data_dir / "locust")
                print(f"  done  ({_load()})", flush=True)
            finally:
                process.terminate()
                process.wait(timeout=30)
            server[size] = server_times(data_dir / "serve.log", began)
        table = report(results) + "\n\n" + report_server(server)
        if seeds:
            table += "\n\nSeed time: " + ", ".join(f"{s:,} SOP {t:.0f} s" for s, t in seeds.items())
        print()
        print(table)
        if args.out:
            args.out.write_text(table + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
