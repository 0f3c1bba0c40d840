"""The layout engine: SOP -> pages of geometry, measured first, then placed, then routed.

The procedure sheet (the identity sheet is :mod:`.identity`) is laid out in four passes:

1. columns: widths shared between text columns and actor lanes (narrow lanes for many actors);
2. rows: each step's text is wrapped in its column and measured; the row is as tall as its tallest cell
   (text is never shrunk below :data:`~.blocks.MIN_FONT`);
3. pages: rows are put on pages while they fit (and at most ``steps_per_page``); a flow that crosses a
   page break needs room for an off-page connector below its source and above its target, so pagination
   is repeated until that room is stable;
4. flowchart: one symbol per actor of each step, then connectors routed by :mod:`.routing`.

This module runs the passes and retries when a connector finds no room. The pieces live in
:mod:`.blocks` (sizes, words, text blocks), :mod:`.planning` (columns, symbol sizes, rows, flows),
:mod:`.framing` (the page frame and pagination), :mod:`.flowchart` and :mod:`.offpage` (symbols,
connectors) and :mod:`.sheet` (the table, its texts and rules, the signature).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sopap.core.layout import routing
from sopap.core.layout.blocks import FOOTER_H, MARGIN
from sopap.core.layout.flowchart import place_symbols, route_pages, routing_requests
from sopap.core.layout.framing import Frame, paginate, plan_frame
from sopap.core.layout.geometry import Connector, Item, Page, ProcedureLayout, Row, Symbol, TableGrid
from sopap.core.layout.offpage import place_offpage
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.planning import (
    MIN_SYMBOL_W,
    Branch,
    ColumnPlan,
    RowPlan,
    RowSlice,
    SymbolSizes,
    plan_branches,
    plan_rows,
    symbol_kind,
    symbol_sizes,
)
from sopap.core.layout.sheet import page_items, place_columns, signature_items, table_grid

if TYPE_CHECKING:
    from sopap.core.model import SOP


def layout_procedure(
    sop: SOP, options: RenderOptions | None = None, *, continuous: bool = False, body_text: bool = True
) -> ProcedureLayout:
    """Lay out the procedure sheet (landscape): the table, one row per step, with the flowchart in it.

    ``continuous``: one page as tall as the table needs, never broken (the web editor's live view).
    ``body_text``: False leaves out the text blocks of the table's body (rows are measured all the same),
    for a view of the flowchart alone.
    """
    options = options or RenderOptions()
    page_w, _ = options.landscape
    content_w = page_w - 2 * MARGIN
    frame, plans, lane_w = plan_frame(sop, options, content_w)
    if continuous:
        options = replace(options, steps_per_page=None)
        frame = replace(frame, body_bottom=1e9, signature_h=0.0)
    rows = plan_rows(sop, plans, symbol_sizes(lane_w))
    branches = plan_branches(sop)
    # Route; when a connector finds no free track, make room where it asked (taller gaps around its rows,
    # wider gutters) and lay the sheet out again. Rows only grow and symbols only shrink, so this ends;
    # the last attempt draws whatever is left as it can (never seen in the tests).
    level = 0
    attempts = 10
    for attempt in range(attempts):
        sizes = symbol_sizes(lane_w, level)
        for row in rows:
            kind = symbol_kind(sop, row.step)
            row.symbol_h = sizes.decision_h if kind == "decision" else sizes.process_h
            row.extra_above = row.extra_below = 0.0
        layout, failed = _attempt(
            sop,
            options,
            frame,
            plans,
            lane_w,
            sizes,
            rows,
            branches,
            continuous,
            force=attempt == attempts - 1,
            body_text=body_text,
        )
        if not failed:
            return layout
        for step_above, step_below in failed:
            rows[step_above - 1].pad_below += routing.TRACK * 2
            rows[step_below - 1].pad_above += routing.TRACK * 2
        if attempt % 2 == 1 and sizes.width > MIN_SYMBOL_W:
            level += 1
    return layout


def _attempt(
    sop: SOP,
    options: RenderOptions,
    frame: Frame,
    plans: list[ColumnPlan],
    lane_w: float,
    sizes: SymbolSizes,
    rows: list[RowPlan],
    branches: list[Branch],
    continuous: bool,
    *,
    force: bool,
    body_text: bool = True,
) -> tuple[ProcedureLayout, list[tuple[int, int]]]:
    """One layout of the sheet; also the (upper step, lower step) pairs whose connector found no room."""
    pages = paginate(sop, rows, frame, options.steps_per_page, sizes, lane_w, branches)
    page_of = {s.row.step: i for i, page in enumerate(pages) for s in page if s.part == 0}
    columns = place_columns(plans)
    if continuous:
        frame = _fit_to_table(frame, pages[0])
    grids = [table_grid(columns, frame, _placed_rows(frame, slices), MARGIN) for slices in pages]
    symbols_by_page, step_symbols = place_symbols(sop, pages, grids, sizes)
    offpage = place_offpage(branches, page_of, step_symbols, symbols_by_page, sizes, lane_w)
    requests_by_page = routing_requests(branches, page_of, step_symbols, offpage, len(pages))
    connectors_by_page, failed = route_pages(grids, symbols_by_page, requests_by_page, sizes, force=force)
    out_pages = _pages(sop, options, frame, pages, grids, connectors_by_page, symbols_by_page, body_text)
    return ProcedureLayout(tuple(out_pages), tuple(offpage.connectors), sop.nama, page_of), failed


def _fit_to_table(frame: Frame, slices: list[RowSlice]) -> Frame:
    """The frame of the one page of a continuous sheet: as tall as its table."""
    bottom = frame.body_top + sum(sl.height for sl in slices)
    height = bottom + MARGIN + FOOTER_H
    return replace(frame, size=(frame.size[0], height), body_bottom=bottom)


def _placed_rows(frame: Frame, slices: list[RowSlice]) -> tuple[Row, ...]:
    y = frame.body_top
    placed_rows = []
    for sl in slices:
        placed_rows.append(Row(sl.row.step, y, y + sl.height, sl.part))
        y += sl.height
    return tuple(placed_rows)


def _pages(
    sop: SOP,
    options: RenderOptions,
    frame: Frame,
    pages: list[list[RowSlice]],
    grids: list[TableGrid],
    connectors_by_page: list[list[Connector]],
    symbols_by_page: list[list[Symbol]],
    body_text: bool,
) -> list[Page]:
    """The pages in drawing order: table and texts, connectors, symbols, and the signature on the last."""
    content_w = options.landscape[0] - 2 * MARGIN
    x0 = MARGIN
    out_pages = []
    total = len(pages)
    for index, (slices, grid) in enumerate(zip(pages, grids, strict=True)):
        items: list[Item] = page_items(sop, options, frame, grid, slices, index, total, body_text)
        items.extend(connectors_by_page[index])
        items.extend(symbols_by_page[index])
        if index == total - 1 and frame.signature_h:
            items.extend(signature_items(sop, grid.bottom + 8, x0 + content_w, options.lang))
        out_pages.append(Page(frame.size, tuple(items), index + 1, "landscape"))
    return out_pages
