"""Time a 100-SOP Buku SOP, with its Keputusan, as PDF then as DOCX, in one process.
Targets: PDF <= 5 s, DOCX <= 10 s.

Two books: "different", 100 SOPs no two alike (variants of the 14 Serang examples: another name and
number, other step texts, 0-2 extra steps), so no cache or memo helps, which is the honest case; then
"repeated", the 14 examples over and over, as this bench measured before.

python bench/bench_book.py [count] [--only different|repeated]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

START = time.perf_counter()

from sopap.core.book.content import resolve_book  # noqa: E402
from sopap.core.book.docx import render_book_docx  # noqa: E402
from sopap.core.book.pdf import render_book_pdf  # noqa: E402
from sopap.core.model import SOP, Langkah  # noqa: E402
from sopap.core.sopfile import load_path  # noqa: E402

PDF_TARGET = 5.0
DOCX_TARGET = 10.0


def variant(sop: SOP, index: int) -> SOP:
    """``sop`` made unlike every other variant: its name, number and step texts carry ``index``, and
    ``index // 14 % 3`` extra steps come after the first (the decisions' targets moved along)."""
    extra = index // 14 % 3
    steps = [
        step.model_copy(
            update={
                "kegiatan": f"{step.kegiatan} (tahap {index}.{n})",
                "output": [f"{o} v{index}" for o in step.output],
            }
        )
        for n, step in enumerate(sop.langkah, start=1)
    ]
    actors = steps[0].pelaksana
    added = [
        Langkah(
            kegiatan=f"Pemeriksaan tambahan {k + 1} berkas varian {index}",
            pelaksana=actors,
            kelengkapan=["Berkas"],
            waktu=f"{k + 1} jam",
            output=[f"Berkas diperiksa {k + 1}"],
        )
        for k in range(extra)
    ]

    def moved(target: int | str) -> int | str:
        return target + extra if isinstance(target, int) and target >= 2 else target

    for i, step in enumerate(steps):
        if step.keputusan is not None:
            decision = step.keputusan.model_copy(
                update={"ya": moved(step.keputusan.ya), "tidak": moved(step.keputusan.tidak)}
            )
            steps[i] = step.model_copy(update={"keputusan": decision})
    return SOP.model_validate(
        {
            **sop.model_dump(),
            "nama": f"{sop.nama} Varian {index}",
            "nomor": f"{sop.nomor or '00'}.{index:03d}",
            "langkah": [s.model_dump() for s in [steps[0], *added, *steps[1:]]],
        }
    )


def timed(label: str, sops: list[SOP]) -> tuple[float, float]:
    book = resolve_book(sops)
    t0 = time.perf_counter()
    pdf = render_book_pdf(book, keputusan=True)
    t1 = time.perf_counter()
    docx = render_book_docx(book, keputusan=True)
    t2 = time.perf_counter()
    n = len(sops)
    print(
        f"{n} SOP {label}: book PDF {t1 - t0:.2f} s ({len(pdf) // 1024} KiB, "
        f"{(t1 - t0) / PDF_TARGET:.2f} of the {PDF_TARGET:.0f} s target), "
        f"book DOCX {t2 - t1:.2f} s ({len(docx) // 1024} KiB, {(t2 - t1) / DOCX_TARGET:.2f} of the "
        f"{DOCX_TARGET:.0f} s target)"
    )
    return t1 - t0, t2 - t1


def main() -> None:
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        at = args.index("--only")
        only = args[at + 1]
        del args[at : at + 2]
    count = int(args[0]) if args else 100
    files = sorted((Path(__file__).resolve().parents[1] / "examples" / "serang").glob("*.sop.yaml"))
    examples = [load_path(f) for f in files]
    different = [variant(examples[i % len(examples)], i) for i in range(count)]
    assert len({s.model_dump_json() for s in different}) == count
    repeated = [examples[i % len(examples)] for i in range(count)]
    print(f"imports+load {time.perf_counter() - START:.2f} s")
    if only in (None, "different"):
        timed("different", different)
    if only in (None, "repeated"):
        timed("repeated", repeated)


if __name__ == "__main__":
    main()
