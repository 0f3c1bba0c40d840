"""`sopap info`: the facts of one SOP, as text for people or a mapping for machines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopap.core import flow
from sopap.core.model import SOP, Simbol


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
        en = self.lang == "en"
        sop = self.sop
        facts = self.as_dict()

        def word(indonesian: str, english: str) -> str:
            return english if en else indonesian

        lines = [
            f"{sop.nama}" + (f"  ({sop.nomor})" if sop.nomor else ""),
            f"{sop.instansi}" + (" / " + " / ".join(sop.unit) if sop.unit else ""),
            "",
            f"{word('Jenis', 'Type')}: SOP {facts['jenis']}",
            f"{word('Pelaksana', 'Actors')} ({len(sop.actors)}): " + ", ".join(sop.actors),
            f"{word('Langkah', 'Steps')}: {len(sop.langkah)}",
        ]
        symbols = [sop.symbol_of(n) for n in range(1, len(sop.langkah) + 1)]
        decisions = facts["keputusan"]
        if decisions:
            lines.append(f"{word('Keputusan', 'Decisions')}:")
            for d in decisions:
                lines.append(
                    f"  {word('langkah', 'step')} {d['langkah']}: ya → {d['ya']}, tidak → {d['tidak']}"
                )
        else:
            lines.append(f"{word('Keputusan', 'Decisions')}: -")
        lines.append(
            f"{word('Perpindahan antar pelaksana', 'Handoffs between actors')}: {len(facts['perpindahan'])}"
        )
        for h in facts["perpindahan"]:
            lines.append(f"  {h['dari']} → {h['ke']}: {h['dari_pelaksana']} → {h['ke_pelaksana']}")
        lines.append(
            f"{word('Jalur utama', 'Main path')}: " + " → ".join(str(n) for n in facts["jalur_utama"])
        )
        for key, label in (
            ("durasi_standar", word("Durasi standar (jalur utama)", "Standard duration (main path)")),
            ("durasi_jumlah", word("Jumlah semua waktu", "Sum of all waktu")),
        ):
            d = facts[key]
            text = f"{label}: {d['teks']}"
            if d["tidak_terhitung"]:
                steps = ", ".join(str(n) for n in d["tidak_terhitung"])
                text += f" ({word('tanpa langkah', 'not counting steps')} {steps}: "
                text += word("waktu tidak dapat dijumlahkan)", "waktu cannot be added up)")
            lines.append(text)
        counts = {s: symbols.count(s) for s in Simbol}
        lines.append(
            f"{word('Simbol', 'Symbols')}: "
            + ", ".join(f"{s.value} {counts[s]}" for s in Simbol if counts[s])
        )
        return "\n".join(lines)


def describe(sop: SOP, *, lang: str = "id") -> Facts:
    return Facts(sop, lang)
