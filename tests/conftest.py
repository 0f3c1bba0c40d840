"""Shared fixtures: paths to the repository's example data and a builder of small SOPs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SERANG = EXAMPLES / "serang"
FORMAT_DOC = REPO / "docs" / "sop-format.md"
SHARED_FORMAT_DOC = REPO.parent / "shared" / "docs" / "sop-format.md"

BASE_SOP: dict[str, Any] = {
    "versi_format": 1,
    "nama": "Mekanisme Penyusunan SPJ",
    "nomor": "12.01.32.2019",
    "instansi": "Dinas Komunikasi dan Informatika Kota Serang",
    "tanggal_pembuatan": "2019-04-08",
    "pelaksana": ["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan"],
    "langkah": [
        {
            "kegiatan": "Penyerahan SPJ",
            "pelaksana": "PPTK",
            "kelengkapan": "SPJ",
            "waktu": "1 jam",
            "output": "SPJ dikirim",
        },
        {
            "kegiatan": "Penerimaan SPJ",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ dikirim",
            "waktu": "1 jam",
            "output": "SPJ diterima",
        },
        {
            "kegiatan": "Verifikasi SPJ",
            "pelaksana": "Kasubag Keuangan",
            "keputusan": {"ya": 4, "tidak": 2},
            "kelengkapan": "SPJ diterima",
            "waktu": "1 jam",
            "output": "SPJ diverifikasi",
        },
        {
            "kegiatan": "Input SPJ",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ diverifikasi",
            "waktu": "1 jam",
            "output": "SPJ diinput",
        },
        {
            "kegiatan": "Penggandaan dan Pengarsipan",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ yang telah diinput",
            "waktu": "1 jam",
            "output": "SPJ telah digandakan dan diarsipkan",
        },
    ],
}


def sop_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of a valid five-step SOP with top-level keys replaced (None removes a key)."""
    data = copy.deepcopy(BASE_SOP)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def sop_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def spec_example() -> str:
    """The YAML example of the public format document, verbatim."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.fixture
def write_sop(tmp_path: Path) -> Any:
    def write(data: dict[str, Any] | str, name: str = "contoh.sop.yaml") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else sop_yaml(data), encoding="utf-8")
        return path

    return write
