"""Rendering many SOPs at once, on every CPU core.

A folder of SOPs is rendered by this process and forked copies of it: a fork inherits everything already
imported (pydantic's model classes, ReportLab and the renderers), so a worker starts in about a
millisecond, where a fresh interpreter would pay the ~0.3 s of imports again. Workers take SOPs from one
queue, largest first; each writes its own files (atomically, as :func:`render_to_path` always does) and
reports each finished file over a pipe, so the caller sees one progress stream. Where fork is not
available or not safe (other systems than Linux, a process running threads) or there is one core, the
files are rendered one after another in this process.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sopap.core.errors import SopapError
from sopap.core.i18n import Text, Verbatim

if TYPE_CHECKING:
    from sopap.core.layout.options import RenderOptions
    from sopap.core.model import SOP

Job = tuple["SOP", Path]
"""One SOP and the file to write it to (format from the extension)."""


class RenderFailed(SopapError):
    """A file of a batch could not be rendered: ``target`` names it, ``reason`` says why."""

    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(Text("gagal dicetak: {reason}", reason=Verbatim(reason)), path=str(target))
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
    other cores idle. An explicit ``workers`` is obeyed even in a threaded process (the caller knows its
    threads hold no lock a worker needs); by default such a process renders alone.

    Raises :class:`RenderFailed` naming the first file that failed; every other file is either complete
    or absent, never half-written. Every worker has ended when this returns or raises.
    """
    count = min(default_workers() if workers is None else workers, len(jobs))
    queue = _queue(jobs) if count > 1 and hasattr(os, "fork") else None
    if queue is None:
        for index in range(len(jobs)):
            _render_one(jobs, index, options)
            if on_done is not None:
                on_done(jobs[index][1])
        return
    _load_renderers(jobs)
    sys.stdout.flush()
    sys.stderr.flush()
    reports = _Reports(jobs, on_done)
    children: list[int] = []
    try:
        for _ in range(count - 1):
            child = _fork_worker(jobs, queue, options)
            if child is None:  # no more processes or pipes to be had: go on with those started
                break
            children.append(child[0])
            reports.watch(child[1])
        for index in _take(queue):
            _render_one(jobs, index, options)
            reports.done(index)
            reports.drain(block=False)
    finally:
        try:
            reports.drain(block=True)
        finally:
            for pid in children:
                _, status = os.waitpid(pid, 0)
                reports.exited(os.waitstatus_to_exitcode(status))
            reports.close()
            os.close(queue)
    reports.raise_first()


def _queue(jobs: Sequence[Job]) -> int | None:
    """The read end of a pipe holding every job's index, largest SOP first; None if it cannot hold them.

    The whole queue is written before any worker exists, so the pipe must hold it all: a pipe holds 64 KiB
    (16,384 jobs) unless the system is short of pipe memory, when it may be grown or else refused.
    """
    import fcntl  # POSIX only, as fork is

    order = sorted(range(len(jobs)), key=lambda i: -job_cost(jobs[i][0]))
    data = b"".join(i.to_bytes(_RECORD, "little") for i in order)
    read_end, write_end = os.pipe()
    try:
        capacity = fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ)
        if capacity < len(data):
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, len(data))
        _write_all(write_end, data)
    except OSError:
        os.close(read_end)
        return None
    finally:
        os.close(write_end)  # an empty queue then reads as end of file
    return read_end


def _fork_worker(jobs: Sequence[Job], queue: int, options: RenderOptions | None) -> tuple[int, int] | None:
    """Start one worker: its pid and the read end of its report pipe, or None when none can start."""
    try:
        report_read, report_write = os.pipe()
    except OSError:
        return None
    # Ctrl-C is held back across the fork, so the worker meets it only inside the code that ends it.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(report_read)
        os.close(report_write)
        return None
    if pid == 0:  # pragma: no cover - runs in the forked worker, tested through the CLI
        _worker(jobs, queue, options, report_read, report_write, mask)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    os.close(report_write)
    os.set_blocking(report_read, False)
    return pid, report_read


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
    jobs: Sequence[Job],
    queue: int,
    options: RenderOptions | None,
    parent_end: int,
    report: int,
    mask: Any,
) -> NoReturn:
    """Render jobs from the queue, reporting "index" per file, or "!index<TAB>reason" and stop."""
    status = 1
    try:
        os.close(parent_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        status = 0
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
    """What the workers report: finished files go to ``on_done``, failures are kept for the end.

    An error of ``on_done`` itself is kept too (and ``on_done`` not called again), so that it cannot
    stop the workers from being waited for.
    """

    def __init__(self, jobs: Sequence[Job], on_done: Callable[[Path], None] | None) -> None:
        self.jobs = jobs
        self.pending: dict[int, bytes] = {}
        self.on_done = on_done
        self.finished: set[int] = set()
        self.failures: list[RenderFailed] = []
        self.callback_error: BaseException | None = None

    def watch(self, fd: int) -> None:
        self.pending[fd] = b""

    def done(self, index: int) -> None:
        self.finished.add(index)
        if self.on_done is not None and self.callback_error is None:
            try:
                self.on_done(self.jobs[index][1])
            except BaseException as exc:  # re-raised by raise_first once the workers are reaped
                self.callback_error = exc

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
                    os.close(fd)
                    del self.pending[fd]
                    break
                *lines, self.pending[fd] = (self.pending[fd] + chunk).split(b"\n")
                for line in lines:
                    self._report(line.decode("utf-8"))

    def exited(self, code: int) -> None:
        if code != 0 and not self.failures:
            # Killed (out of memory, a signal) before it could say which file: name one it lost.
            lost = [i for i in range(len(self.jobs)) if i not in self.finished]
            target = self.jobs[lost[0]][1] if lost else Path("?")
            self.failures.append(RenderFailed(target, f"worker stopped (exit status {code})"))

    def close(self) -> None:
        for fd in self.pending:
            os.close(fd)
        self.pending.clear()

    def raise_first(self) -> None:
        if self.failures:
            raise self.failures[0]
        if self.callback_error is not None:
            raise self.callback_error

    def _report(self, line: str) -> None:
        if line.startswith("!"):
            index, _, reason = line[1:].partition("\t")
            self.failures.append(RenderFailed(self.jobs[int(index)][1], reason))
        elif line:
            self.done(int(line))
