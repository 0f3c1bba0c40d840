"""The SOP texts the seed draws from: the Serang examples and a set of common office procedures, each varied
several ways (actors' names, times, an extra step), dumped once as YAML with placeholders that
:func:`fill` replaces per SOP."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sopap.core.sopfile import parse_text
from sopap.web.authoring.editor import text_from_data
from sopap.web.catalog.services import searchable_text
from sopap.web.demo import examples_dir

# The examples' actors, and what other PDs call the same position.
ACTOR_NAMES = {
    "Kasubag PEP": ["Kasubag PEP", "Kasubag Perencanaan", "Kepala Sub Bagian Program"],
    "Kepala OPD": ["Kepala OPD", "Kepala Perangkat Daerah", "Pimpinan OPD"],
    "Pelaksana": ["Pelaksana", "Staf Pelaksana", "Pengadministrasi Umum"],
    "Bidang": ["Bidang", "Kepala Bidang", "Kabid Teknis"],
    "Bendahara": ["Bendahara", "Bendahara Pengeluaran"],
    "PPK": ["PPK", "Pejabat Penatausahaan Keuangan"],
}
NAME_PREFIXES = ["Mekanisme", "Prosedur", "Tata Cara", "Standar Operasional Prosedur"]
PREFIX = re.compile(r"^(Mekanisme|Prosedur|Tata Cara|SOP|Standar Operasional Prosedur)\s+", re.IGNORECASE)
WAKTU = re.compile(r"^(\d+)\s*(menit|jam|hari)$")

# Common office procedures of every PD, beside the Serang examples: (topic, document handled, approver).
TOPICS = [
    ("Pengelolaan Surat Masuk", "surat masuk", "Sekretaris"),
    ("Pengelolaan Surat Keluar", "konsep surat keluar", "Sekretaris"),
    ("Permohonan Cuti Pegawai", "formulir permohonan cuti", "Kepala OPD"),
    ("Usulan Kenaikan Pangkat", "berkas usulan kenaikan pangkat", "Kepala OPD"),
    ("Penerbitan Surat Perintah Perjalanan Dinas", "surat tugas", "Kepala OPD"),
    ("Pengadaan Barang dan Jasa", "dokumen rencana pengadaan", "Kepala OPD"),
    ("Pemeliharaan Kendaraan Dinas", "nota permintaan pemeliharaan", "Sekretaris"),
    ("Pelayanan Informasi Publik", "formulir permohonan informasi", "Sekretaris"),
    ("Penanganan Pengaduan Masyarakat", "berkas pengaduan", "Kepala OPD"),
    ("Inventarisasi Barang Milik Daerah", "kartu inventaris barang", "Sekretaris"),
    ("Penyusunan Laporan Keuangan", "laporan keuangan", "Kepala OPD"),
    ("Pembayaran Gaji Pegawai", "daftar gaji", "Kepala OPD"),
    ("Pengarsipan Dokumen Dinas", "daftar arsip", "Sekretaris"),
    ("Penyelenggaraan Rapat Koordinasi", "undangan rapat", "Kepala OPD"),
    ("Usulan Pendidikan dan Pelatihan Pegawai", "berkas usulan diklat", "Sekretaris"),
    ("Penyusunan Daftar Hadir Pegawai", "rekapitulasi daftar hadir", "Sekretaris"),
]

REFERENCE_DATE = dt.date(1901, 1, 1)  # tanggal_pembuatan of every template, replaced per revision
EFFECTIVE_DATE = dt.date(1902, 2, 2)  # tanggal_efektif of the decreed templates


@dataclass(frozen=True)
class Variant:
    topic: str
    # The YAML as a draft, as signed (disahkan_oleh), as decreed (nomor, tanggal_efektif): placeholders inside.
    draft: str
    signed: str
    decreed: str
    # searchable_text's body without the SOP's own number, agency and unit, placeholders inside.
    rest: str
    steps: int


def quoted(value: str) -> str:
    # A value in flow context ([a, b]) or with YAML's indicators goes in double quotes (JSON's are YAML's).
    if not value or re.search(r"[,:#\[\]{}&*!|>'\"%@`]", value) or value != value.strip():
        return json.dumps(value, ensure_ascii=False)
    return value


def _waktu(value: object, rng: random.Random) -> object:
    match = WAKTU.match(str(value or ""))
    if not match or rng.random() < 0.5:
        return value
    amount, unit = int(match.group(1)), match.group(2)
    return f"{max(1, amount + rng.choice([-2, -1, 1, 2]) * max(1, amount // 3))} {unit}"


def _daerah(text: str) -> str:
    return text.replace("Walikota Serang", "ZZKDZZ").replace("Kota Serang", "ZZDAERAHZZ")


def _localised(value: Any) -> Any:
    if isinstance(value, str):
        return _daerah(value)
    if isinstance(value, list):
        return [_localised(v) for v in value]
    if isinstance(value, dict):
        return {k: _localised(v) for k, v in value.items()}
    return value


def _example_variant(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    data = _localised(copy.deepcopy(data))
    topic = PREFIX.sub("", str(data.get("nama") or ""))
    renamed = {a: rng.choice(names) for a, names in ACTOR_NAMES.items()}
    data["pelaksana"] = [renamed.get(a, a) for a in data.get("pelaksana") or []]
    for step in data.get("langkah") or []:
        step["pelaksana"] = renamed.get(step.get("pelaksana"), step.get("pelaksana"))
        step["waktu"] = _waktu(step.get("waktu"), rng)
    if rng.random() < 0.4 and data["pelaksana"]:
        last = data["pelaksana"][-1]
        data["langkah"].append(
            {
                "kegiatan": f"Mengarsipkan dokumen {topic}",
                "pelaksana": last,
                "kelengkapan": f"Dokumen {topic}",
                "waktu": "15 menit",
                "output": "Arsip dokumen",
            }
        )
    data["nama"] = topic
    return data


def _topic_variant(topic: str, document: str, approver: str, rng: random.Random) -> dict[str, Any]:
    staff = rng.choice(ACTOR_NAMES["Pelaksana"])
    kasubag = rng.choice(["Kasubag Umum", "Kasubag Umum dan Kepegawaian", "Kasubag Keuangan"])
    actors = (
        [approver, "Sekretaris", kasubag, staff]
        if approver != "Sekretaris"
        else ["Sekretaris", kasubag, staff]
    )
    minutes = rng.choice([10, 15, 20, 30])
    steps = [
        {"kegiatan": f"Menerima dan mencatat {document}", "pelaksana": staff, "kelengkapan": document.capitalize(),
         "waktu": f"{minutes} menit", "output": f"{document.capitalize()} tercatat"},
        {"kegiatan": f"Memeriksa kelengkapan {document}", "pelaksana": kasubag, "kelengkapan": document.capitalize(),
         "waktu": f"{rng.choice([1, 2, 3])} jam", "output": "Hasil pemeriksaan", "keputusan": {"ya": 3, "tidak": 1}},
        {"kegiatan": f"Memberikan paraf dan disposisi atas {document}", "pelaksana": "Sekretaris",
         "kelengkapan": "Lembar disposisi", "waktu": f"{rng.choice([30, 60])} menit", "output": "Disposisi"},
    ]  # fmt: skip
    if approver != "Sekretaris":
        steps.append(
            {"kegiatan": f"Menandatangani {document}", "pelaksana": approver, "kelengkapan": document.capitalize(),
             "waktu": f"{rng.choice([1, 2])} hari", "output": f"{document.capitalize()} ditandatangani"}
        )  # fmt: skip
    steps.append(
        {"kegiatan": f"Menggandakan, menyampaikan dan mengarsipkan {document}", "pelaksana": staff,
         "kelengkapan": f"{document.capitalize()} yang sudah ditandatangani", "waktu": "1 jam",
         "output": "Arsip dan tanda terima"}
    )  # fmt: skip
    return {
        "versi_format": 1,
        "nama": topic,
        "dasar_hukum": [
            "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional "
            "Prosedur Administrasi Pemerintahan",
            "Peraturan ZZKDZZ tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja "
            "Perangkat Daerah ZZDAERAHZZ",
        ],
        "kualifikasi_pelaksana": [f"Memahami tata cara {topic.lower()}", "Mampu mengoperasikan komputer"],
        "keterkaitan": ["Pengelolaan Surat Masuk"] if topic != "Pengelolaan Surat Masuk" else [],
        "peralatan": ["ATK", "Komputer", rng.choice(["Printer", "Pemindai", "Buku agenda"])],
        "peringatan": [f"Apabila {document} tidak lengkap, dikembalikan kepada pemohon"],
        "pencatatan": ["Buku agenda", "Arsip elektronik"],
        "pelaksana": actors,
        "langkah": steps,
    }


def _dump(data: dict[str, Any], *, signed: bool, decreed: bool) -> str:
    data = dict(data)
    data.update(
        nama="ZZNAMAZZ",
        pemerintah="ZZPEMERINTAHZZ",
        instansi="ZZINSTANSIZZ",
        unit=["ZZUNIT1ZZ", "ZZUNIT2ZZ"],
        tanggal_pembuatan=REFERENCE_DATE,
    )
    for key in ("nomor", "disahkan_oleh", "tanggal_efektif", "tanggal_revisi"):
        data.pop(key, None)
    if signed or decreed:
        data["disahkan_oleh"] = {"jabatan": "ZZSJABZZ", "nama": "ZZSNAMAZZ", "nip": "ZZSNIPZZ"}
    if decreed:
        data["nomor"] = "ZZNOMORZZ"
        data["tanggal_efektif"] = EFFECTIVE_DATE
    return text_from_data(data)


@cache
def variants(seed: int = 1, per_topic: int = 6) -> tuple[Variant, ...]:
    """The SOP contents to draw from: every example and every common topic, ``per_topic`` ways each."""
    rng = random.Random(f"variants:{seed}")
    bases: list[dict[str, Any]] = []
    for path in sorted((examples_dir() / "serang").glob("*.sop.yaml")):
        data = dict(parse_text(path.read_text(encoding="utf-8"), path=str(path)).data)
        bases += [_example_variant(data, rng) for _ in range(per_topic)]
    for topic, document, approver in TOPICS:
        bases += [_topic_variant(topic, document, approver, rng) for _ in range(per_topic)]
    out = []
    for data in bases:
        rest = dict(data)
        for key in ("nomor", "instansi", "unit"):
            rest.pop(key, None)
        _nama, body = searchable_text(rest)
        out.append(
            Variant(
                topic=str(data["nama"]),
                draft=_dump(data, signed=False, decreed=False),
                signed=_dump(data, signed=True, decreed=False),
                decreed=_dump(data, signed=True, decreed=True),
                rest=body,
                steps=len(data.get("langkah") or []),
            )
        )
    return tuple(out)


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(key, value)
    return template
