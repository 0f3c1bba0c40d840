"""Import fidelity over the test corpus: field and actor agreement per variant, for the closing note.

Two corpora, reported apart:

* the generated one (`tests/importers/corpus.py`: SOPs written by python-docx and openpyxl in the layouts
  of the seed books), field by field against the SOPs they were made from;
* the layouts of other agencies (`tests/core/importers/layouts.py`: identity grids, identity after the
  procedure, a pasted flowchart picture, an identity sheet of its own, wide and stacked workbooks, `.doc`);
* the real signed PDFs of ``../shared/corpus/real-pdf`` (when present), file by file against the identity
  their agency's system recorded (nomor, nama, tanggal efektif) and whether every step has an actor; with
  the time per page, and that time as a multiple of what PyMuPDF alone takes to open the file and give
  the words of every page.

Run: .venv/bin/python bench/import_fidelity.py [--real-only | --generated-only] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importers"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import build_case, case_names
from fidelity import Agreement, compare
from real_pdf import check, find_corpus, records

from sopap.core.importers import import_file


def generated() -> None:
    total = Agreement()
    print(f"{'variant':26} {'SOPs':>7} {'fields':>15} {'actors':>13} {'evidence':>18} {'ms':>6}")
    for name in case_names():
        case = build_case(name)
        start = time.perf_counter()
        result = import_file(case.data, case.filename)
        elapsed = (time.perf_counter() - start) * 1000
        agreement = compare(case.expected, [s.sop for s in result.sops], name)
        total.add(agreement)
        evidence = sorted({e for s in result.sops for e in s.report.actor_evidence})
        print(
            f"{name:26} {agreement.sops_found:>3}/{agreement.sops_expected:<3} "
            f"{agreement.field_rate:>6.1%} {agreement.fields_ok:>4}/{agreement.fields:<4} "
            f"{agreement.actor_rate:>6.1%} {agreement.actors_ok:>3}/{agreement.steps:<3} "
            f"{','.join(evidence):>18} {elapsed:>6.0f}"
        )
        for miss in agreement.misses[:5]:
            print("    miss:", miss)
    print(
        f"{'TOTAL':26} {total.sops_found:>3}/{total.sops_expected:<3} "
        f"{total.field_rate:>6.1%} {total.fields_ok:>4}/{total.fields:<4} "
        f"{total.actor_rate:>6.1%} {total.actors_ok:>3}/{total.steps:<3}"
    )


def other_layouts() -> None:
    """The layouts of other agencies (tests/core/importers/layouts.py), reported apart from the
    generated corpus: target 95% of fields and 100% of actors."""
    from tests.core.importers.layouts import FAMILY_NAMES, ConversionUnavailable, build_family

    from sopap.core.importers import ImportFileError

    total = Agreement()
    print()
    print(f"{'other layouts':26} {'SOPs':>7} {'fields':>15} {'actors':>13} {'evidence':>18} {'ms':>6}")
    for name in FAMILY_NAMES:
        try:
            family = build_family(name)
        except ConversionUnavailable as exc:
            print(f"{name:26} skipped: {exc}")
            continue
        start = time.perf_counter()
        try:
            sops = [s.sop for s in import_file(family.data, family.filename).sops]
            evidence = ""
        except ImportFileError as exc:
            sops, evidence = [], f"error: {exc.message[:40]}"
        elapsed = (time.perf_counter() - start) * 1000
        agreement = compare(family.expected, sops, name)
        total.add(agreement)
        print(
            f"{name + ' (' + family.filename + ')':26} {agreement.sops_found:>3}/{agreement.sops_expected:<3} "
            f"{agreement.field_rate:>6.1%} {agreement.fields_ok:>4}/{agreement.fields:<4} "
            f"{agreement.actor_rate:>6.1%} {agreement.actors_ok:>3}/{agreement.steps:<3} "
            f"{evidence:>18} {elapsed:>6.0f}"
        )
        for miss in agreement.misses[:3]:
            print("    miss:", miss)
    print(
        f"{'TOTAL other layouts':26} {total.sops_found:>3}/{total.sops_expected:<3} "
        f"{total.field_rate:>6.1%} {total.fields_ok:>4}/{total.fields:<4} "
        f"{total.actor_rate:>6.1%} {total.actors_ok:>3}/{total.steps:<3}"
    )


def _library_alone(data: bytes) -> float:
    """ms for PyMuPDF to open the file and give every page's words: the floor any PDF import pays."""
    import pymupdf

    started = time.perf_counter()
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for page in document:
            page.get_text("words")
    return (time.perf_counter() - started) * 1000


