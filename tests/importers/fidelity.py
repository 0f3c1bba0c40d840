"""Field-level agreement between the SOPs a corpus file was built from and the SOPs imported back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sopap.core.model import SOP

TOP_FIELDS = (
    "nama",
    "nomor",
    "pemerintah",
    "instansi",
    "unit",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh.jabatan",
    "disahkan_oleh.nama",
    "disahkan_oleh.nip",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "pelaksana",
)
STEP_FIELDS = ("kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "keputusan")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


@dataclass
class Agreement:
    fields: int = 0
    fields_ok: int = 0
    steps: int = 0
    actors_ok: int = 0
    sops_expected: int = 0
    sops_found: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Agreement) -> None:
        self.fields += other.fields
        self.fields_ok += other.fields_ok
        self.steps += other.steps
        self.actors_ok += other.actors_ok
        self.sops_expected += other.sops_expected
        self.sops_found += other.sops_found
        self.misses.extend(other.misses)

    @property
    def field_rate(self) -> float:
        return self.fields_ok / self.fields if self.fields else 1.0

    @property
    def actor_rate(self) -> float:
        return self.actors_ok / self.steps if self.steps else 1.0


def compare(expected: list[SOP], actual: list[SOP | None], label: str = "") -> Agreement:
    result = Agreement(sops_expected=len(expected), sops_found=len(actual))
    for index, want in enumerate(expected):
        got = actual[index] if index < len(actual) else None
        where = f"{label}#{index + 1}"
        for name in TOP_FIELDS:
            a, b = _norm(_get(want, name)), _norm(_get(got, name)) if got is not None else None
            if name == "pelaksana":
                a = want.actors
                b = got.actors if got is not None else None
            if _empty(a) and _empty(b):
                continue
            result.fields += 1
            if a == b:
                result.fields_ok += 1
            else:
                result.misses.append(f"{where} {name}: {a!r} != {b!r}")
        steps = got.langkah if got is not None else []
        for number, step in enumerate(want.langkah):
            other = steps[number] if number < len(steps) else None
            result.steps += 1
            for name in STEP_FIELDS:
                a = _norm(getattr(step, name))
                b = _norm(getattr(other, name)) if other is not None else None
                if _empty(a) and _empty(b):
                    continue
                result.fields += 1
                if a == b:
                    result.fields_ok += 1
                    if name == "pelaksana":
                        result.actors_ok += 1
                else:
                    result.misses.append(f"{where} langkah {number + 1} {name}: {a!r} != {b!r}")
        for extra in range(len(want.langkah), len(steps)):
            result.fields += 1
            result.misses.append(f"{where} langkah {extra + 1}: extra step")
    return result
