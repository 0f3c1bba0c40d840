"""Deterministic sample SOPs and the vocabulary they are written in, without hypothesis.

Shared by the test strategies and the benchmarks, so both measure the same documents.
"""

from __future__ import annotations

from typing import Any

from sopap.core.model import SOP

WORDS = [
    "surat",
    "disposisi",
    "verifikasi",
    "dokumen",
    "laporan",
    "anggaran",
    "penyusunan",
    "pengajuan",
    "rancangan",
    "kepala",
    "bidang",
    "sekretaris",
    "bendahara",
    "pengeluaran",
    "penandatanganan",
    "pengarsipan",
    "menggandakan",
    "menyampaikan",
    "BAPPEDA",
    "RENJA",
    "OPD",
    "SPJ",
    "SPM",
    "SPP",
    "DPA",
    "LKjIP",
    "dan",
    "ke",
    "dari",
    "yang",
    "telah",
    "untuk",
    "oleh",
]
ACTOR_NAMES = (
    "Kepala Dinas",
    "Sekretaris",
    "Kasubag Program, Evaluasi dan Pelaporan",
    "Bidang",
    "Pelaksana",
    "Bendahara Pengeluaran",
    "PPTK",
    "Kasubag Keuangan",
    "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
    "Staf",
    "Pengadministrasi Umum",
    "Inspektorat",
)


def synthetic_sop(steps: int = 60, actors: int = 6, *, every_decision: int = 7) -> SOP:
    """A deterministic long SOP: steps walk through the actors, a decision every ``every_decision`` steps."""
    names = list(ACTOR_NAMES[:actors])
    langkah: list[dict[str, Any]] = []
    for number in range(1, steps + 1):
        step: dict[str, Any] = {
            "kegiatan": f"Langkah {number}: "
            + " ".join(WORDS[(number * 3 + k) % len(WORDS)] for k in range(6 + number % 9)),
            "pelaksana": names[(number * 2) % actors],
            "kelengkapan": [f"Dokumen {number}", "Lembar disposisi"]
            if number % 3 == 0
            else f"Dokumen {number}",
            "waktu": f"{1 + number % 5} jam",
            "output": f"Dokumen {number + 1}",
        }
        if number % every_decision == 0 and 2 < number < steps:
            step["keputusan"] = {"ya": number + 1, "tidak": number - 2}
        langkah.append(step)
    return SOP.model_validate(
        {
            "nama": f"SOP Sintetis {steps} Langkah",
            "nomor": f"99.{steps}.2024",
            "instansi": "Dinas Contoh",
            "pelaksana": names,
            "langkah": langkah,
        }
    )
