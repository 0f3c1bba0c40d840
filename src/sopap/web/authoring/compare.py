"""Side-by-side comparison of two revisions: identity fields and steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopap.web.authoring.editor import DATE_FIELDS, LIST_FIELDS, data_from_text, initial_from_data

FIELD_LABELS: list[tuple[str, str]] = [
    ("nama", "Nama SOP"),
    ("nomor", "Nomor"),
    ("instansi", "Instansi"),
    ("unit", "Unit"),
    *[(k, k.replace("_", " ").capitalize()) for k in DATE_FIELDS],
    ("disahkan_jabatan", "Disahkan oleh (jabatan)"),
    ("disahkan_nama", "Disahkan oleh (nama)"),
    ("disahkan_nip", "NIP"),
    *[(k, k.replace("_", " ").capitalize()) for k in LIST_FIELDS],
    ("pelaksana_kolom", "Pelaksana (kolom)"),
]
STEP_LABELS = ["kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "ya", "tidak"]


@dataclass
class Row:
    label: str
    a: str
    b: str

    @property
    def changed(self) -> bool:
        return self.a != self.b


def _step_text(step: dict[str, Any] | None) -> str:
    if not step:
        return ""
    parts = [f"{k}: {step[k]}" for k in STEP_LABELS if step.get(k)]
    return "\n".join(parts)


def compare(text_a: str, text_b: str) -> dict[str, list[Row]]:
    a = initial_from_data(data_from_text(text_a))
    b = initial_from_data(data_from_text(text_b))
    fields = [Row(label, str(a.get(key, "")), str(b.get(key, ""))) for key, label in FIELD_LABELS]
    steps_a = [s for s in a["steps"] if any(s.values())]
    steps_b = [s for s in b["steps"] if any(s.values())]
    steps = [
        Row(
            str(i + 1),
            _step_text(steps_a[i] if i < len(steps_a) else None),
            _step_text(steps_b[i] if i < len(steps_b) else None),
        )
        for i in range(max(len(steps_a), len(steps_b)))
    ]
    return {"fields": fields, "steps": steps}
