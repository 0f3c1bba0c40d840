"""The real signed PDFs of `../shared/corpus/real-pdf` against the identity their agency's system recorded.

Shared by the tests and `bench/import_fidelity.py`. A file is "right" when its nomor, nama and tanggal
efektif agree with the record and every step has an actor. The records were typed by people: a nama is
compared without case, spacing and a leading "Standar Operasional Prosedur"/"SOP" (which the agency's
system kept for some files and dropped for others), and a one-letter slip in the record ("Samoai",
"Opersional") still counts as agreeing (similarity of 0.9 or more); such near agreements are listed.
"""

from __future__ import annotations

import difflib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopap.core.importers import ImportFileError, import_file
from sopap.core.importers.text import normal_key


def find_corpus() -> Path | None:
    """`shared/corpus/real-pdf` beside the repository or beside any folder above it (a worktree)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / "corpus" / "real-pdf"
        if (candidate / "recorded-identity.json").is_file():
            return candidate
    return None


def records(corpus: Path) -> dict[str, dict[str, Any]]:
    """The recorded identity per file, by the number the file name starts with (`005._SOP_...`)."""
    rows = json.loads((corpus / "recorded-identity.json").read_text(encoding="utf-8"))
    return {_lead(row["originalFileName"]): row for row in rows}


def _lead(name: str) -> str:
    return name.split(".", 1)[0].split("_", 1)[0]


_PREFIX = re.compile(r"^(standar op[a-z]* prosedur|sop)\s+")  # "Opersional" typed so too


def _nama_key(text: str) -> str:
    key = normal_key(text)
    return _PREFIX.sub("", key).replace(" ", "")


def nama_agreement(got: str | None, want: str) -> str:
    """ "same", "near" (the record mistyped a letter or two) or "differs"."""
    if not got:
        return "differs"
    a, b = _nama_key(got), _nama_key(want)
    if a == b:
        return "same"
    return "near" if difflib.SequenceMatcher(None, a, b).ratio() >= 0.9 else "differs"


@dataclass
class RealResult:
    name: str
    pages: int = 0
    ms: float = 0.0
    sops: int = 0
    error: str = ""
    nomor: tuple[str | None, str | None] = (None, None)  # (read, recorded)
    nama: str = "differs"
    nama_read: str | None = None
    efektif: tuple[str | None, str | None] = (None, None)
    steps: int = 0
    steps_with_actor: int = 0
    evidence: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # (field, items read, numbered items in the record) for each list the record numbers
    lists: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def nomor_ok(self) -> bool:
        return self.nomor[0] is not None and self.nomor[0] == self.nomor[1]

    @property
    def efektif_ok(self) -> bool:
        return not self.error and self.efektif[0] == self.efektif[1]

    @property
    def actors_ok(self) -> bool:
        return self.steps > 0 and self.steps_with_actor == self.steps

    @property
    def right(self) -> bool:
        return self.nomor_ok and self.nama != "differs" and self.efektif_ok and self.actors_ok


def check(path: Path, record: dict[str, Any] | None) -> RealResult:
    import pymupdf

    data = path.read_bytes()
    result = RealResult(name=path.name)
    with pymupdf.open(stream=data, filetype="pdf") as document:
        result.pages = document.page_count
    started = time.perf_counter()
    try:
        imported = import_file(data, path.name)
    except ImportFileError as error:
        result.ms = (time.perf_counter() - started) * 1000
        result.error = error.message
        return result
    result.ms = (time.perf_counter() - started) * 1000
    result.sops = len(imported.sops)
    first = imported.sops[0]
    found = first.data
    want = record or {}
    effective = want.get("effectiveDate")
    result.nomor = (found.get("nomor"), want.get("sopNumber"))
    result.nama_read = found.get("nama")
    result.nama = nama_agreement(found.get("nama"), want.get("title") or "")
    read_date = found.get("tanggal_efektif")
    result.efektif = (str(read_date) if read_date else None, effective[:10] if effective else None)
    steps = found.get("langkah") or []
    result.steps = len(steps)
    result.steps_with_actor = sum(1 for step in steps if step.get("pelaksana"))
    result.evidence = dict(first.report.evidence_counts())
    result.notes = [note.detail() for note in first.report.notes if note.field == "bagan alir"]
    for recorded_as, name in RECORDED_LISTS.items():
        numbered = len(_NUMBERED.findall(want.get(recorded_as) or ""))
        if numbered >= 2:
            items = found.get(name) or []
            result.lists.append((name, 1 if isinstance(items, str) else len(items), numbered))
    return result


# The record keeps a list as its text, one item a number ("1." or "1," as typed) and its lines.
RECORDED_LISTS = {
    "legalBasis": "dasar_hukum",
    "executorQualification": "kualifikasi_pelaksana",
    "equipment": "peralatan",
}
_NUMBERED = re.compile(r"(?m)^\s*\d{1,2}\s*[.,)]")
