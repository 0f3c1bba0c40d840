"""Off-page connectors: the room they need beside a symbol (asked for while paginating), their slots in
the lane, their letters, and their placement for the flows that cross a page break.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopap.core.layout.blocks import MIN_FONT
from sopap.core.layout.geometry import OffPageConnector, Rect, Symbol
from sopap.core.layout.planning import Branch, SymbolSizes

FlowKey = tuple[int, int, str]
"""A flow between two steps: (source step, target step, kind)."""

OFFPAGE_GAP = 7.0

OFFPAGE_DROP = 11.0
"""Length of the line between a symbol and an off-page connector just above or below it."""

BRANCH_DROP = 15.0
"""The same below a decision: long enough for the branch's "Ya"/"Tidak" beside the line and clear of its
arrowhead (2.5 pt gap, the 8.6 pt label, 3.5 pt of arrowhead), where no other line comes near it."""


def _offpage_per_line(sizes: SymbolSizes, lane_w: float) -> int:
    """Off-page connectors side by side in one line: as many as the symbol column holds (the gutters
    beside it stay free for the routing tracks)."""
    del lane_w
    return max(1, int((sizes.width + OFFPAGE_GAP) // (sizes.offpage_w + OFFPAGE_GAP)))


def offpage_room(sizes: SymbolSizes, lane_w: float, count: int) -> float:
    """Height for ``count`` off-page connectors beside a symbol: as many lines as the lane needs."""
    per_line = _offpage_per_line(sizes, lane_w)
    lines = -(-count // per_line)
    return sizes.offpage_room + (lines - 1) * (sizes.offpage_h + OFFPAGE_GAP)


def _offpage_slot(sizes: SymbolSizes, lane_w: float, index: int, count: int, cx: float) -> tuple[float, int]:
    """Centre x and line of the ``index``-th of ``count`` off-page connectors, kept inside the lane."""
    per_line = _offpage_per_line(sizes, lane_w)
    line, column = divmod(index, per_line)
    in_line = min(per_line, count - line * per_line)
    return cx + (column - (in_line - 1) / 2) * (sizes.offpage_w + OFFPAGE_GAP), line


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def nearest(symbols: list[Symbol], other: Symbol | None) -> Symbol:
    """Of a joint step's symbols, the one closest to ``other`` (the first when there is none)."""
    if other is None or len(symbols) == 1:
        return symbols[0]
    return min(symbols, key=lambda s: (abs(s.rect.cx - other.rect.cx), s.rect.cx))


@dataclass
class OffPagePlacement:
    """The off-page connectors of one layout, with the symbols drawn at either end of each crossing flow."""

    connectors: list[OffPageConnector]
    out_symbols: dict[FlowKey, Symbol]
    in_symbols: dict[FlowKey, Symbol]


def place_offpage(
    branches: list[Branch],
    page_of: dict[int, int],
    step_symbols: dict[int, list[Symbol]],
    symbols_by_page: list[list[Symbol]],
    sizes: SymbolSizes,
    lane_w: float,
) -> OffPagePlacement:
    """Off-page connectors for the flows that cross a page break, lettered in reading order of their first
    appearance; their symbols are added to ``symbols_by_page``."""
    crossing = _crossing(branches, page_of, step_symbols)
    outs: dict[int, list[tuple[Branch, str]]] = {}
    ins: dict[int, list[tuple[Branch, str]]] = {}
    for i, b in enumerate(crossing):
        label = _letters(i)
        outs.setdefault(b.source, []).append((b, label))
        ins.setdefault(b.target, []).append((b, label))
    out_symbols = _place_outgoing(outs, page_of, step_symbols, symbols_by_page, sizes, lane_w)
    in_symbols = _place_incoming(ins, page_of, step_symbols, symbols_by_page, sizes, lane_w)
    connectors = []
    for b in crossing:
        key = (b.source, b.target, b.kind)
        connectors.append(
            OffPageConnector(
                label=out_symbols[key].label,
                source=b.source,
                target=b.target,
                out_page=page_of[b.source],
                in_page=page_of[b.target],
                kind="flow" if b.kind == "flow" else b.kind,  # type: ignore[arg-type]
                out_symbol=out_symbols[key],
                in_symbol=in_symbols[key],
            )
        )
    return OffPagePlacement(connectors, out_symbols, in_symbols)


def _crossing(
    branches: list[Branch], page_of: dict[int, int], step_symbols: dict[int, list[Symbol]]
) -> list[Branch]:
    """The flows whose ends are on different pages, in reading order of the end seen first."""
    crossing = [b for b in branches if page_of.get(b.source) != page_of.get(b.target)]

    def first_seen(b: Branch) -> tuple[int, float, int]:
        ps, pt = page_of[b.source], page_of[b.target]
        if ps <= pt:
            return (ps, step_symbols[b.source][0].rect.y, 0)
        return (pt, step_symbols[b.target][0].rect.y, 1)

    crossing.sort(key=first_seen)
    return crossing


def _place_outgoing(
    outs: dict[int, list[tuple[Branch, str]]],
    page_of: dict[int, int],
    step_symbols: dict[int, list[Symbol]],
    symbols_by_page: list[list[Symbol]],
    sizes: SymbolSizes,
    lane_w: float,
) -> dict[FlowKey, Symbol]:
    """The connectors below the steps whose flows leave their page (further below a decision)."""
    placed: dict[FlowKey, Symbol] = {}
    for step, items in outs.items():
        anchor = nearest(step_symbols[step], step_symbols[items[0][0].target][0])
        for j, (b, label) in enumerate(items):
            cx, line = _offpage_slot(sizes, lane_w, j, len(items), anchor.rect.cx)
            drop = BRANCH_DROP if anchor.kind == "decision" else OFFPAGE_DROP
            top = anchor.rect.bottom + drop + line * (sizes.offpage_h + OFFPAGE_GAP)
            rect = Rect(cx - sizes.offpage_w / 2, top, sizes.offpage_w, sizes.offpage_h)
            sym = Symbol("offpage", rect, b.source, anchor.actor, label, MIN_FONT, "out")
            placed[(b.source, b.target, b.kind)] = sym
            symbols_by_page[page_of[step]].append(sym)
    return placed


def _place_incoming(
    ins: dict[int, list[tuple[Branch, str]]],
    page_of: dict[int, int],
    step_symbols: dict[int, list[Symbol]],
    symbols_by_page: list[list[Symbol]],
    sizes: SymbolSizes,
    lane_w: float,
) -> dict[FlowKey, Symbol]:
    """The connectors above the steps that flows from another page arrive at."""
    placed: dict[FlowKey, Symbol] = {}
    for step, items in ins.items():
        anchor = nearest(step_symbols[step], step_symbols[items[0][0].source][0])
        for j, (b, label) in enumerate(items):
            cx, line = _offpage_slot(sizes, lane_w, j, len(items), anchor.rect.cx)
            top = anchor.rect.y - OFFPAGE_DROP - sizes.offpage_h - line * (sizes.offpage_h + OFFPAGE_GAP)
            rect = Rect(cx - sizes.offpage_w / 2, top, sizes.offpage_w, sizes.offpage_h)
            sym = Symbol("offpage", rect, b.target, anchor.actor, label, MIN_FONT, "in")
            placed[(b.source, b.target, b.kind)] = sym
            symbols_by_page[page_of[step]].append(sym)
    return placed
