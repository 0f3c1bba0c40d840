"""`sopap lint` and `sopap render` on an SOP over the size limits: the lint error, and nothing rendered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import sop_data


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _huge(tmp_path: Path, steps: int) -> Path:
    """An SOP of ``steps`` short steps (20,000 of them fit under the 2 MB file cap)."""
    head = "nama: Mekanisme Raksasa\ninstansi: Dinas Komunikasi dan Informatika\nlangkah:\n"
    body = "".join(f"  - kegiatan: K{n}\n    pelaksana: A{n % 3}\n" for n in range(steps))
    path = tmp_path / "raksasa.sop.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


def test_sopap_lint_reports_a_kegiatan_over_the_limit_with_file_line_and_step(write_sop: Any) -> None:
    data = sop_data()
    data["langkah"][2]["kegiatan"] = "Verifikasi " * 110
    path = write_sop(data, "panjang.sop.yaml")
    result = _run("lint", str(path))
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "GALAT" in line]
    assert line.startswith(f"{path}:")
    assert "GALAT langkah 3, kegiatan: teks 1.209 karakter, paling banyak 1.000 [text-too-long]" in line


def test_sopap_lint_json_gives_the_limit_error_to_machines(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", "--format", "json", "--lang", "en", str(_huge(tmp_path, 151))])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    (diagnostic,) = payload["files"][0]["diagnostics"]
    assert diagnostic["code"] == "too-many-steps" and diagnostic["field"] == "langkah"
    assert diagnostic["line"] == 4 + 2 * 150  # the 151st step
    assert diagnostic["message"] == "this SOP has 151 steps, at most 150; split it into several SOPs"


def test_sopap_render_refuses_a_20000_step_sop_with_the_lint_error_and_writes_nothing(tmp_path: Path) -> None:
    source = _huge(tmp_path, 20_000)
    assert source.stat().st_size < 2 * 1024 * 1024  # read, so it is the limit that refuses it
    output = tmp_path / "raksasa.pdf"
    result = _run("render", str(source), "-o", str(output))
    assert result.exit_code == 1
    assert f"{source}:304: GALAT langkah: SOP ini punya 20.000 langkah, paling banyak 150" in result.output
    assert (
        "[too-many-steps]" in result.output
        and "1 berkas dengan 1 galat; tidak ada yang ditulis" in result.output
    )
    assert not output.exists()


def test_sopap_render_of_a_folder_writes_nothing_when_one_sop_is_over_a_limit(tmp_path: Path) -> None:
    folder = tmp_path / "sop"
    folder.mkdir()
    (folder / "kecil.sop.yaml").write_text(
        "nama: Kecil\ninstansi: Dinas\nlangkah:\n  - {kegiatan: K, pelaksana: A}\n  - {kegiatan: L, pelaksana: B}\n",
        encoding="utf-8",
    )
    _huge(tmp_path, 151).rename(folder / "raksasa.sop.yaml")
    result = _run("render", str(folder), "-o", str(tmp_path / "keluaran"))
    assert result.exit_code == 1 and "too-many-steps" in result.output
    assert not (tmp_path / "keluaran").exists()
