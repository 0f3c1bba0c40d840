"""Rendering many SOPs at once, on every CPU core.

A folder of SOPs is rendered by splitting it between this process and forked copies of it: a fork
inherits everything already imported (pydantic's model classes, ReportLab, the fonts), so a worker starts
in about a millisecond, where a fresh interpreter would pay the ~0.3 s of imports again. Each worker writes
its own files (atomically, as :func:`render_to_path` always does) and reports each finished file over a
pipe, so the caller sees one progress stream. Where ``fork`` is not available (Windows, macOS's unsafe
fork) or there is one core, the files are rendered one after another in this process.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sopap.core.errors import SopapError

if TYPE_CHECKING:
    from sopap.core.layout.options import RenderOptions
    from sopap.core.model import SOP

Job = tuple["SOP", Path]
"""One SOP and the file to write it to (format from the extension)."""


class RenderFailed(SopapError):
    """A file of a batch could not be rendered: ``target`` names it, ``reason`` says why."""

    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(f"gagal dicetak: {reason}", message_en=f"not rendered: {reason}", path=str(target))
        self.target = target
        self.reason = reason


def default_workers() -> int:
    """How many processes to render with: the CPU cores this process may use, where fork is safe.

    One when fork is unsafe: on other systems than Linux, and in a process that runs threads (a web
    server), where a forked copy could inherit a lock held by another thread and hang.
    """
    if sys.platform != "linux" or not hasattr(os, "fork") or _threads() > 1:
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def _threads() -> int:
    """The threads of this process, counting those Python's threading module does not know of."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def job_cost(sop: SOP) -> int:
    """A rough relative cost of rendering ``sop``: its steps, plus the identity sheet's fixed share."""
    return len(sop.langkah) + 4


_RECORD = 4  # bytes per job index in the queue
_QUEUE_CAPACITY = 64 * 1024  # a pipe's buffer on Linux: the whole queue is written before forking


def render_jobs(
    jobs: Sequence[Job],
    options: RenderOptions | None = None,
    *,
    workers: int | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> None:
    """Render every job to its path, calling ``on_done(path)`` as each file is written.

    With several workers, the jobs wait in a queue (a pipe holding their indexes, largest SOP first)
    from which every process takes the next one as soon as it is free, so a long SOP does not leave the
    other cores idle. Raises :class:`RenderFailed` naming the first file that failed; every other file
    is either complete or absent, never half-written.
    """
    count = min(default_workers() if workers is None else workers, len(jobs))
    if count <= 1 or len(jobs) * _RECORD > _QUEUE_CAPACITY:
        for index in range(len(jobs)):
            _render_one(jobs, index, options)
            if on_done is not None:
                on_done(jobs[index][1])
        return
    _load_renderers(jobs)
    order = sorted(range(len(jobs)), key=lambda i: -job_cost(jobs[i][0]))
    queue_read, queue_write = os.pipe()
    os.write(queue_write, b"".join(i.to_bytes(_RECORD, "little") for i in order))
    os.close(queue_write)  # an empty queue then reads as end of file
    children: list[tuple[int, int]] = []  # (pid, read end of its report pipe)
    sys.stdout.flush()
    sys.stderr.flush()
    # Objects that exist now are never freed by the workers; freezing them keeps the collector from
    # touching (and so copying) every memory page the workers share with this process.
    gc.freeze()
    try:
        for _ in range(count - 1):
            report_read, report_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the forked worker, tested through the CLI
                os.close(report_read)
                _worker(jobs, queue_read, options, report_write)
            os.close(report_write)
            os.set_blocking(report_read, False)
            children.append((pid, report_read))
        reports = _Reports(jobs, [read_end for _, read_end in children], on_done)
        try:
            for index in _take(queue_read):
                _render_one(jobs, index, options)
                reports.done(index)
                reports.drain(block=False)
        finally:
            reports.drain(block=True)
            for pid, read_end in children:
                os.close(read_end)
                _, status = os.waitpid(pid, 0)
                code = os.waitstatus_to_exitcode(status)
                if code != 0 and not reports.failures:
                    # Killed (out of memory, a signal) before it could say which file: name one it lost.
                    lost = [i for i in range(len(jobs)) if i not in reports.finished]
                    reports.failures.append(
                        RenderFailed(jobs[lost[0]][1] if lost else Path("?"), f"worker stopped (exit status {code})")
                    )
            os.close(queue_read)
        if reports.failures:
            raise reports.failures[0]
    finally:
        gc.unfreeze()


def _take(queue: int) -> Iterator[int]:
    """The next job's index, until the queue is empty; a read of one record is atomic between processes."""
    while record := os.read(queue, _RECORD):
        yield int.from_bytes(record, "little")


def _load_renderers(jobs: Sequence[Job]) -> None:
    """Import the renderers the jobs need, once, here: forked workers then start with them loaded."""
    from sopap.core.renderers import FORMATS, format_of

    for fmt in {format_of(path) for _, path in jobs}:
        if fmt is not None:
            FORMATS[fmt].load()


def _render_one(jobs: Sequence[Job], index: int, options: RenderOptions | None) -> None:
    from sopap.core.renderers import render_to_path

    sop, path = jobs[index]
    try:
        render_to_path(sop, path, options)
    except SopapError:
        raise
    except Exception as exc:
        raise RenderFailed(path, f"{type(exc).__name__}: {exc}") from exc


def _worker(  # pragma: no cover - runs in the forked worker
    jobs: Sequence[Job], queue: int, options: RenderOptions | None, report: int
) -> NoReturn:
    """Render jobs from the queue, reporting "index" per file, or "!index<TAB>reason" and stop."""
    status = 0
    try:
        for index in _take(queue):
            try:
                _render_one(jobs, index, options)
            except Exception as exc:
                reason = exc.reason if isinstance(exc, RenderFailed) else str(exc)
                _write_all(report, f"!{index}\t{reason.replace(chr(10), ' ')}\n".encode())
                status = 1
                break
            _write_all(report, f"{index}\n".encode())
    except BaseException:
        status = 1
    finally:
        # Leave without running the parent's exit handlers or flushing its buffers a second time.
        os._exit(status)


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


class _Reports:
    """What the workers report: finished files go to ``on_done``, failures are kept."""

    def __init__(self, jobs: Sequence[Job], pipes: list[int], on_done: Callable[[Path], None] | None) -> None:
        self.jobs = jobs
        self.pending = {fd: b"" for fd in pipes}
        self.on_done = on_done
        self.finished: set[int] = set()
        self.failures: list[RenderFailed] = []

    def done(self, index: int) -> None:
        self.finished.add(index)
        if self.on_done is not None:
            self.on_done(self.jobs[index][1])

    def drain(self, *, block: bool) -> None:
        for fd in list(self.pending):
            if block:
                os.set_blocking(fd, True)
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    break
                if not chunk:
                    del self.pending[fd]
                    break
                *lines, self.pending[fd] = (self.pending[fd] + chunk).split(b"\n")
                for line in lines:
                    self._report(line.decode("utf-8"))

    def _report(self, line: str) -> None:
        if line.startswith("!"):
            index, _, reason = line[1:].partition("\t")
            self.failures.append(RenderFailed(self.jobs[int(index)][1], reason))
        elif line:
            self.done(int(line))
