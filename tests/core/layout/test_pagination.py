"""The procedure table breaks between rows where the page is full, measured, not counted."""

from __future__ import annotations

from sopap.core.layout import RenderOptions, layout_identity, layout_procedure
from sopap.core.layout.engine import MIN_FONT
from sopap.core.model import SOP
from sopap.core.sopfile import load
from tests.conftest import spec_example
from tests.core.layout.checks import assert_layout_ok
from tests.strategies import synthetic_sop


def _rows(layout: object) -> list[list[int]]:
    return [[r.step for r in p.grid.rows] for p in layout.pages]  # type: ignore[attr-defined]


def test_steps_per_page_caps_the_rows_on_a_page() -> None:
    layout = layout_procedure(synthetic_sop(19, 5), RenderOptions(steps_per_page=8))
    assert [len(r) for r in _rows(layout)] == [8, 8, 3]


def test_the_19_step_case_breaks_cleanly_with_offpage_pairs() -> None:
    sop = synthetic_sop(19, 5)
    layout = layout_procedure(sop, RenderOptions(steps_per_page=8))
    assert_layout_ok(sop, layout)
    labels = [p.label for p in layout.offpage]
    assert labels[:2] == ["A", "B"]


def test_offpage_labels_run_in_reading_order() -> None:
    layout = layout_procedure(synthetic_sop(60), RenderOptions())
    seen = []
    for page in layout.pages:
        for symbol in sorted((s for s in page.symbols if s.kind == "offpage"), key=lambda s: s.rect.y):
            if symbol.label not in seen:
                seen.append(symbol.label)
    assert seen == sorted(seen, key=lambda t: (len(t), t))


def test_rows_stay_inside_the_page_body_and_the_header_repeats() -> None:
    layout = layout_procedure(synthetic_sop(60), RenderOptions(paper="a4"))
    for page in layout.pages:
        grid = page.grid
        assert grid is not None and grid.header_cells
        assert grid.rows[0].y0 == grid.body_top
        assert grid.bottom <= page.height - 20


def test_a_very_long_kegiatan_grows_its_row_and_never_shrinks_the_text() -> None:
    data = load(spec_example()).model_dump()
    data["langkah"][1]["kegiatan"] = "Penerimaan SPJ yang sangat panjang " * 40
    sop = SOP.model_validate(data)
    layout = layout_procedure(sop)
    sizes = {t.size for p in layout.pages for t in p.texts}
    assert min(sizes) >= MIN_FONT
    row = next(r for p in layout.pages for r in p.grid.rows if r.step == 2)  # type: ignore[union-attr]
    assert row.height > 100


def test_a_row_taller_than_a_page_is_split_across_the_break_without_crashing() -> None:
    data = load(spec_example()).model_dump()
    data["langkah"][1]["kegiatan"] = "Penerimaan SPJ yang sangat panjang sekali " * 400
    sop = SOP.model_validate(data)
    layout = layout_procedure(sop)
    parts = [r.part for p in layout.pages for r in p.grid.rows if r.step == 2]  # type: ignore[union-attr]
    assert parts[0] == 0 and len(parts) > 1
    assert_layout_ok(sop, layout)


def test_many_lists_make_the_identity_sheet_continue_on_a_second_page() -> None:
    data = load(spec_example()).model_dump()
    data["dasar_hukum"] = [f"Peraturan nomor {i} tentang sesuatu yang panjang" for i in range(120)]
    layout = layout_identity(SOP.model_validate(data))
    assert len(layout.pages) > 1
    for page in layout.pages:
        assert page.orientation == "portrait"
