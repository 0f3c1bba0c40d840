"""`import_file(progress=...)`: a caller is told how far one file got, page by page for a PDF, part by
part for Word, sheet by sheet for Excel, then SOP by SOP, so that a Buku SOP of many SOPs shows progress
before it is done."""

from __future__ import annotations

import pytest
from corpus import Options, build_docx, build_xlsx, serang_sops

from sopap.core.importers import ImportProgress, import_file


def _seen(data: bytes, name: str) -> tuple[list[ImportProgress], int]:
    seen: list[ImportProgress] = []
    result = import_file(data, name, progress=seen.append)
    return seen, len(result.sops)


def _moves_forward_to_the_end(seen: list[ImportProgress]) -> None:
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions)
    assert 0 < fractions[0] < 0.5 and fractions[-1] == 1.0
    assert [p.stage for p in seen] == sorted((p.stage for p in seen), key=("read", "find", "check").index)


def test_a_word_book_reports_its_reading_the_sops_found_and_each_sop_checked():
    seen, count = _seen(build_docx(serang_sops()[:4], Options(shapes="cell"), buku=True), "buku.docx")
    assert count == 4
    _moves_forward_to_the_end(seen)
    assert sum(p.stage == "read" for p in seen) > 4  # part by part, not once for the file
    found = [p.sops for p in seen if p.stage == "find"]
    assert found == sorted(found) and found[0] < found[-1] <= 4
    assert [(p.done, p.sops) for p in seen if p.stage == "check"] == [(n, 4) for n in range(1, 5)]


def test_a_pdf_book_reports_page_by_page():
    pytest.importorskip("pymupdf")
    from sopap.core.book.content import resolve_book
    from sopap.core.book.pdf import render_book_pdf

    data = render_book_pdf(resolve_book(serang_sops()[:3]), keputusan=False)
    seen, count = _seen(data, "buku.pdf")
    assert count == 3
    _moves_forward_to_the_end(seen)
    pages = [(p.page, p.pages) for p in seen if p.stage == "read"]
    total = pages[0][1]
    assert total > 3 and pages == [(n, total) for n in range(1, total + 1)]


def test_a_workbook_reports_sheet_by_sheet():
    seen, count = _seen(build_xlsx(serang_sops()[:2]), "dua.xlsx")
    assert count == 2
    _moves_forward_to_the_end(seen)
    assert [p.stage for p in seen].count("check") == 2


def test_without_a_callback_the_result_is_the_same():
    data = build_docx(serang_sops()[:2], Options())
    with_progress = import_file(data, "buku.docx", progress=lambda _: None)
    assert [s.yaml for s in import_file(data, "buku.docx").sops] == [s.yaml for s in with_progress.sops]


def test_the_command_lines_bar_for_one_book_moves_with_the_importer_up_to_full():
    from sopap.cli.importing import BAR_STEPS, bar_progress

    class Bar:
        def __init__(self) -> None:
            self.steps: list[int] = []

        def update(self, n: int) -> None:
            self.steps.append(n)

    bar = Bar()
    import_file(build_docx(serang_sops()[:3], Options(shapes="cell"), buku=True), "buku.docx",
                progress=bar_progress(bar))  # fmt: skip
    assert len(bar.steps) > 3 and all(n > 0 for n in bar.steps)
    assert sum(bar.steps) == BAR_STEPS
