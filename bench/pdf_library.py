"""Which PDF library the PDF importer should read with: the time each takes to give what the importer
needs from every page of the real corpus (positioned words and the vector drawings: ruling lines, flowchart
shapes, connectors), measured in the same run. Ratios, not absolute numbers, are what to compare.

Reads ``../shared/corpus/real-pdf`` (or ``--corpus DIR``); a library that is not installed is reported and
skipped. Not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

# `shared/` beside the repository, or beside a folder above it (a git worktree).
DEFAULT_CORPUS = next(
    (
        folder / "shared" / "corpus" / "real-pdf"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "corpus" / "real-pdf").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-pdf",
)


def _pdfplumber(path: Path) -> tuple[int, int]:
    import pdfplumber

    pages = items = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages += 1
            items += len(page.extract_words()) + len(page.lines) + len(page.rects) + len(page.curves)
    return pages, items


def _pymupdf(path: Path) -> tuple[int, int]:
    import pymupdf

    pages = items = 0
    with pymupdf.open(path) as doc:
        for page in doc:
            pages += 1
            items += len(page.get_text("words")) + len(page.get_drawings())
    return pages, items


LIBRARIES: dict[str, tuple[str, Callable[[Path], tuple[int, int]]]] = {
    "pdfplumber": ("pdfplumber", _pdfplumber),
    "PyMuPDF": ("pymupdf", _pymupdf),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.pdf"))
    if not files:
        print(f"no PDF in {args.corpus}: nothing to measure")
        return
    print(f"{len(files)} files from {args.corpus}")
    print(f"{'library':<12} {'total s':>8} {'ms/file':>8} {'ms/page':>8} {'items':>7}")
    for label, (module, read) in LIBRARIES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{label:<12} not installed: skipped")
            continue
        read(files[0])  # warm: imports and font tables, not what a file costs
        started = time.perf_counter()
        pages = items = 0
        for path in files:
            p, i = read(path)
            pages, items = pages + p, items + i
        spent = time.perf_counter() - started
        print(
            f"{label:<12} {spent:8.2f} {spent / len(files) * 1000:8.0f} {spent / pages * 1000:8.0f} {items:7d}"
        )


if __name__ == "__main__":
    main()
