"""Validation of SOPs: structure, procedure, regulations, and a folder of SOPs as a whole.

Entry points: :func:`lint_text` for one document in memory (the web editor), :func:`lint_paths` for
files and folders (the CLI). Both return located :class:`Diagnostic` objects and never raise on bad input.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopap.core.diagnostics import Diagnostic, Severity
from sopap.core.errors import SopFileError
from sopap.core.plain import read_plain
from sopap.core.rules.limits import exceeded_limits
from sopap.core.rules.procedure import check_sop, taken_up
from sopap.core.sopfile import Document, iter_sop_files, parse_text, read_path, to_sop

if TYPE_CHECKING:
    from sopap.core.model import SOP

__all__ = [
    "Diagnostic",
    "FileResult",
    "Report",
    "Severity",
    "check_sop",
    "exceeded_limits",
    "lint_document",
    "lint_paths",
    "lint_text",
    "taken_up",
]


@dataclass
class FileResult:
    path: str | None
    sop: SOP | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == Severity.WARNING]


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.WARNING)


def _file_error(exc: SopFileError) -> Diagnostic:
    return Diagnostic(
        "file-unreadable",
        Severity.ERROR,
        {"detail": exc.text},
        path=exc.path,
    )


def lint_document(document: Document, *, today: dt.date | None = None, plain: bool = False) -> FileResult:
    """Every finding on one document; an SOP over a limit gets only those errors and no model.

    The limits come first because everything after them (the model, the flow, the matching of outputs
    to kelengkapan) grows with the size of the file, and so does whatever a caller does with the model.
    With ``plain``, a plainly valid document's SOP is read without pydantic (:mod:`sopap.core.plain`):
    for a caller that only checks and renders it, and must not pay for importing the model.
    """
    over = exceeded_limits(document.data, locate=document.line_of)
    if over:
        for d in over:
            d.path = document.path
        return FileResult(document.path, None, over)
    sop = read_plain(document.data) if plain else None
    if sop is None:
        from pydantic import ValidationError

        from sopap.core.diagnostics.validation import diagnostics_from_validation

        try:
            sop = to_sop(document)
        except ValidationError as exc:
            structural = diagnostics_from_validation(exc, document)
            salvaged = _salvaged_checks(document, structural, today)
            return FileResult(document.path, None, structural + salvaged)
    diagnostics = check_sop(sop, locate=document.line_of, today=today)
    for d in diagnostics:
        d.path = document.path
    return FileResult(document.path, sop, diagnostics)


_PLACEHOLDER = "\u2026"
_REQUIRED_TEXT = {"nama", "instansi", "kegiatan", "pelaksana"}


def _salvaged_checks(
    document: Document, structural: list[Diagnostic], today: dt.date | None
) -> list[Diagnostic]:
    """The procedure rules on what is valid, so one typo does not hide every other finding.

    A draft being typed in the editor is the common case: invalid optional values and unknown keys are
    left out, missing required text is filled with a placeholder, and findings on those very spots are
    not repeated.
    """
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("langkah"), list) or not data["langkah"]:
        return []
    from pydantic import ValidationError

    from sopap.core.model import SOP

    repaired = copy.deepcopy(data)
    for diagnostic in structural:
        _repair(repaired, diagnostic)
    try:
        sop = SOP.model_validate(repaired)
    except ValidationError:
        return []
    broken = {(d.step, _root_field(d.field)) for d in structural}
    out = []
    for d in check_sop(sop, locate=document.line_of, today=today):
        if (d.step, _root_field(d.field)) in broken:
            continue
        d.path = document.path
        out.append(d)
    return out


def _root_field(field: str | None) -> str:
    """`keputusan.ya` -> `keputusan`, `pelaksana[2]` -> `pelaksana`."""
    return (field or "").split(".")[0].split("[")[0]


def _repair(data: dict[str, Any], diagnostic: Diagnostic) -> None:
    container: Any = data
    if diagnostic.step is not None:
        steps = data["langkah"]
        if not 0 < diagnostic.step <= len(steps) or not isinstance(steps[diagnostic.step - 1], dict):
            if 0 < diagnostic.step <= len(steps):
                steps[diagnostic.step - 1] = {"kegiatan": _PLACEHOLDER, "pelaksana": _PLACEHOLDER}
            return
        container = steps[diagnostic.step - 1]
    key = _root_field(diagnostic.field)
    if not key:
        return
    if diagnostic.code == "unknown-key":
        key = str(diagnostic.params.get("name", key))
        container.pop(key, None)
    elif key in _REQUIRED_TEXT:
        container[key] = _PLACEHOLDER
    else:
        container.pop(key, None)


def lint_text(text: str, *, path: str | None = None, today: dt.date | None = None) -> FileResult:
    """Lint YAML text held in memory."""
    try:
        document = parse_text(text, path=path)
    except SopFileError as exc:
        return FileResult(path, None, [_file_error(exc)])
    return lint_document(document, today=today)


def lint_paths(paths: list[str | Path], *, today: dt.date | None = None, plain: bool = False) -> Report:
    """Lint files and folders; SOPs found in one folder are also checked against each other.

    ``plain`` as for :func:`lint_document`.
    """
    report = Report()
    for path in iter_sop_files(list(paths)):
        try:
            document = read_path(path)
        except SopFileError as exc:
            report.files.append(FileResult(str(path), None, [_file_error(exc)]))
            continue
        report.files.append(lint_document(document, today=today, plain=plain))
    by_folder: dict[Path, list[FileResult]] = defaultdict(list)
    for result in report.files:
        if result.sop is not None and result.path:
            by_folder[Path(result.path).parent].append(result)
    for group in by_folder.values():
        _check_folder(group)
    return report


_PREFIX = re.compile(r"^(?:standar operasional prosedur|sop|mekanisme|prosedur)\s+", re.IGNORECASE)


def _normal_name(text: str) -> str:
    words = re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()
    while True:
        stripped = _PREFIX.sub("", words)
        if stripped == words:
            return words
        words = stripped


def _check_folder(results: list[FileResult]) -> None:
    """Duplicate nomor or nama, and keterkaitan naming an SOP the folder does not have."""
    by_nomor: dict[str, list[FileResult]] = defaultdict(list)
    by_nama: dict[str, list[FileResult]] = defaultdict(list)
    for result in results:
        assert result.sop is not None
        if result.sop.nomor:
            by_nomor[result.sop.nomor.strip().lower()].append(result)
        by_nama[_normal_name(result.sop.nama)].append(result)
    known_names = set(by_nama)
    known_numbers = set(by_nomor)
    for groups, code, key in ((by_nomor, "duplicate-nomor", "nomor"), (by_nama, "duplicate-nama", "nama")):
        for group in groups.values():
            if len(group) < 2:
                continue
            for result in group:
                others = ", ".join(Path(o.path or "").name for o in group if o is not result)
                assert result.sop is not None
                result.diagnostics.append(
                    Diagnostic(
                        code,
                        Severity.WARNING,
                        {key: getattr(result.sop, key), "other": others},
                        path=result.path,
                        field=key,
                    )
                )
    for result in results:
        assert result.sop is not None
        for index, name in enumerate(result.sop.keterkaitan):
            normal = _normal_name(name)
            if normal in known_names or name.strip().lower() in known_numbers:
                continue
            result.diagnostics.append(
                Diagnostic(
                    "missing-keterkaitan",
                    Severity.WARNING,
                    {"name": name},
                    path=result.path,
                    field=f"keterkaitan[{index + 1}]",
                )
            )