def real(corpus: Path) -> None:
    files = sorted(corpus.glob("*.pdf"))
    recorded = records(corpus)
    if files:
        import_file(files[0].read_bytes(), files[0].name)  # warm: imports, not what a file costs
    print(f"\nreal PDFs: {len(files)} files from {corpus}")
    print(
        f"{'file':34} {'pp':>2} {'nomor':>5} {'nama':>6} {'efektif':>7} {'actors':>7} {'right':>5} "
        f"{'ms':>5} {'ms/pp':>5} {'x lib':>5}  evidence"
    )
    right = pages = lists = lists_same = 0
    spent = alone = 0.0
    ratios: list[float] = []
    misses: list[str] = []
    for path in files:
        record = recorded.get(path.name.split(".", 1)[0].split("_", 1)[0])
        result = check(path, record)
        base = min(_library_alone(path.read_bytes()) for _ in range(3))
        pages += result.pages
        spent += result.ms
        alone += base
        ratios.append(result.ms / base if base else 0.0)
        right += result.right
        lists += len(result.lists)
        lists_same += sum(1 for _, read, recorded in result.lists if read == recorded)
        if result.error:
            status = f"no SOP: {result.error[:70]}"
        else:
            status = ", ".join(f"{k} {v}" for k, v in sorted(result.evidence.items()))
            status += "".join(f"; {note}" for note in result.notes)
        print(
            f"{path.name[:34]:34} {result.pages:>2} {'ok' if result.nomor_ok else 'NO':>5} "
            f"{result.nama if result.nama != 'differs' else 'NO':>6} {'ok' if result.efektif_ok else 'NO':>7} "
            f"{result.steps_with_actor:>3}/{result.steps:<3} {'yes' if result.right else 'no':>5} "
            f"{result.ms:5.0f} {result.ms / max(result.pages, 1):5.0f} {result.ms / base if base else 0:5.1f}  {status}"
        )
        if not result.error:
            if not result.nomor_ok:
                misses.append(
                    f"{path.name[:12]} nomor: read {result.nomor[0]!r}, recorded {result.nomor[1]!r}"
                )
            if not result.efektif_ok:
                misses.append(
                    f"{path.name[:12]} efektif: read {result.efektif[0]}, recorded {result.efektif[1]}"
                )
            for name, read, numbered in result.lists:
                if read != numbered:
                    misses.append(f"{path.name[:12]} {name}: {read} items read, {numbered} recorded")
            if result.nama != "same":
                misses.append(
                    f"{path.name[:12]} nama ({result.nama}): read {result.nama_read!r}, "
                    f"recorded {(record or {}).get('title')!r}"
                )
    for miss in misses:
        print("    " + miss)
    if files:
        print(
            f"right: {right}/{len(files)} files ({right / len(files):.0%}); {pages} pages, "
            f"{spent / pages:.0f} ms/page (PyMuPDF alone {alone / pages:.0f} ms/page), "
            f"median {statistics.median(ratios):.1f}x the library alone, target <= 300 ms/page"
        )
        print(
            f"lists the record numbers (dasar hukum, kualifikasi, peralatan) read with as many items: {lists_same}/{lists}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder of the real PDFs")
    parser.add_argument("--real-only", action="store_true")
    parser.add_argument("--generated-only", action="store_true")
    args = parser.parse_args()
    if not args.real_only:
        generated()
        other_layouts()
    if not args.generated_only:
        corpus = args.corpus or find_corpus()
        if corpus is None:
            print("\nreal PDFs: ../shared/corpus/real-pdf not found: skipped")
        else:
            real(corpus)


if __name__ == "__main__":
    main()
