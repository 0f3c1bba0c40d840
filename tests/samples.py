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


def branches_side_by_side_sop() -> SOP:
    """The SOP hypothesis found (seed 232690395322365688415320892167687964515) whose step 11 read back
    with its branches swapped: both left the diamond's bottom 4 pt apart, and "Tidak" stood beside the
    "Ya" line (on A4, whole pages). Kept as it was found, so it goes on guarding that layout."""
    kd, sek, kasubag = "Kepala Dinas", "Sekretaris", "Kasubag Program, Evaluasi dan Pelaporan"
    joint = [kd, sek, kasubag]
    steps: list[dict[str, Any]] = [
        {"kegiatan": "dan surat dari", "pelaksana": kd, "waktu": "49 menit"},
        {
            "kegiatan": "pengarsipan",
            "pelaksana": kd,
            "kelengkapan": "sekretaris surat SPJ pengarsipan surat OPD dari",
        },
        {
            "kegiatan": "pengarsipan DPA menyampaikan RENJA pengeluaran menggandakan surat untuk menyampaikan "
            "bendahara LKjIP surat",
            "pelaksana": kd,
            "output": "untuk surat pengeluaran BAPPEDA dan menggandakan",
        },
        {"kegiatan": "menggandakan pengeluaran surat SPJ SPJ", "pelaksana": kd},
        {
            "kegiatan": "surat surat",
            "pelaksana": kd,
            "keputusan": {"ya": 14, "tidak": 6},
            "kelengkapan": "SPM SPP pengeluaran surat",
            "waktu": "48 menit",
        },
        {
            "kegiatan": "OPD pengeluaran sekretaris OPD surat surat telah surat",
            "pelaksana": joint,
            "waktu": "6 menit",
        },
        {"kegiatan": "surat", "pelaksana": kd, "waktu": "59 menit", "output": "dan surat"},
        {"kegiatan": "surat surat telah surat surat surat", "pelaksana": kd},
        {
            "kegiatan": "sekretaris yang dari surat ke surat surat surat bendahara oleh surat dan",
            "pelaksana": kd,
            "output": "SPM",
        },
        {"kegiatan": "oleh surat bendahara", "pelaksana": kd, "output": "BAPPEDA"},
        {
            "kegiatan": "LKjIP LKjIP surat",
            "pelaksana": kd,
            "keputusan": {"ya": 13, "tidak": 12},
            "kelengkapan": [
                "sekretaris untuk menyampaikan SPP surat dan penandatanganan bendahara",
                "pengarsipan",
            ],
        },
        {
            "kegiatan": "sekretaris surat pengarsipan oleh RENJA DPA bendahara surat surat surat yang surat",
            "pelaksana": "Bidang",
            "keputusan": {"ya": "selesai", "tidak": 1},
            "output": "surat",
        },
        {
            "kegiatan": "surat surat surat surat disposisi",
            "pelaksana": sek,
            "keputusan": {"ya": 1, "tidak": "selesai"},
            "kelengkapan": "surat",
        },
        {"kegiatan": "surat", "pelaksana": kd, "kelengkapan": "surat", "waktu": "1 menit"},
        {"kegiatan": "surat", "pelaksana": joint, "kelengkapan": "surat", "output": "surat"},
        {"kegiatan": "surat", "pelaksana": joint},
        {
            "kegiatan": "surat",
            "pelaksana": joint,
            "keputusan": {"ya": 1, "tidak": 18},
            "kelengkapan": "surat",
            "output": "surat",
        },
        {
            "kegiatan": "surat",
            "pelaksana": kd,
            "keputusan": {"ya": 1, "tidak": 19},
            "kelengkapan": ["surat", "surat surat surat surat surat surat"],
            "output": "surat",
        },
        {
            "kegiatan": "surat",
            "pelaksana": kd,
            "kelengkapan": ["surat", "surat surat surat surat surat surat"],
            "output": "surat surat",
        },
        {"kegiatan": "surat", "pelaksana": kd, "kelengkapan": "surat", "waktu": "1 menit"},
        {"kegiatan": "surat", "pelaksana": "Bendahara Pengeluaran", "waktu": "1 menit", "output": "surat"},
        {"kegiatan": "surat", "pelaksana": joint, "kelengkapan": "surat"},
        {"kegiatan": "surat", "pelaksana": joint},
    ]
    return SOP.model_validate(
        {
            "nama": "surat surat",
            "instansi": "Dinas Komunikasi dan Informatika Kota Serang",
            "pelaksana": [kd, sek, kasubag, "Bidang", "Pelaksana", "Bendahara Pengeluaran"],
            "langkah": steps,
        }
    )
