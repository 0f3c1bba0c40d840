"""Time a 100-SOP Buku SOP (the 14 Serang examples, repeated), with its Keputusan, as PDF then as DOCX,
in one process. Targets: PDF <= 5 s, DOCX <= 10 s.

python bench/bench_book.py [count]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

START = time.perf_counter()

from sopap.core.book.content import resolve_book  # noqa: E402
from sopap.core.book.docx import render_book_docx  # noqa: E402
from sopap.core.book.pdf import render_book_pdf  # noqa: E402
from sopap.core.sopfile import load_path  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    files = sorted((Path(__file__).resolve().parents[1] / "examples" / "serang").glob("*.sop.yaml"))
    sops = [load_path(files[i % len(files)]) for i in range(count)]
    loaded = time.perf_counter()
    book = resolve_book(sops)
    data = render_book_pdf(book, keputusan=True)
    done = time.perf_counter()
    print(
        f"{count} SOP: imports+load {loaded - START:.2f} s, book {done - loaded:.2f} s, total {done - START:.2f} s, {len(data) // 1024} KiB"
    )
    docx_start = time.perf_counter()
    data = render_book_docx(book, keputusan=True)
    docx_done = time.perf_counter()
    print(f"{count} SOP: book DOCX {docx_done - docx_start:.2f} s, {len(data) // 1024} KiB")


if __name__ == "__main__":
    main()
