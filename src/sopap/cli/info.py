"""`sopap info`: the facts of one SOP, as text for people or a mapping for machines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopap.core import flow
from sopap.core.i18n import C_, Words
from sopap.core.model import SOP, Simbol

SUMMARY_WORDS = Words(
    {
        "jenis": C_("summary", "Jenis"),
        "pelaksana": C_("summary", "Pelaksana"),
        "langkah": C_("summary", "Langkah"),
        "langkah_lc": C_("summary", "langkah"),
        "keputusan": C_("summary", "Keputusan"),
        "perpindahan_antar_pelaksana": C_("summary", "Perpindahan antar pelaksana"),
        "jalur_utama": C_("summary", "Jalur utama"),
        "durasi_standar_jalur_utama": C_("summary", "Durasi standar (jalur utama)"),
        "jumlah_semua_waktu": C_("summary", "Jumlah semua waktu"),
        "tanpa_langkah": C_("summary", "tanpa langkah"),
        "waktu_tidak_dapat_dijumlahkan": C_("summary", "waktu tidak dapat dijumlahkan)"),
        "simbol": C_("summary", "Simbol"),
    }
)


@dataclass
class Facts:
    sop: SOP
    lang: str

    def as_dict(self) -> dict[str, Any]:
        sop = self.sop
        main = flow.main_path(sop)
        standard = flow.standard_duration(sop)
        raw = flow.duration(sop)
        return {
            "nama": sop.nama,
            "nomor": sop.nomor,
            "instansi": sop.instansi,
            "jenis": flow.jenis(sop),
            "pelaksana": sop.actors,
            "langkah": len(sop.langkah),
            "keputusan": [
                {"langkah": n, "ya": s.keputusan.ya, "tidak": s.keputusan.tidak}
                for n, s in enumerate(sop.langkah, start=1)
                if s.keputusan is not None
            ],
            "perpindahan": [
                {"dari": a, "ke": b, "dari_pelaksana": pa, "ke_pelaksana": pb}
                for a, b, pa, pb in flow.handoffs(sop)
            ],
            "jalur_utama": main,
            "durasi_standar": {
                "detik": int(standard.seconds),
                "teks": standard.humanize(lang=self.lang),
                "tidak_terhitung": standard.not_summable + standard.unreadable + standard.missing,
            },
            "durasi_jumlah": {
                "detik": int(raw.seconds),
                "teks": raw.humanize(lang=self.lang),
                "tidak_terhitung": raw.not_summable + raw.unreadable + raw.missing,
            },
        }

    def as_text(self) -> str:
        sop = self.sop
        facts = self.as_dict()

        w = SUMMARY_WORDS(self.lang)
        lines = [
            f"{sop.nama}" + (f"  ({sop.nomor})" if sop.nomor else ""),
            f"{sop.instansi}" + (" / " + " / ".join(sop.unit) if sop.unit else ""),
            "",
            f"{w['jenis']}: SOP {facts['jenis']}",
            f"{w['pelaksana']} ({len(sop.actors)}): " + ", ".join(sop.actors),
            f"{w['langkah']}: {len(sop.langkah)}",
        ]
        symbols = [sop.symbol_of(n) for n in range(1, len(sop.langkah) + 1)]
        decisions = facts["keputusan"]
        if decisions:
            lines.append(f"{w['keputusan']}:")
            for d in decisions:
                lines.append(f"  {w['langkah_lc']} {d['langkah']}: ya → {d['ya']}, tidak → {d['tidak']}")
        else:
            lines.append(f"{w['keputusan']}: -")
        lines.append(f"{w['perpindahan_antar_pelaksana']}: {len(facts['perpindahan'])}")
        for h in facts["perpindahan"]:
            lines.append(f"  {h['dari']} → {h['ke']}: {h['dari_pelaksana']} → {h['ke_pelaksana']}")
        lines.append(f"{w['jalur_utama']}: " + " → ".join(str(n) for n in facts["jalur_utama"]))
        for key, label in (
            ("durasi_standar", w["durasi_standar_jalur_utama"]),
            ("durasi_jumlah", w["jumlah_semua_waktu"]),
        ):
            d = facts[key]
            text = f"{label}: {d['teks']}"
            if d["tidak_terhitung"]:
                steps = ", ".join(str(n) for n in d["tidak_terhitung"])
                text += f" ({w['tanpa_langkah']} {steps}: "
                text += w["waktu_tidak_dapat_dijumlahkan"]
            lines.append(text)
        counts = {s: symbols.count(s) for s in Simbol}
        lines.append(f"{w['simbol']}: " + ", ".join(f"{s.value} {counts[s]}" for s in Simbol if counts[s]))
        return "\n".join(lines)


def describe(sop: SOP, *, lang: str = "id") -> Facts:
    return Facts(sop, lang)
