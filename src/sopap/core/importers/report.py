"""The fidelity report of one imported SOP: what was read, what was inferred (and how), what is missing.

Every note is a text to be shown in the reader's language; :meth:`SopReport.render` writes it for a terminal, ``as_dict`` for the
web application or JSON output.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sopap.core.diagnostics import Diagnostic, Severity
from sopap.core.i18n import N_, Text, tr


class Status(StrEnum):
    READ = "read"
    INFERRED = "inferred"
    MISSING = "missing"


_STATUS_WORD = {
    Status.READ: N_("terbaca"),
    Status.INFERRED: N_("disimpulkan"),
    Status.MISSING: N_("tidak ada"),
}

EVIDENCE_WORDS = {
    "shape": N_("posisi bentuk bagan alir pada kolom pelaksana"),
    "picture": N_("posisi bentuk bagan alir yang dikenali dari gambar"),
    "symbol": N_("karakter simbol (□ ◇ ○) di kolom pelaksana"),
    "column": N_("teks kolom Pelaksana"),
    "text": N_("nama pelaksana disebut dalam uraian kegiatan"),
    "missing": N_("tidak ditemukan"),
}
BRANCH_WORDS = {
    "marks": N_("tanda Y/T pada baris tujuan"),
    "connectors": N_("garis penghubung dari belah ketupat"),
    "linked": N_("garis penghubung yang tertaut pada belah ketupat dan bentuk tujuannya"),
    "marks-end": N_("tanda Y; tanpa tanda T, cabang tidak menuju akhir (selesai)"),
    "marks-partial": N_("sebagian dari tanda Y/T, sisanya dugaan urutan"),
    "default": N_("dugaan: ya ke langkah berikut, tidak ke langkah sebelumnya"),
}


@dataclass
class Note:
    field: str
    status: Status
    how: Text | None = None

    def detail(self, lang: str = "id") -> str:
        return self.how.render(lang) if self.how is not None else ""

    def render(self, lang: str = "id") -> str:
        detail = self.detail(lang)
        return f"{self.field}: {tr(_STATUS_WORD[self.status], lang)}" + (f" ({detail})" if detail else "")


@dataclass
class SopReport:
    title: str
    source: str
    notes: list[Note] = field(default_factory=list)
    actor_evidence: list[str] = field(
        default_factory=list
    )  # per step: shape | picture | symbol | column | text | missing
    decisions: dict[int, str] = field(default_factory=dict)  # step number -> how the branches were found
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output_path: str | None = None

    def add(self, field_name: str, status: Status, how: Text | None = None) -> None:
        self.notes.append(Note(field_name, status, how))

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
        lines = [f"== {self.title}  [{self.source}]"]
        if self.output_path:
            lines.append("   " + tr("ditulis ke: {path}", lang, path=self.output_path))
        for status in (Status.READ, Status.INFERRED, Status.MISSING):
            notes = self.by_status(status)
            if not notes:
                continue
            lines.append(f"   {tr(_STATUS_WORD[status], lang)} ({len(notes)}):")
            for note in notes:
                detail = note.detail(lang)
                lines.append(f"     - {note.field}" + (f": {detail}" if detail else ""))
        steps = len(self.actor_evidence)
        if steps:
            counts = self.evidence_counts()
            parts = [
                f"{counts[key]} {tr(EVIDENCE_WORDS[key], lang)}"
                for key in ("shape", "picture", "symbol", "column", "text", "missing")
                if counts.get(key)
            ]
            lines.append(
                "   " + tr("pelaksana langkah ({count} langkah): ", lang, count=steps) + "; ".join(parts)
            )
            missing = [str(i + 1) for i, how in enumerate(self.actor_evidence) if how == "missing"]
            if missing:
                lines.append(
                    "     "
                    + tr("pelaksana tidak ditemukan untuk langkah {steps}", lang, steps=", ".join(missing))
                )
        for number, how in sorted(self.decisions.items()):
            words = tr(BRANCH_WORDS[how], lang) if how in BRANCH_WORDS else how
            lines.append(
                "   " + tr("keputusan di langkah {number}: {how}", lang, number=str(number), how=words)
            )
        errors, warnings = self.errors, self.warnings
        summary = tr(
            "lint: {errors} galat, {warnings} peringatan", lang, errors=len(errors), warnings=len(warnings)
        )
        if errors:
            summary += " " + tr("(ditulis sebagai draf: perbaiki sebelum disahkan)", lang)
        lines.append("   " + summary)
        for diagnostic in self.diagnostics:
            lines.append("     " + diagnostic.render(lang))
        return "\n".join(lines)

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "title": self.title,
            "source": self.source,
            "output": self.output_path,
            "fields": [
                {"field": n.field, "status": str(n.status), "how": n.detail(lang)} for n in self.notes
            ],
            "actor_evidence": list(self.actor_evidence),
            "decisions": {str(k): v for k, v in self.decisions.items()},
            "lint": [d.as_dict(lang) for d in self.diagnostics],
        }
