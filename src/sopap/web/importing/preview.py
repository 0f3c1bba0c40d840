"""The image of an original page beside the review: a PDF's page drawn by PyMuPDF; Word and Excel first
converted to PDF by LibreOffice (headless, in a temporary folder, with a time limit). Either missing, the
page says the preview is not available; the import itself never needs them."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import tempfile
from pathlib import Path, PurePath
from typing import Any

from django.core.files.base import ContentFile

from sopap.web.importing.models import FoundSop, ImportFile

log = logging.getLogger(__name__)

CONVERT_TIMEOUT_S = 90
ZOOM = 1.5
MAX_PAGES_SEARCHED = 400


def _pymupdf() -> Any:
    if importlib.util.find_spec("pymupdf") is None:
        return None
    import pymupdf

    return pymupdf


def _soffice() -> str | None:
    from sopap.core.importers.legacy import converter

    return converter()


def available(record: ImportFile) -> bool:
    """Whether a page image of ``record`` can be drawn on this server."""
    if _pymupdf() is None:
        return False
    return PurePath(record.name).suffix.lower() == ".pdf" or bool(record.pdf) or _soffice() is not None


def _converted(data: bytes, name: str) -> bytes | None:
    soffice = _soffice()
    if soffice is None:
        return None
    suffix = PurePath(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="sopap-pratinjau-") as folder:
        source = Path(folder) / f"asli{suffix}"
        source.write_bytes(data)
        # A profile of its own: two conversions at once with one shared profile block each other.
        profile = (Path(folder) / "profil").as_uri()
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            log.warning("LibreOffice could not convert %s for its preview", name)
            return None
        result = Path(folder) / "asli.pdf"
        return result.read_bytes() if result.exists() else None


def pdf_of(record: ImportFile) -> bytes | None:
    """The original as PDF: the file itself, or its conversion (made once, then kept with the file)."""
    with record.content.open("rb") as handle:
        data: bytes = handle.read()
    if PurePath(record.name).suffix.lower() == ".pdf":
        return data
    if record.pdf:
        with record.pdf.open("rb") as handle:
            kept: bytes = handle.read()
        return kept
    converted = _converted(data, record.name)
    if converted is not None:
        record.pdf.save(PurePath(record.name).stem + ".pdf", ContentFile(converted), save=False)
        ImportFile.objects.filter(pk=record.pk).update(pdf=record.pdf.name)
    return converted


def _first_page(document: Any, found: FoundSop) -> int:
    """The page where the SOP begins: the first showing its name (else its number); else as many pages in
    as SOPs come before it in the file."""
    for needle in (found.nama, found.nomor):
        needle = " ".join(needle.split())[:80]
        if not needle:
            continue
        for number in range(min(document.page_count, MAX_PAGES_SEARCHED)):
            if document[number].search_for(needle, quads=False):
                return number
    last: int = document.page_count - 1
    return min(found.index, last)


def _inked(page: Any) -> Any:
    """The part of ``page`` that holds text or drawings, with a margin: an SOP's table often fills the top
    of a landscape page only, and the rest would shrink it to nothing beside the review."""
    area = page.rect
    boxes = [block[:4] for block in page.get_text("blocks")]
    boxes += [tuple(drawing["rect"]) for drawing in page.get_drawings()]
    if not boxes:
        return area
    margin = 12
    clip = type(area)(
        max(area.x0, min(b[0] for b in boxes) - margin),
        max(area.y0, min(b[1] for b in boxes) - margin),
        min(area.x1, max(b[2] for b in boxes) + margin),
        min(area.y1, max(b[3] for b in boxes) + margin),
    )
    return clip if not clip.is_empty else area


def page_png(found: FoundSop, offset: int = 0) -> tuple[bytes, int, int] | None:
    """The PNG of the SOP's first page moved by ``offset`` pages, with that page's number (1-based) and the
    file's page count; None when no image can be drawn."""
    pymupdf = _pymupdf()
    if pymupdf is None:
        return None
    pdf = pdf_of(found.file)
    if pdf is None:
        return None
    try:
        document = pymupdf.open(stream=pdf, filetype="pdf")
    except Exception:  # a PDF the importer read but PyMuPDF cannot open: no image, the review goes on
        log.warning("no preview of %s", found.file.name)
        return None
    with document:
        if document.page_count == 0:
            return None
        number = max(0, min(document.page_count - 1, _first_page(document, found) + offset))
        page = document[number]
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False, clip=_inked(page))
        return pixmap.tobytes("png"), number + 1, document.page_count
