"""Importing existing SOPs from Word, Excel and PDF: one service function, no side effects.

:func:`import_file` takes the bytes of a .docx, .xlsx or .pdf (or an old .doc/.xls, which LibreOffice
converts) and returns an :class:`ImportResult`: for every SOP
found (a Buku SOP holds many) the SOP model (when it is complete enough to be one), the `.sop.yaml` text,
and a fidelity report with the lint result. Nothing is written anywhere: the CLI and the web application
decide what to save. Unreadable input raises an :class:`~sopap.core.importers.safety.ImportFileError`.

A caller that shows how far a large file got passes ``progress``: it is called, in the importer's own
thread, as the reader goes through the document (page by page for a PDF, part by part for Word, sheet by
sheet for Excel), as SOPs are found and as each is checked, with an :class:`ImportProgress`. It is called
often (every paragraph of a Word book): a caller that writes somewhere keeps its own pace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

from sopap.core.i18n import Text, Verbatim
from sopap.core.importers.report import SopReport
from sopap.core.importers.safety import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    ImportFileError,
    NoSopFoundError,
    UnsupportedFormatError,
    ZipBombError,
)
from sopap.core.importers.tables import Block
from sopap.core.model import SOP

if TYPE_CHECKING:
    from sopap.core.importers.draft import Extracted

__all__ = [
    "IMPORTERS",
    "CorruptFileError",
    "EncryptedFileError",
    "FileTooLargeError",
    "ImportFileError",
    "ImportProgress",
    "ImportResult",
    "ImportedSop",
    "NoSopFoundError",
    "UnsupportedFormatError",
    "ZipBombError",
    "import_file",
    "supported_suffixes",
]


# What a reader says as it goes: (parts done, parts in all), a part being a page of a PDF, a top-level
# paragraph or table of a Word document, a sheet of a workbook.
Step = Callable[[int, int], None]


class Reader(Protocol):
    def __call__(self, data: bytes, path: str, step: Step | None = None) -> list[Block]: ...


def _read_docx(data: bytes, path: str, step: Step | None = None) -> list[Block]:
    from sopap.core.importers.docx_reader import read_docx
    from sopap.core.importers.safety import open_office_zip

    open_office_zip(data, "docx", path).close()
    return read_docx(data, step=step)


def _read_xlsx(data: bytes, path: str, step: Step | None = None) -> list[Block]:
    from sopap.core.importers.safety import open_office_zip
    from sopap.core.importers.xlsx_reader import read_xlsx

    archive = open_office_zip(data, "xlsx", path)
    try:
        return read_xlsx(data, archive, step=step)
    finally:
        archive.close()


def _read_pdf(data: bytes, path: str, step: Step | None = None) -> list[Block]:
    from sopap.core.importers.pdf_reader import read_pdf

    return read_pdf(data, path, step=step)


def _read_doc(data: bytes, path: str, step: Step | None = None) -> list[Block]:
    from sopap.core.importers.legacy import convert_legacy

    return _read_docx(convert_legacy(data, "doc", "docx", path), path, step)


def _read_xls(data: bytes, path: str, step: Step | None = None) -> list[Block]:
    from sopap.core.importers.legacy import convert_legacy

    return _read_xlsx(convert_legacy(data, "xls", "xlsx", path), path, step)


# The one registry: file extension -> reader of blocks.
IMPORTERS: dict[str, Reader] = {
    ".docx": _read_docx,
    ".docm": _read_docx,
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
    ".pdf": _read_pdf,
    ".doc": _read_doc,
    ".xls": _read_xls,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(IMPORTERS)


@dataclass
class ImportedSop:
    """One SOP found in the file."""

    sop: SOP | None  # None when required fields are missing: the YAML is still a draft to finish
    yaml: str
    report: SopReport
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def suggested_name(self) -> str:
        """`12.01.33.2019-mekanisme-penyusunan-renja.sop.yaml`-like, from nomor and nama."""
        parts = [self.data.get("nomor") or "", self.data.get("nama") or "sop-tanpa-nama"]
        return "-".join(p for p in (slug(str(x)) for x in parts) if p)[:120].strip("-") + ".sop.yaml"

    @property
    def has_errors(self) -> bool:
        return bool(self.report.errors)


@dataclass(frozen=True)
class ImportProgress:
    """How far :func:`import_file` got in one file.

    ``stage`` is ``"read"`` (the reader going through the document; ``page`` of ``pages`` for a PDF),
    ``"find"`` (the SOPs being told apart: ``sops`` found so far) or ``"check"`` (the ``done``-th of the
    ``sops`` SOPs checked); ``fraction`` is of the whole file, 0 to 1, and never goes back.
    """

    stage: str
    fraction: float
    sops: int = 0
    done: int = 0
    page: int = 0
    pages: int = 0


ProgressCallback = Callable[[ImportProgress], None]

# Share of a file's time in each stage (measured on Word and PDF books of 100 SOPs, bench/bench_import.py).
_READ_SHARE, _FIND_SHARE = 0.5, 0.25


class _Progress:
    """Turns the stages' own counts into :class:`ImportProgress` for the caller's callback."""

    def __init__(self, callback: ProgressCallback | None, suffix: str) -> None:
        self.callback = callback
        self.paged = suffix == ".pdf"

    def read(self, done: int, total: int) -> None:
        if self.callback is not None:
            fraction = _READ_SHARE * done / max(total, 1)
            if self.paged:
                self.callback(ImportProgress("read", fraction, page=done, pages=total))
            else:
                self.callback(ImportProgress("read", fraction))

    def find(self, done: int, total: int, sops: int) -> None:
        if self.callback is not None:
            self.callback(ImportProgress("find", _READ_SHARE + _FIND_SHARE * done / max(total, 1), sops=sops))

    def check(self, done: int, total: int) -> None:
        if self.callback is not None:
            share = 1 - _READ_SHARE - _FIND_SHARE
            fraction = _READ_SHARE + _FIND_SHARE + share * done / max(total, 1)
            self.callback(ImportProgress("check", fraction, sops=total, done=done))


@dataclass
class ImportResult:
    filename: str
    sops: list[ImportedSop] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(s.has_errors for s in self.sops)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9.]+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-.")


def import_file(
    data: bytes, filename: str, *, lang: str = "id", progress: ProgressCallback | None = None
) -> ImportResult:
    """Import every SOP in ``data`` (the bytes of ``filename``). Pure: reads nothing else, writes nothing;
    ``progress``, when given, is told how far it got (see :class:`ImportProgress`).

    Raises :class:`ImportFileError` (a :class:`~sopap.core.errors.SopapError`) when the file cannot be read
    or holds no SOP.
    """
    from sopap.core.importers.extract import extract
    from sopap.core.importers.safety import check_size

    name = PurePath(filename).name or filename
    suffix = PurePath(filename).suffix.lower()
    check_size(len(data), name)
    reader = IMPORTERS.get(suffix)
    if reader is None:
        known = ", ".join(IMPORTERS)
        kind = Verbatim(suffix) if suffix else Text("(tanpa ekstensi)")
        raise UnsupportedFormatError(
            Text("jenis berkas “{kind}” tidak didukung; yang didukung: {known}", kind=kind, known=known),
            path=name,
        )
    report = _Progress(progress, suffix)
    try:
        blocks = reader(data, name, report.read)
    except ImportFileError:
        raise
    except Exception as exc:  # a parser choking on a malformed part: report, never a traceback
        raise CorruptFileError(
            Text(
                "isi berkas tidak dapat dibaca ({error}); buka dan simpan ulang di Word/Excel",
                error=type(exc).__name__,
            ),
            path=name,
        ) from exc
    extracted = extract(blocks, name, step=report.find)
    found = [f for f in extracted if f.data.get("langkah")]
    if not found:
        raise NoSopFoundError(_no_procedure(extracted), path=name)
    result = ImportResult(filename=name)
    for done, item in enumerate(found, start=1):
        result.sops.append(_finish(item.data, item.report))
        report.check(done, len(found))
    return result


def _no_procedure(extracted: list[Extracted]) -> Text:
    """Why no SOP came out: no procedure table, and whether an identity sheet was read all the same (its
    procedure table then is most often pasted as a picture, which holds no text to read)."""
    names = [str(f.data["nama"]) for f in extracted if f.data.get("nama")]
    if names:
        return Text(
            "lembar identitas SOP “{nama}” terbaca, tetapi tabel prosedurnya tidak: tidak ditemukan tabel "
            "dengan kolom “Uraian Prosedur”/“Kegiatan” dan “Pelaksana”/“Mutu Baku”. Bila tabel prosedur "
            "ditempel sebagai gambar, impor berkas Word/Excel aslinya atau ketik langkahnya di editor",
            nama=Verbatim(names[0]),
        )
    return Text(
        "tidak ada SOP di dalam berkas ini: tidak ditemukan tabel prosedur dengan kolom "
        "“Uraian Prosedur”/“Kegiatan” dan “Pelaksana”/“Mutu Baku”"
    )


def _finish(data: dict[str, Any], report: SopReport) -> ImportedSop:
    from pydantic import ValidationError

    from sopap.core.rules import lint_text
    from sopap.core.sopfile import dump

    sop: SOP | None
    try:
        sop = SOP.model_validate(data)
        text = dump(sop)
    except ValidationError:
        sop = None
        text = _dump_draft(data)
    result = lint_text(text, path=report.source)
    report.diagnostics = result.diagnostics
    if sop is not None and result.sop is not None:
        sop = result.sop
    return ImportedSop(sop=sop, yaml=text, report=report, data=data)


def _dump_draft(data: dict[str, Any]) -> str:
    """YAML for an incomplete SOP (a required field missing): written as it is, for a person to finish,
    in the same style as every other `.sop.yaml`."""
    from sopap.core.sopfile import dump_mapping

    return dump_mapping(data)
