"""The fidelity report of one imported SOP: what was read, what was inferred (and how), what is missing.

Every note carries both languages; :meth:`SopReport.render` writes it for a terminal, ``as_dict`` for the
web application or JSON output.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sopap.core.rules.diagnostic import Diagnostic, Severity


class Status(StrEnum):
    READ = "read"
    INFERRED = "inferred"
    MISSING = "missing"


_STATUS_WORD = {
    "id": {Status.READ: "terbaca", Status.INFERRED: "disimpulkan", Status.MISSING: "tidak ada"},
    "en": {Status.READ: "read", Status.INFERRED: "inferred", Status.MISSING: "missing"},
}

EVIDENCE_WORDS = {
    "shape": (
        "posisi bentuk bagan alir pada kolom pelaksana",
        "position of the flowchart shape in the actor columns",
    ),
    "symbol": ("karakter simbol (□ ◇ ○) di kolom pelaksana", "symbol characters (□ ◇ ○) in the actor column"),
    "column": ("teks kolom Pelaksana", "text of the Pelaksana column"),
    "text": ("nama pelaksana disebut dalam uraian kegiatan", "actor named in the step's text"),
    "missing": ("tidak ditemukan", "not found"),
}
BRANCH_WORDS = {
    "marks": ("tanda Y/T pada baris tujuan", "Y/T marks in the target rows"),
    "connectors": ("garis penghubung dari belah ketupat", "connectors leaving the diamond"),
    "marks-end": (
        "tanda Y; tanpa tanda T, cabang tidak menuju akhir (selesai)",
        "a Y mark; no T mark, so the tidak branch goes to the end (selesai)",
    ),
    "marks-partial": (
        "sebagian dari tanda Y/T, sisanya dugaan urutan",
        "partly Y/T marks, the rest guessed from order",
    ),
    "default": (
        "dugaan: ya ke langkah berikut, tidak ke langkah sebelumnya",
        "guess: ya to the next step, tidak to the previous one",
    ),
}


@dataclass
class Note:
    field: str
    status: Status
    how: str = ""
    how_en: str = ""

    def render(self, lang: str = "id") -> str:
        word = _STATUS_WORD.get(lang, _STATUS_WORD["id"])[self.status]
        detail = self.how_en if lang == "en" else self.how
        return f"{self.field}: {word}" + (f" ({detail})" if detail else "")


@dataclass
class SopReport:
    title: str
    source: str
    notes: list[Note] = field(default_factory=list)
    actor_evidence: list[str] = field(
        default_factory=list
    )  # per step: shape | symbol | column | text | missing
    decisions: dict[int, str] = field(default_factory=dict)  # step number -> how the branches were found
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output_path: str | None = None

    def add(self, field_name: str, status: Status, how: str = "", how_en: str = "") -> None:
        self.notes.append(Note(field_name, status, how, how_en or how))

    def by_status(self, status: Status) -> list[Note]:
        return [n for n in self.notes if n.status == status]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.WARNING]

    def evidence_counts(self) -> Counter[str]:
        return Counter(self.actor_evidence)

    def render(self, lang: str = "id") -> str:
        en = lang == "en"
        lines = [f"== {self.title}  [{self.source}]"]
        if self.output_path:
            lines.append(("   written to: " if en else "   ditulis ke: ") + self.output_path)
        for status, head_id, head_en in (
            (Status.READ, "terbaca", "read"),
            (Status.INFERRED, "disimpulkan", "inferred"),
            (Status.MISSING, "tidak ada", "missing"),
        ):
            notes = self.by_status(status)
            if not notes:
                continue
            lines.append(f"   {head_en if en else head_id} ({len(notes)}):")
            for note in notes:
                detail = note.how_en if en else note.how
                lines.append(f"     - {note.field}" + (f": {detail}" if detail else ""))
        steps = len(self.actor_evidence)
        if steps:
            counts = self.evidence_counts()
            parts = []
            for key in ("shape", "symbol", "column", "text", "missing"):
                if counts.get(key):
                    words = EVIDENCE_WORDS[key][1 if en else 0]
                    parts.append(f"{counts[key]} {words}")
            head = f"   step actors ({steps} steps): " if en else f"   pelaksana langkah ({steps} langkah): "
            lines.append(head + "; ".join(parts))
            missing = [str(i + 1) for i, how in enumerate(self.actor_evidence) if how == "missing"]
            if missing:
                lines.append(
                    (
                        "     no actor found for step "
                        if en
                        else "     pelaksana tidak ditemukan untuk langkah "
                    )
                    + ", ".join(missing)
                )
        for number, how in sorted(self.decisions.items()):
            words = BRANCH_WORDS.get(how, (how, how))[1 if en else 0]
            lines.append(
                (f"   decision at step {number}: " if en else f"   keputusan di langkah {number}: ") + words
            )
        errors, warnings = self.errors, self.warnings
        if en:
            lines.append(
                f"   lint: {len(errors)} error(s), {len(warnings)} warning(s)"
                + (" (written as a draft: fix before approval)" if errors else "")
            )
        else:
            lines.append(
                f"   lint: {len(errors)} galat, {len(warnings)} peringatan"
                + (" (ditulis sebagai draf: perbaiki sebelum disahkan)" if errors else "")
            )
        for diagnostic in self.diagnostics:
            lines.append("     " + diagnostic.render(lang))
        return "\n".join(lines)

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "title": self.title,
            "source": self.source,
            "output": self.output_path,
            "fields": [
                {"field": n.field, "status": str(n.status), "how": n.how_en if lang == "en" else n.how}
                for n in self.notes
            ],
            "actor_evidence": list(self.actor_evidence),
            "decisions": {str(k): v for k, v in self.decisions.items()},
            "lint": [d.as_dict(lang) for d in self.diagnostics],
        }
