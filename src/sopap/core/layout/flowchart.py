"""The flowchart in the table: one symbol per actor of each step, joins between a joint step's symbols,
and the requests for the connectors of the flows, routed page by page by :mod:`.routing`.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from sopap.core.layout import routing
from sopap.core.layout.geometry import Connector, Rect, Row, Symbol, TableGrid
from sopap.core.layout.offpage import OffPagePlacement, nearest
from sopap.core.layout.planning import Branch, RowPlan, RowSlice, SymbolSizes, symbol_kind
from sopap.core.layout.text import text_width

if TYPE_CHECKING:
    from sopap.core.model import SOP


def place_symbols(
    sop: SOP, pages: list[list[RowSlice]], grids: list[TableGrid], sizes: SymbolSizes
) -> tuple[list[list[Symbol]], dict[int, list[Symbol]]]:
    """The step symbols of every page, and of every step, in the row where the step starts."""
    symbols_by_page: list[list[Symbol]] = [[] for _ in pages]
    step_symbols: dict[int, list[Symbol]] = {}
    for index, (slices, grid) in enumerate(zip(pages, grids, strict=True)):
        for sl, row in zip(slices, grid.rows, strict=True):
            if sl.part != 0:
                continue
            syms = place_step_symbols(sop, sl.row, row, grid, sizes)
            step_symbols[sl.row.step] = syms
            symbols_by_page[index].extend(syms)
    return symbols_by_page, step_symbols


def place_step_symbols(
    sop: SOP, plan: RowPlan, row: Row, grid: TableGrid, sizes: SymbolSizes
) -> list[Symbol]:
    kind = symbol_kind(sop, plan.step)
    inner_top = row.y0 + plan.above
    inner_bottom = row.y1 - plan.below
    cy = (inner_top + inner_bottom) / 2
    step = sop.langkah[plan.step - 1]
    actors = list(dict.fromkeys(step.pelaksana)) or [grid.columns[grid.lanes[0]].actor or "-"]
    out = []
    for actor in actors:
        lane = grid.lane_of(actor)
        if kind == "decision":
            w, h = sizes.decision_w, sizes.decision_h
        else:
            w, h = sizes.width, sizes.process_h
        rect = Rect(lane.cx - w / 2, cy - h / 2, w, h)
        label = str(plan.step)
        fits = text_width(label, "regular", sizes.label_size) < (
            w * (0.5 if kind == "decision" else 0.8)
        ) and (h >= sizes.label_size + 3)
        out.append(Symbol(kind, rect, plan.step, actor, label if fits else "", sizes.label_size))
    return out


def joins(symbols: list[Symbol]) -> list[Connector]:
    by_step: dict[int, list[Symbol]] = {}
    for s in symbols:
        if s.kind != "offpage":
            by_step.setdefault(s.step, []).append(s)
    out = []
    for step, syms in by_step.items():
        syms.sort(key=lambda s: s.rect.cx)
        for a, b in itertools.pairwise(syms):
            y = a.rect.cy
            out.append(Connector(((a.rect.right, y), (b.rect.x, y)), "join", step, step, arrow=False))
    return out


def routing_requests(
    branches: list[Branch],
    page_of: dict[int, int],
    step_symbols: dict[int, list[Symbol]],
    offpage: OffPagePlacement,
    page_count: int,
) -> list[list[routing.Request]]:
    """The connectors to route on each page: a flow within a page goes from symbol to symbol; one that
    crosses a page break goes to its off-page connector, and from the other one on the target's page."""
    requests_by_page: list[list[routing.Request]] = [[] for _ in range(page_count)]
    for b in branches:
        ps, pt = page_of[b.source], page_of[b.target]
        branch_label = None if b.kind == "flow" else ("Ya" if b.kind == "ya" else "Tidak")
        kind = b.kind
        target_id = 0 if b.end else b.target
        if ps == pt:
            src_sym = nearest(step_symbols[b.source], step_symbols[b.target][0])
            dst_sym = nearest(step_symbols[b.target], src_sym)
            requests_by_page[ps].append(
                routing.Request(src_sym, dst_sym, kind, b.source, target_id, branch_label)
            )
        else:
            key = (b.source, b.target, b.kind)
            out_sym, in_sym = offpage.out_symbols[key], offpage.in_symbols[key]
            src_sym = nearest(step_symbols[b.source], out_sym)
            requests_by_page[ps].append(
                routing.Request(src_sym, out_sym, kind, b.source, target_id, branch_label)
            )
            dst_sym = nearest(step_symbols[b.target], in_sym)
            requests_by_page[pt].append(
                routing.Request(in_sym, dst_sym, "offpage", b.source, target_id, None)
            )
    return requests_by_page


def route_pages(
    grids: list[TableGrid],
    symbols_by_page: list[list[Symbol]],
    requests_by_page: list[list[routing.Request]],
    sizes: SymbolSizes,
    *,
    force: bool,
) -> tuple[list[list[Connector]], list[tuple[int, int]]]:
    """The connectors of every page, and the (upper step, lower step) pairs whose connector found no room."""
    connectors_by_page: list[list[Connector]] = [[] for _ in grids]
    failed: list[tuple[int, int]] = []
    for index, grid in enumerate(grids):
        page_joins = joins(symbols_by_page[index])
        connectors_by_page[index], missing = routing.route_page_checked(
            grid, symbols_by_page[index], page_joins, requests_by_page[index], sizes.channel, force=force
        )
        for req in missing:
            ends = sorted((req.source, req.target), key=lambda s: s.rect.cy)
            failed.append((ends[0].step, ends[1].step))
    return connectors_by_page, failed
