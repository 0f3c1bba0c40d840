"""Time importing a Buku SOP of 100 different SOPs, as Word and as PDF, end to end. Target: < 20 s each.

The books are made by sopap itself: 100 SOPs (the 14 Serang examples, each copy with a nomor and nama of
its own), bound by the book renderers (`render_book_docx`, `render_book_pdf`) with cover, chapters and
Keputusan, as an agency's Buku SOP is. Each book is then imported

Each line gives the wall-clock time (what a person waits; the target) and the CPU time of the work
(user + system; steadier than the wall clock on a shared machine).

* `core`: `import_file(data, name)` in this process, warm (median of --runs), with the time of each of
  its stages (reading the document, telling its SOPs apart, checking each SOP) taken from its progress
  callback;
* `CLI`: `sopap import BOOK -o DIR -q` as a new process, start-up and writing the 100 `.sop.yaml`
  included (median of --runs);
* `web`: the background job's own service, `import_batch_read(batch=..., job=...)`, called directly on a
  fresh SQLite database in a temporary folder: the core's reading, then each SOP kept with its report in
  both languages and its match against the PD's SOPs, and the job's progress written as it goes. Once
  per book, with the number of writes to the job row (at most one a second, `jobs.services.STEP_SECONDS`).

Every SOP found is checked against the one it was made from (nomor, nama, actors of every step).

Run: .venv/bin/python bench/bench_import.py [--count 100] [--runs 3] [--no-cli] [--no-web]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sopap.core.importers import ImportProgress, ImportResult, import_file  # noqa: E402
from sopap.core.model import SOP  # noqa: E402
from sopap.core.sopfile import load_path  # noqa: E402

TARGET_SECONDS = 20.0


def hundred_sops(count: int) -> list[SOP]:
    files = sorted((REPO / "examples" / "serang").glob("*.sop.yaml"))
    sops = []
    for index in range(count):
        sop = load_path(files[index % len(files)])
        sops.append(
            sop.model_copy(
                update={"nomor": f"{sop.nomor}-{index + 1:03d}", "nama": f"{sop.nama} {index + 1}"}
            )
        )
    return sops


def books(sops: list[SOP], folder: Path) -> dict[str, Path]:
    from sopap.core.book.content import resolve_book
    from sopap.core.book.docx import render_book_docx
    from sopap.core.book.pdf import render_book_pdf

    book = resolve_book(sops)
    out = {}
    for kind, render in (("docx", render_book_docx), ("pdf", render_book_pdf)):
        start = time.perf_counter()
        path = folder / f"Buku SOP {len(sops)}.{kind}"
        path.write_bytes(render(book, keputusan=True))
        print(
            f"made {path.name}: {path.stat().st_size // 1024} KiB in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        out[kind] = path
    return out


def agreement(expected: list[SOP], result: ImportResult) -> str:
    """How many SOPs came back with their nomor, nama and every step's actors (the book orders them)."""
    found = {s.sop.nomor: s.sop for s in result.sops if s.sop is not None}
    ok = 0
    for want in expected:
        got = found.get(want.nomor)
        if got is not None and got.nama == want.nama:
            ok += [s.pelaksana for s in got.langkah] == [s.pelaksana for s in want.langkah]
    return f"{ok}/{len(expected)} SOPs right ({len(result.sops)} found)"


def core(path: Path, expected: list[SOP], runs: int) -> float:
    data = path.read_bytes()
    times, cpu, stages = [], [], []
    result = None
    for _ in range(runs):
        marks: dict[str, float] = {}
        pages = 0

        def seen(where: ImportProgress, marks: dict[str, float] = marks) -> None:
            nonlocal pages
            marks.setdefault(where.stage, time.perf_counter())
            pages = max(pages, where.pages)

        start, start_cpu = time.perf_counter(), time.process_time()
        result = import_file(data, path.name, progress=seen)
        end = time.perf_counter()
        times.append(end - start)
        cpu.append(time.process_time() - start_cpu)
        find, check = marks.get("find", end), marks.get("check", end)
        stages.append((find - start, check - find, end - check))
    assert result is not None
    median = statistics.median(times)
    read, find, check = (statistics.median(s[i] for s in stages) for i in range(3))
    paged = f", {pages} pages" if pages else ""
    print(
        f"  core  {path.suffix:5} {median:6.2f} s, CPU {statistics.median(cpu):5.2f} s  (read {read:.2f} + find {find:.2f} + check {check:.2f}; "
        f"{agreement(expected, result)}{paged}; runs {', '.join(f'{t:.2f}' for t in times)})",
        flush=True,
    )
    return median


