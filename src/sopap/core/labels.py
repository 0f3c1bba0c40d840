"""The name a person knows each field of the format by: "Nama SOP" for `nama`, "Waktu" for `waktu`.

Diagnostics name fields this way, so a drafter in the web editor never reads a key of the file; the
terminal's location prefix keeps the exact key (`langkah 3, keputusan.ya`) for those who edit the YAML.
"""

from __future__ import annotations

import re

from sopap.core.i18n import N_, Text, tr

FIELD_LABELS: dict[str, str] = {
    "versi_format": N_("Versi format"),
    "nama": N_("Nama SOP"),
    "nomor": N_("Nomor SOP"),
    "pemerintah": N_("Pemerintah daerah"),
    "instansi": N_("Perangkat Daerah"),
    "unit": N_("Unit kerja"),
    "tanggal_pembuatan": N_("Tanggal Pembuatan"),
    "tanggal_revisi": N_("Tanggal Revisi"),
    "tanggal_efektif": N_("Tanggal Efektif"),
    "disahkan_oleh": N_("Disahkan oleh"),
    "jabatan": N_("Jabatan"),
    "nip": N_("NIP"),
    "dasar_hukum": N_("Dasar Hukum"),
    "kualifikasi_pelaksana": N_("Kualifikasi Pelaksana"),
    "keterkaitan": N_("Keterkaitan dengan SOP Lain"),
    "peralatan": N_("Peralatan / Perlengkapan"),
    "peringatan": N_("Peringatan"),
    "pencatatan": N_("Pencatatan dan Pendataan"),
    "pelaksana": N_("Pelaksana"),
    "langkah": N_("Langkah"),
    "kegiatan": N_("Kegiatan"),
    "kelengkapan": N_("Kelengkapan"),
    "waktu": N_("Waktu"),
    "output": N_("Output"),
    "keterangan": N_("Keterangan"),
    "keputusan": N_("Keputusan"),
    "simbol": N_("Simbol"),
    "ya": N_("cabang Ya"),
    "tidak": N_("cabang Tidak"),
}


class FieldLabel(Text):
    """A field named for people: `keputusan.ya` -> "Keputusan, cabang Ya"; an unknown key stays as typed."""

    def __init__(self, path: str) -> None:
        super().__init__(path)

    def render(self, lang: str = "id") -> str:
        keys = [key for key in re.split(r"[.\[\]]+", self.msgid) if key and not key.isdigit()]
        if not keys or any(key not in FIELD_LABELS for key in keys):
            return f"“{self.msgid}”"
        return ", ".join(tr(FIELD_LABELS[key], lang) for key in keys)
