"""Every message the rules can give, in Bahasa Indonesia (first) and English.

Keys are stable codes: tools and the web app match on them, people read the text.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ errors: the file's structure
    "file-unreadable": {"id": "{detail}", "en": "{detail_en}"},
    "missing-field": {
        "id": "isian wajib `{name}` belum ada",
        "en": "required field `{name}` is missing",
    },
    "unknown-key": {
        "id": "kunci `{name}` tidak dikenal{hint}",
        "en": "unknown key `{name}`{hint_en}",
    },
    "wrong-type": {
        "id": "`{name}` harus berupa {expected}, bukan {got}",
        "en": "`{name}` must be {expected_en}, not {got}",
    },
    "empty-text": {
        "id": "`{name}` tidak boleh kosong",
        "en": "`{name}` must not be empty",
    },
    "no-steps": {
        "id": "SOP harus punya paling sedikit satu langkah",
        "en": "an SOP needs at least one step",
    },
    "bad-date": {
        "id": "tanggal `{value}` tidak sah; tulis sebagai TTTT-BB-HH, mis. 2019-04-08",
        "en": "date `{value}` is not valid; write it as YYYY-MM-DD, e.g. 2019-04-08",
    },
    "bad-version": {
        "id": "versi_format {value} tidak didukung; versi yang dikenal: 1",
        "en": "versi_format {value} is not supported; known version: 1",
    },
    "bad-simbol": {
        "id": "simbol `{value}` tidak dikenal; pilih mulai, proses, keputusan atau selesai",
        "en": "unknown simbol `{value}`; choose mulai, proses, keputusan or selesai",
    },
    "bad-target": {
        "id": "tujuan keputusan `{value}` harus nomor langkah atau `selesai`",
        "en": "decision target `{value}` must be a step number or `selesai`",
    },
    "invalid-value": {
        "id": "nilai `{name}` tidak sah: {detail}",
        "en": "invalid value for `{name}`: {detail}",
    },
    # ------------------------------------------------------------------ errors: the limits (rules/limits.py)
    "too-many-steps": {
        "id": "SOP ini punya {count} langkah, paling banyak {limit}; pecah menjadi beberapa SOP",
        "en": "this SOP has {count_en} steps, at most {limit_en}; split it into several SOPs",
    },
    "too-many-actors": {
        "id": "SOP ini punya {count} pelaksana (kolom), paling banyak {limit}",
        "en": "this SOP has {count_en} actors (columns), at most {limit_en}",
    },
    "too-many-items": {
        "id": "daftar {count} butir, paling banyak {limit}",
        "en": "a list of {count_en} items, at most {limit_en}",
    },
    "text-too-long": {
        "id": "teks {count} karakter, paling banyak {limit}",
        "en": "text of {count_en} characters, at most {limit_en}",
    },
    "items-too-long": {
        "id": "teks {count} karakter (semua butir), paling banyak {limit}",
        "en": "text of {count_en} characters (all items), at most {limit_en}",
    },
    # ------------------------------------------------------------------ errors: the procedure
    "unknown-actor": {
        "id": "pelaksana `{actor}` tidak ada dalam daftar `pelaksana` SOP ini{hint}",
        "en": "actor `{actor}` is not in this SOP's `pelaksana` list{hint_en}",
    },
    "duplicate-actor": {
        "id": "pelaksana `{actor}` ditulis dua kali dalam daftar `pelaksana`",
        "en": "actor `{actor}` appears twice in the `pelaksana` list",
    },
    "target-out-of-range": {
        "id": "tujuan `{branch}` ({target}) di luar jangkauan: SOP ini hanya punya {count} langkah",
        "en": "`{branch}` target ({target}) is out of range: this SOP has only {count} steps",
    },
    "target-self": {
        "id": "tujuan `{branch}` menunjuk ke langkah ini sendiri",
        "en": "`{branch}` target points at this very step",
    },
    "targets-equal": {
        "id": "`ya` dan `tidak` menuju tempat yang sama ({target}); itu bukan keputusan",
        "en": "`ya` and `tidak` go to the same place ({target}); that is not a decision",
    },
    "decision-without-branches": {
        "id": "simbol `keputusan` memerlukan `keputusan: {{ya: N, tidak: N}}`",
        "en": "simbol `keputusan` needs `keputusan: {{ya: N, tidak: N}}`",
    },
    "branches-without-decision": {
        "id": "langkah ini punya `keputusan` tetapi simbolnya `{simbol}`; hapus `simbol` atau ubah ke keputusan",
        "en": "this step has `keputusan` but its simbol is `{simbol}`; remove `simbol` or set it to keputusan",
    },
    "unreadable-waktu": {"id": "{detail}", "en": "{detail_en}"},
    "unreachable-step": {
        "id": "langkah ini tidak pernah dicapai dari langkah 1",
        "en": "this step can never be reached from step 1",
    },
    "dead-loop": {
        "id": "perulangan tanpa jalan keluar: dari langkah {steps} prosedur tidak pernah sampai selesai",
        "en": "loop with no way out: from steps {steps} the procedure never reaches the end",
    },
    # ------------------------------------------------------------------ warnings (Perwali 50/2017, Permenpan 35/2012)
    "sop-teknis": {
        "id": "hanya {count} pelaksana: ini SOP teknis, bukan SOP administratif (SOP AP melibatkan "
        "paling sedikit 2 pihak, Perwali Serang 50/2017 Pasal 14 ayat (2) huruf c)",
        "en": "only {count} actor: this is an SOP teknis, not an SOP administratif (an SOP AP involves at "
        "least 2 parties, Perwali Serang 50/2017 art. 14(2)(c))",
    },
    "missing-output": {
        "id": "langkah tanpa output (Mutu Baku)",
        "en": "step without output (Mutu Baku)",
    },
    "missing-waktu": {
        "id": "langkah tanpa waktu (Mutu Baku)",
        "en": "step without waktu (Mutu Baku)",
    },
    "broken-chain": {
        "id": "output `{output}` tidak dipakai sebagai kelengkapan langkah berikutnya ({next}): rantai "
        "dokumen terputus",
        "en": "output `{output}` is not taken up by the kelengkapan of the next step ({next}): the document "
        "chain is broken",
    },
    "efektif-before-pembuatan": {
        "id": "tanggal efektif {efektif} lebih awal dari tanggal pembuatan {pembuatan}",
        "en": "effective date {efektif} is before the creation date {pembuatan}",
    },
    "review-overdue": {
        "id": "kaji ulang terlambat: berlaku sejak {since} ({years} tahun); SOP dikaji ulang paling "
        "lambat 2 tahun sekali (Perwali Serang 50/2017 Pasal 27)",
        "en": "review overdue: in force since {since} ({years} years); an SOP is reviewed at least every "
        "2 years (Perwali Serang 50/2017 art. 27)",
    },
    "unused-actor": {
        "id": "pelaksana `{actor}` tidak melakukan langkah apa pun (kolom kosong)",
        "en": "actor `{actor}` does no step (an empty column)",
    },
    "duplicate-nomor": {
        "id": "nomor `{nomor}` juga dipakai oleh {other}",
        "en": "nomor `{nomor}` is also used by {other}",
    },
    "duplicate-nama": {
        "id": "nama `{nama}` juga dipakai oleh {other}",
        "en": "nama `{nama}` is also used by {other}",
    },
    "missing-keterkaitan": {
        "id": "keterkaitan `{name}` tidak ditemukan di folder ini",
        "en": "related SOP `{name}` is not in this folder",
    },
}
