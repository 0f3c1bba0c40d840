"""Every message the rules can give, by stable code, written in Bahasa Indonesia.

Tools and the web app match on the codes; people read the text, in their language from the catalogs
(`sopap.core.i18n`). A field is named by its label (`{label}`, see `sopap.core.labels`), a value the
user wrote stands in quotes, a number or a date is written the way the reader's language writes it.
"""

from __future__ import annotations

from sopap.core.i18n import N_

MESSAGES: dict[str, str] = {
    # ------------------------------------------------------------------ errors: the file's structure
    "file-unreadable": "{detail}",
    "missing-field": N_("{label} wajib diisi"),
    "unknown-key": N_("kunci “{name}” tidak dikenal{hint}"),
    "wrong-type": N_("{label} harus berupa {expected}, bukan {got}"),
    "empty-text": N_("{label} tidak boleh kosong"),
    "no-steps": N_("SOP ini belum punya langkah; tulis paling sedikit satu langkah"),
    "bad-date": N_("tanggal “{value}” tidak sah; tulis sebagai TTTT-BB-HH, mis. 2019-04-08"),
    "bad-version": N_("versi format {value} tidak didukung; versi yang dikenal: 1"),
    "bad-simbol": N_("simbol “{value}” tidak dikenal; pilih mulai, proses, keputusan atau selesai"),
    "bad-target": N_("tujuan keputusan “{value}” harus nomor langkah atau “selesai”"),
    "invalid-value": N_("nilai {label} tidak sah: {detail}"),
    # ------------------------------------------------------------------ errors: the limits (rules/limits.py)
    "too-many-steps": N_("SOP ini punya {count} langkah, paling banyak {limit}; pecah menjadi beberapa SOP"),
    "too-many-actors": N_("SOP ini punya {count} pelaksana (kolom), paling banyak {limit}"),
    "too-many-items": N_("daftar {count} butir, paling banyak {limit}"),
    "text-too-long": N_("teks {count} karakter, paling banyak {limit}"),
    "items-too-long": N_("teks {count} karakter (semua butir), paling banyak {limit}"),
    # ------------------------------------------------------------------ errors: the procedure
    "unknown-actor": N_("pelaksana “{actor}” tidak ada dalam daftar Pelaksana SOP ini{hint}"),
    "duplicate-actor": N_("pelaksana “{actor}” ditulis dua kali dalam daftar Pelaksana"),
    "target-out-of-range": N_(
        "tujuan {branch} (langkah {target}) di luar jangkauan: SOP ini hanya punya {count} langkah"
    ),
    "target-self": N_("tujuan {branch} menunjuk ke langkah ini sendiri"),
    "targets-equal": N_("cabang Ya dan Tidak menuju tempat yang sama ({target}); itu bukan keputusan"),
    "decision-without-branches": N_(
        "langkah keputusan memerlukan tujuan cabang Ya dan cabang Tidak (keputusan: {{ya: N, tidak: N}})"
    ),
    "branches-without-decision": N_(
        "langkah ini punya tujuan Ya/Tidak tetapi simbolnya {simbol}; hapus simbolnya atau jadikan keputusan"
    ),
    "unreadable-waktu": "{detail}",
    "unreachable-step": N_("langkah ini tidak pernah dicapai dari langkah 1"),
    "dead-loop": N_(
        "perulangan tanpa jalan keluar: dari langkah {steps} prosedur tidak pernah sampai selesai"
    ),
    # ------------------------------------------------------------------ warnings (Perwali 50/2017, Permenpan 35/2012)
    "sop-teknis": N_(
        "hanya {count} pelaksana: ini SOP teknis, bukan SOP administratif (SOP AP melibatkan "
        "paling sedikit 2 pihak, Perwali Serang 50/2017 Pasal 14 ayat (2) huruf c)"
    ),
    "missing-output": N_("langkah tanpa output (Mutu Baku)"),
    "missing-waktu": N_("langkah tanpa waktu (Mutu Baku)"),
    "broken-chain": N_(
        "output “{output}” tidak dipakai sebagai kelengkapan langkah berikutnya ({next}): rantai "
        "dokumen terputus"
    ),
    "efektif-before-pembuatan": N_("tanggal efektif {efektif} lebih awal dari tanggal pembuatan {pembuatan}"),
    "review-overdue": N_(
        "kaji ulang terlambat: berlaku sejak {since} ({years} tahun); SOP dikaji ulang paling "
        "lambat 2 tahun sekali (Perwali Serang 50/2017 Pasal 27)"
    ),
    "unused-actor": N_("pelaksana “{actor}” tidak melakukan langkah apa pun (kolom kosong)"),
    "duplicate-nomor": N_("nomor “{nomor}” juga dipakai oleh {other}"),
    "duplicate-nama": N_("nama “{nama}” juga dipakai oleh {other}"),
    "missing-keterkaitan": N_("SOP terkait “{name}” tidak ditemukan di folder ini"),
}
