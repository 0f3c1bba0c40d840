"""Shared fixtures: paths to the repository's example data, a builder of small SOPs, and the hypothesis
profiles.

Hypothesis runs the "ci" profile unless ``SOPAP_HYPOTHESIS`` names another: "ci" draws the same examples
on every run (``derandomize``) and keeps no database, so the test command passes or fails the same way on
every machine and every run; "search" draws fresh random examples, :data:`SEARCH_FACTOR` times as many,
and keeps what it finds in ``.hypothesis/`` to replay it, for hunting bugs in the layout, the router or the
readers. A bug found there is written into its test as an ``@example``.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

PROFILE = os.environ.get("SOPAP_HYPOTHESIS", "ci")
SEARCH_FACTOR = 20
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile(
    "search", max_examples=100 * SEARCH_FACTOR, derandomize=False, deadline=None, print_blob=True
)
if PROFILE not in ("ci", "search"):
    raise ValueError(
        f"SOPAP_HYPOTHESIS={PROFILE!r}: no such hypothesis profile; use 'ci' (default) or 'search'"
    )
settings.load_profile(PROFILE)


def examples(ci: int) -> int:
    """How many examples a property test draws: ``ci`` in the "ci" profile, :data:`SEARCH_FACTOR` times as
    many when searching (each test names its own ``ci`` count, as the tests differ a lot in cost)."""
    return ci * SEARCH_FACTOR if PROFILE == "search" else ci


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
