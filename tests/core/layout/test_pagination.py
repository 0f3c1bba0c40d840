"""The procedure table breaks between rows where the page is full, measured, not counted."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sopap.core.layout import RenderOptions, layout_identity, layout_procedure
from sopap.core.layout.blocks import BODY, LEADING, MIN_FONT, PAD_Y, SYMBOL_CLEARANCE
from sopap.core.layout.pagination import PageSpec, Paginator, Slice
from sopap.core.model import SOP
from sopap.core.sopfile import load
from tests.conftest import examples, spec_example
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


@dataclass
class _Row:
    """A table row as pagination sees it (heights in points)."""

    base: float
    lines: int
    above: float = 0.0
    below: float = 0.0
    symbol_h: float = 20.0

    @property
    def height(self) -> float:
        return self.base + self.above + self.below

    @property
    def line_count(self) -> int:
        return self.lines


def _pieces(pages: list[list[Slice[_Row]]]) -> list[list[tuple[int, int, int, int | None, float]]]:
    return [[(s.position, s.part, s.first_line, s.line_count, s.height) for s in page] for page in pages]


_ROW = st.tuples(st.sampled_from([36.0, 48.0, 90.0, 200.0, 700.0]), st.integers(1, 150))


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(_ROW, min_size=1, max_size=60),
    st.lists(
        st.lists(st.tuples(st.integers(0, 59), st.sampled_from([12.0, 30.0, 300.0])), max_size=8), max_size=4
    ),
    st.sampled_from([None, 1, 3, 5]),
    st.sampled_from([0.0, 82.0]),
)
# A row on the page that opens with the rest of a row cut across pages grows.
@example(rows=[(700.0, 120), (36.0, 1), (36.0, 1)], rounds=[[(1, 30.0)]], limit=None, signature_h=0.0)
def test_pages_made_again_after_rows_grew_are_the_pages_a_whole_new_pagination_makes(
    rows: list[tuple[float, int]],
    rounds: list[list[tuple[int, float]]],
    limit: int | None,
    signature_h: float,
) -> None:
    # Pagination is repeated after rows grow (room for off-page connectors); only the pages around the
    # grown rows are made again, which must change nothing against paginating everything again.
    spec = PageSpec(480.0, signature_h, limit, PAD_Y, BODY, LEADING, SYMBOL_CLEARANCE)
    table = [_Row(base, lines) for base, lines in rows]
    kept = Paginator(table, spec)
    kept.update()
    for grown in rounds:
        positions = [p for p, _ in grown if p < len(table)]
        for (position, extra), side in zip(grown, itertools.cycle(["above", "below"]), strict=False):
            if position < len(table):
                setattr(table[position], side, getattr(table[position], side) + extra)
        kept.update(positions)
        whole = Paginator(table, spec)
        whole.update()
        assert _pieces(kept.pages) == _pieces(whole.pages)
        for position in range(len(table)):
            home = kept.home(position)
            assert home is not None and any(s.position == position and s.part == 0 for s in home)