def cli(path: Path, runs: int) -> float:
    times, cpu = [], []
    written = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="sopap-bench-cli-") as out:
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run = subprocess.run(
                [sys.executable, "-m", "sopap.cli.main", "import", str(path), "-o", out, "-q"],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "PYTHONPATH": str(REPO / "src")},
            )
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            written = len(list(Path(out).glob("*.sop.yaml")))
            if run.returncode not in (0, 1):
                print(run.stderr[-2000:])
    median = statistics.median(times)
    print(
        f"  CLI   {path.suffix:5} {median:6.2f} s, CPU {statistics.median(cpu):5.2f} s  ({written} .sop.yaml written; "
        f"runs {', '.join(f'{t:.2f}' for t in times)})",
        flush=True,
    )
    return median


def web(paths: dict[str, Path]) -> dict[str, float]:
    """The job's service on a fresh database; Django is set up here, in a folder of its own."""
    data_dir = Path(tempfile.mkdtemp(prefix="sopap-bench-web-"))
    os.environ.update(
        SOPAP_DATA_DIR=str(data_dir), SOPAP_DEBUG="1", DJANGO_SETTINGS_MODULE="sopap.web.settings"
    )
    os.environ.pop("SOPAP_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from sopap.web.importing.models import FoundSop, ImportBatch
    from sopap.web.importing.reading import add_file, import_batch_read
    from sopap.web.jobs import services as job_services
    from sopap.web.jobs.models import Job
    from sopap.web.organisations.models import PerangkatDaerah
    from sopap.web.organisations.services import org_import, user_create

    call_command("migrate", verbosity=0)
    org_import(
        text=(REPO / "examples" / "organisasi" / "serang-diskominfo.org.yaml").read_text(encoding="utf-8")
    )
    pd = PerangkatDaerah.objects.order_by("id").first()
    user = user_create(username="bench", password="bench-password-123")
    writes = 0
    progress = job_services.JobReport.progress

    def counted(self: job_services.JobReport, percent: float, message: str = "") -> None:
        nonlocal writes
        writes += 1
        progress(self, percent, message)

    job_services.JobReport.progress = counted  # type: ignore[method-assign]
    out = {}
    for kind, path in paths.items():
        batch = ImportBatch.objects.create(pd=pd, created_by=user)
        job = Job.objects.create(user=user, title=f"bench {kind}")
        add_file(batch, path.name, path.read_bytes())
        writes = 0
        start, start_cpu = time.perf_counter(), time.process_time()
        found = import_batch_read(batch=batch, job=job_services.JobReport(job.pk))
        out[kind] = time.perf_counter() - start
        used = time.process_time() - start_cpu
        print(
            f"  web   .{kind:4} {out[kind]:6.2f} s, CPU {used:5.2f} s  ({found} SOPs kept, "
            f"{FoundSop.objects.filter(batch=batch).count()} rows; {writes} writes to the job row)",
            flush=True,
        )
    from django.db import connections

    connections.close_all()
    shutil.rmtree(data_dir, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--no-web", action="store_true")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} on {os.cpu_count()} cores", flush=True)
    sops = hundred_sops(args.count)
    with tempfile.TemporaryDirectory(prefix="sopap-bench-import-") as folder:
        paths = books(sops, Path(folder))
        worst = 0.0
        for path in paths.values():
            worst = max(worst, core(path, sops, args.runs))
        if not args.no_cli:
            for path in paths.values():
                worst = max(worst, cli(path, args.runs))
        if not args.no_web:
            worst = max(worst, *web(paths).values())
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"slowest: {worst:.2f} s, {verdict} the target of {TARGET_SECONDS:.0f} s for {args.count} SOPs")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
