"""`sopap render`: one file by extension, a folder with a progress bar, lint errors instead of tracebacks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import SERANG, sop_data


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_render_one_file_to_pdf_svg_and_png(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_sop(sop_data())
    for ext, magic in (("pdf", b"%PDF-"), ("svg", b"<svg"), ("png", b"\x89PNG")):
        out = tmp_path / f"out.{ext}"
        result = run("render", str(source), "-o", str(out), "--paper", "a4", "--langkah-per-halaman", "5")
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        assert out.read_bytes().startswith(magic)


def test_render_a_folder_writes_one_file_per_sop(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(SERANG, source)
    result = run("render", str(source), "-o", str(tmp_path / "out"), "--format", "pdf")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == len(list(SERANG.glob("*.sop.yaml")))
    assert all(name.endswith(".pdf") for name in written)


def test_a_folder_rendered_by_two_processes_gives_the_same_files_as_one(tmp_path: Path) -> None:
    # A real process: the test runner's threads would (rightly) keep `sopap` from forking in-process.
    source = tmp_path / "in"
    shutil.copytree(SERANG, source)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = subprocess.run(
            [sys.executable, "-m", "sopap.cli.main", "render", str(source), "-o", str(out), "-j", jobs],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert f"{len(list(SERANG.glob('*.sop.yaml')))} berkas ditulis" in result.stderr
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert outputs["1"] == outputs["2"]
    assert len(outputs["2"]) == len(list(SERANG.glob("*.sop.yaml")))


def test_a_bad_file_gives_lint_errors_and_writes_nothing(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 9, "tidak": 2}
    source = write_sop(data)
    out = tmp_path / "out.pdf"
    result = run("render", str(source), "-o", str(out))
    assert result.exit_code == 1
    assert "GALAT" in result.output and "Traceback" not in result.output  # type: ignore[attr-defined]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_unreadable_yaml_is_reported_not_raised(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_sop("nama: [tidak ditutup\n")
    result = run("render", str(source), "-o", str(tmp_path / "x.pdf"), "--lang", "en")
    assert result.exit_code == 1
    assert "ERROR" in result.output  # type: ignore[attr-defined]
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_output_extension_is_refused(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("render", str(write_sop(sop_data())), "-o", str(tmp_path / "x.bmp"))
    assert result.exit_code == 2
    assert not (tmp_path / "x.bmp").exists()


def test_a_missing_source_is_reported(tmp_path: Path) -> None:
    result = run("render", str(tmp_path / "nope.sop.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
