"""Many SOPs at once: every file written whole, by forked workers where it is safe, failures named."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sopap.core.renderers import batch
from sopap.core.renderers.batch import RenderFailed, default_workers, render_jobs
from sopap.core.sopfile import load_path
from tests.conftest import SERANG

# pytest's own threads make Python warn about every fork; the workers here touch no lock of theirs.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


@pytest.fixture(scope="module")
def jobs_for() -> object:
    sops = [load_path(p) for p in sorted(SERANG.glob("*.sop.yaml"))[:5]]

    def make(folder: Path, ext: str = "pdf") -> list[tuple[object, Path]]:
        return [(sop, folder / f"{i:02d}.{ext}") for i, sop in enumerate(sops)]

    return make


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_file_is_written_whole_and_reported_once(jobs_for, tmp_path: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    jobs = jobs_for(tmp_path)
    done: list[Path] = []
    render_jobs(jobs, workers=workers, on_done=done.append)
    assert sorted(done) == [path for _, path in jobs]
    for _, path in jobs:
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name for _, path in jobs]  # no temporary files


def test_workers_write_the_same_bytes_as_one_process(jobs_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "one", tmp_path / "two"
    render_jobs(jobs_for(one, "svg"), workers=1)
    render_jobs(jobs_for(two, "svg"), workers=2)
    for path in sorted(one.iterdir()):
        assert (two / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_fails_is_named_and_no_file_is_left_half_written(
    jobs_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:  # type: ignore[no-untyped-def]
    jobs = jobs_for(tmp_path)
    broken = jobs[2][1]
    real = batch._render_one

    def render_one(jobs: list[tuple[object, Path]], index: int, options: object) -> None:
        if jobs[index][1] == broken:
            raise RenderFailed(broken, "ZeroDivisionError: division by zero")
        real(jobs, index, options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "_render_one", render_one)
    with pytest.raises(RenderFailed) as info:
        render_jobs(jobs, workers=workers)
    assert info.value.target == broken
    assert info.value.localized("en").startswith(f"{broken}: not rendered: ")
    assert "ZeroDivisionError" in info.value.reason
    assert not broken.exists()
    for path in tmp_path.iterdir():
        assert path.suffix == ".pdf" and path.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_process_running_threads_renders_alone() -> None:
    # A forked copy of a threaded process (a web server) could inherit a lock held by another thread.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert default_workers() == 1
    finally:
        stop.set()
        thread.join()


def test_a_worker_that_dies_without_a_word_is_reported_with_a_file_it_lost(
    jobs_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import os

    jobs = jobs_for(tmp_path)
    parent = os.getpid()
    real = batch._render_one

    def render_one(jobs: list[tuple[object, Path]], index: int, options: object) -> None:
        if os.getpid() != parent:
            os._exit(9)  # as if killed: no report, no file
        real(jobs, index, options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "_render_one", render_one)
    with pytest.raises(RenderFailed) as info:
        render_jobs(jobs, workers=2)
    assert "exit status 9" in info.value.reason
    assert not info.value.target.exists()


def _children() -> list[int]:
    """This process's child processes still running or unreaped (zombies)."""
    import os

    pid = os.getpid()
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def test_an_error_of_the_progress_callback_still_waits_for_every_worker(jobs_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def progress(path: Path) -> None:
        raise BrokenPipeError(32, "Broken pipe")  # e.g. the progress bar's terminal went away

    # Children this process had before (a browser another test of the same worker started) are not ours.
    before = set(_children())
    with pytest.raises(BrokenPipeError):
        render_jobs(jobs_for(tmp_path), workers=3, on_done=progress)
    assert set(_children()) - before == set()
    assert len(list(tmp_path.iterdir())) == 5  # the workers finished their files; nothing half-written


def test_when_no_worker_can_be_forked_this_process_renders_everything(
    jobs_for, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import os

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    done: list[Path] = []
    render_jobs(jobs_for(tmp_path), workers=3, on_done=done.append)
    assert len(done) == 5 and len(list(tmp_path.iterdir())) == 5
