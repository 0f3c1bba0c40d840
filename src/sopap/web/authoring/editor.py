"""Between the editor's form and `.sop.yaml` text.

The editor posts repeated step fields (`kegiatan`, `pelaksana`, ... once per step, in page order), so
reordering rows on the page reorders the steps. Lists are one item per line, in the identity sheet as in
a step's kelengkapan and output (a `;` typed out of habit still separates items there); the several actors
of one step, picked in a one-line field with suggestions, are separated by `;`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils.translation import gettext
from pydantic import ValidationError

from sopap.core.errors import SopFileError
from sopap.core.model import SOP
from sopap.core.rules import Diagnostic, FileResult, lint_text
from sopap.core.sopfile import dump, parse_text

LIST_FIELDS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
STEP_FIELDS = (
    "kegiatan",
    "pelaksana",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
    "ya",
    "tidak",
    "simbol",
)
DATE_FIELDS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
SIMBOL_CHOICES = ("", "mulai", "proses", "keputusan", "selesai")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _items(text: str) -> list[str]:
    """A step's list: one item per line; `;` too, as the field once asked, so that nothing typed the
    old way is run together."""
    return [part for line in _lines(text) for part in _split(line)]


def _one_or_list(items: list[str]) -> Any:
    if not items:
        return None
    return items[0] if len(items) == 1 else items


def _target(text: str) -> Any:
    text = (text or "").strip().lower()
    if not text:
        return None
    return int(text) if text.isdigit() else text


def _date(text: str) -> Any:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def data_from_post(post: Any, *, identity: dict[str, Any]) -> dict[str, Any]:
    """Build the SOP mapping from the editor's POST. ``identity`` brings pemerintah/instansi/unit/nomor."""
    data: dict[str, Any] = {"versi_format": 1, "nama": (post.get("nama") or "").strip() or None}
    data.update({k: v for k, v in identity.items() if v})
    for key in DATE_FIELDS:
        value = _date(post.get(key, ""))
        if value is not None:
            data[key] = value
    signer = {k: (post.get(f"disahkan_{k}") or "").strip() for k in ("jabatan", "nama", "nip")}
    if any(signer.values()):
        data["disahkan_oleh"] = {k: v for k, v in signer.items() if v}
    for key in LIST_FIELDS:
        items = _lines(post.get(key, ""))
        if items:
            data[key] = items
    columns = _lines(post.get("pelaksana_kolom", ""))
    if columns:
        data["pelaksana"] = columns
    positions = step_positions(post)
    renumber = {page: kept for kept, page in enumerate(positions, start=1)}
    columns_by_step = {name: post.getlist(name) for name in STEP_FIELDS}
    steps = []
    for page in positions:
        i = page - 1
        raw = {name: (values[i] if i < len(values) else "") for name, values in columns_by_step.items()}
        step: dict[str, Any] = {"kegiatan": raw["kegiatan"].strip() or None}
        step["pelaksana"] = _one_or_list(_split(raw["pelaksana"]))
        # Targets are typed as the page numbers them; blank rows are dropped, so map them to the kept steps.
        ya, tidak = (
            renumber.get(t, t) if isinstance(t, int) else t
            for t in (_target(raw["ya"]), _target(raw["tidak"]))
        )
        if ya is not None or tidak is not None:
            step["keputusan"] = {"ya": ya, "tidak": tidak}
        for key in ("kelengkapan", "output"):
            value = _one_or_list(_items(raw[key]))
            if value is not None:
                step[key] = value
        for key in ("waktu", "keterangan"):
            if raw[key].strip():
                step[key] = raw[key].strip()
        if raw["simbol"].strip():
            step["simbol"] = raw["simbol"].strip()
        steps.append(step)
    data["langkah"] = steps
    return {k: v for k, v in data.items() if v is not None}


def loaded_version(post: Any) -> int | None:
    """The revision version a form was rendered from: every editing and workflow form carries it as
    `versi`, so that a write made from a stale page is refused instead of overwriting newer work."""
    value = (post.get("versi") or "").strip()
    return int(value) if value.isdigit() else None


def step_positions(post: Any) -> list[int]:
    """The page positions (1-based) of the step rows that hold something; blank rows are left out."""
    columns = {name: post.getlist(name) for name in STEP_FIELDS if name != "simbol"}
    count = max((len(v) for v in columns.values()), default=0)
    return [
        i + 1
        for i in range(count)
        if any((values[i] if i < len(values) else "").strip() for values in columns.values())
    ]


def text_from_data(data: dict[str, Any]) -> str:
    """The `.sop.yaml` text: the canonical writer when the data is a valid SOP, plain YAML otherwise."""
    try:
        return dump(SOP.model_validate(data))
    except ValidationError:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def data_from_text(text: str) -> dict[str, Any]:
    try:
        data = parse_text(text).data
    except SopFileError:
        return {}
    return data if isinstance(data, dict) else {}


