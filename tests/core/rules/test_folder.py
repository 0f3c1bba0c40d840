"""Checks across the SOPs of one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sopap.core.rules import lint_paths
from tests.conftest import sop_data


def _codes(path: Path) -> dict[str, list[str]]:
    report = lint_paths([path])
    return {Path(f.path or "").name: [d.code for d in f.diagnostics] for f in report.files}


def test_two_sops_with_the_same_nomor_are_warned_in_both(write_sop: Any, tmp_path: Path) -> None:
    write_sop(sop_data(), "a.sop.yaml")
    write_sop(sop_data(nama="Mekanisme Lain"), "b.sop.yaml")
    found = _codes(tmp_path)
    assert "duplicate-nomor" in found["a.sop.yaml"] and "duplicate-nomor" in found["b.sop.yaml"]


def test_two_sops_with_the_same_nama_are_warned(write_sop: Any, tmp_path: Path) -> None:
    write_sop(sop_data(), "a.sop.yaml")
    write_sop(sop_data(nomor="12.01.99.2019", nama="SOP Mekanisme Penyusunan SPJ"), "b.sop.yaml")
    assert "duplicate-nama" in _codes(tmp_path)["b.sop.yaml"]


def test_keterkaitan_naming_an_sop_the_folder_lacks_is_warned(write_sop: Any, tmp_path: Path) -> None:
    write_sop(sop_data(keterkaitan=["SOP Penyusunan RENJA"]), "a.sop.yaml")
    report = lint_paths([tmp_path])
    (diagnostic,) = [d for d in report.diagnostics if d.code == "missing-keterkaitan"]
    assert diagnostic.field == "keterkaitan[1]"


def test_keterkaitan_matches_by_nama_with_or_without_sop_and_mekanisme(
    write_sop: Any, tmp_path: Path
) -> None:
    write_sop(sop_data(keterkaitan=["SOP Penyusunan RENJA", "12.01.40.2019"]), "a.sop.yaml")
    write_sop(sop_data(nama="Mekanisme Penyusunan RENJA", nomor="12.01.40.2019"), "b.sop.yaml")
    assert "missing-keterkaitan" not in _codes(tmp_path)["a.sop.yaml"]


def test_a_broken_file_does_not_stop_the_others(write_sop: Any, tmp_path: Path) -> None:
    write_sop("nama: [\n", "rusak.sop.yaml")
    write_sop(sop_data(), "baik.sop.yaml")
    found = _codes(tmp_path)
    assert found["rusak.sop.yaml"] == ["file-unreadable"]
    assert "file-unreadable" not in found["baik.sop.yaml"]