def _as_text(value: Any, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return sep.join(str(v) for v in value)
    return str(value)


def step_actors_text(value: Any) -> str:
    """A step's pelaksana as its input shows it: several actors joined by "; " (a list is never shown as
    Python writes one)."""
    return _as_text(value, "; ")


def step_actors(text: str) -> Any:
    """A step's pelaksana as typed in its input: one actor, several separated by ";", or None."""
    return _one_or_list(_split(text))


def initial_from_data(data: dict[str, Any]) -> dict[str, Any]:
    """Values for the editor's inputs."""
    signer = data.get("disahkan_oleh") or {}
    out: dict[str, Any] = {
        "nama": data.get("nama") or "",
        "nomor": data.get("nomor") or "",
        "instansi": data.get("instansi") or "",
        "pemerintah": data.get("pemerintah") or "",
        "unit": _as_text(data.get("unit"), " › "),
        "disahkan_jabatan": signer.get("jabatan") or "",
        "disahkan_nama": signer.get("nama") or "",
        "disahkan_nip": signer.get("nip") or "",
        "pelaksana_kolom": _as_text(data.get("pelaksana"), "\n"),
    }
    for key in DATE_FIELDS:
        value = data.get(key)
        out[key] = value.isoformat() if isinstance(value, dt.date) else (value or "")
    for key in LIST_FIELDS:
        out[key] = _as_text(data.get(key), "\n")
    steps = []
    for raw in data.get("langkah") or []:
        if not isinstance(raw, dict):
            continue
        decision = raw.get("keputusan") or {}
        steps.append(
            {
                "kegiatan": _as_text(raw.get("kegiatan"), " "),
                "pelaksana": _as_text(raw.get("pelaksana"), "; "),
                "kelengkapan": _as_text(raw.get("kelengkapan"), "\n"),
                "waktu": _as_text(raw.get("waktu"), " "),
                "output": _as_text(raw.get("output"), "\n"),
                "keterangan": _as_text(raw.get("keterangan"), " "),
                "ya": _as_text(decision.get("ya") if isinstance(decision, dict) else None, ""),
                "tidak": _as_text(decision.get("tidak") if isinstance(decision, dict) else None, ""),
                "simbol": _as_text(raw.get("simbol"), ""),
            }
        )
    out["steps"] = steps or [dict.fromkeys(STEP_FIELDS, "")]
    return out


def _empty_first_step() -> str:
    return gettext("Langkah 1 masih kosong: tulis kegiatannya dan pilih pelaksananya.")


@dataclass
class LintView:
    """Lint results arranged for the page: per step (1-based) and the rest."""

    result: FileResult
    lang: str = "id"
    by_step: dict[int, list[Diagnostic]] = field(default_factory=dict)
    general: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        for d in self.result.diagnostics:
            if d.code == "no-steps":
                # The editor always shows a first step to fill in; say that it is empty, not that it is missing.
                self.by_step.setdefault(1, []).append(d)
            elif d.step is not None:
                self.by_step.setdefault(d.step, []).append(d)
            else:
                self.general.append(d)

    def items(self, diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
        return [
            {
                "severity": str(d.severity),
                "code": d.code,
                "field": d.field or "",
                "message": _empty_first_step() if d.code == "no-steps" else d.message(self.lang),
            }
            for d in diagnostics
        ]

    @property
    def general_items(self) -> list[dict[str, Any]]:
        return self.items(self.general)

    def step_items(self, number: int) -> list[dict[str, Any]]:
        return self.items(self.by_step.get(number, []))


# Rules the web app answers better from its own records. A file's tanggal efektif tells the CLI when a
# review falls due; here the workflow sets the tanggal berlaku at the decree, and the monitoring app knows
# the reviews that found an SOP right as it was, so the warning would be wrong on a draft made from an old
# file and on an SOP reviewed last month.
_ANSWERED_BY_THE_APP = frozenset({"review-overdue"})


def lint(text: str, *, lang: str = "id") -> LintView:
    result = lint_text(text)
    result.diagnostics = [d for d in result.diagnostics if d.code not in _ANSWERED_BY_THE_APP]
    return LintView(result, lang=lang if lang in {"id", "en"} else "id")


def duration_text(sop: Any, lang: str) -> str:
    """The standard duration of the main path, in words ("" when it cannot be worked out yet)."""
    if sop is None:
        return ""
    from sopap.core.flow import standard_duration

    try:
        return standard_duration(sop).humanize(lang=lang)
    except Exception:  # a half-written draft's times may not add up yet: show nothing rather than fail
        return ""
