"""The geometry invariants every procedure layout must hold, as reusable assertions."""

from __future__ import annotations

import itertools
import math

from sopap.core import flow
from sopap.core.layout.blocks import MIN_FONT
from sopap.core.layout.geometry import Connector, Page, Point, ProcedureLayout, Rect, Symbol
from sopap.core.layout.outline import segment_hits_rect
from sopap.core.model import SOP


def step_symbols(page: Page) -> list[Symbol]:
    return [s for s in page.symbols if s.kind != "offpage"]


def assert_one_symbol_per_actor_in_its_row(sop: SOP, layout: ProcedureLayout) -> None:
    seen: dict[int, list[Symbol]] = {}
    for page in layout.pages:
        grid = page.grid
        assert grid is not None
        for symbol in step_symbols(page):
            seen.setdefault(symbol.step, []).append(symbol)
            lane = grid.lane_of(symbol.actor or "")
            assert lane.x0 <= symbol.rect.x and symbol.rect.right <= lane.x1, symbol
            row = next(r for r in grid.rows if r.step == symbol.step and r.part == 0)
            assert row.y0 <= symbol.rect.y and symbol.rect.bottom <= row.y1, (symbol, row)
    for number, step in enumerate(sop.langkah, start=1):
        actors = sorted(s.actor or "" for s in seen.get(number, []))
        assert actors == sorted(set(step.pelaksana)), (number, actors)


def _on_polygon(x: float, y: float, points: tuple[tuple[float, float], ...]) -> bool:
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2)) if length2 else 0.0
        px, py = ax + t * dx, ay + t * dy
        if (px - x) ** 2 + (py - y) ** 2 < 0.02**2:
            return True
    return False


def _ends(connector: Connector, symbols: tuple[Symbol, ...]) -> list[Symbol]:
    """The symbols a connector starts or ends on: its first or last point is on their outline (the box's
    edge for a process, the polygon of a diamond or an off-page connector, the round end of a capsule)."""
    out = []
    for x, y in (connector.points[0], connector.points[-1]):
        for s in symbols:
            r = s.rect
            inside = r.x - 0.01 <= x <= r.right + 0.01 and r.y - 0.01 <= y <= r.bottom + 0.01
            if not inside:
                continue
            if s.kind in ("decision", "offpage"):
                on_edge = _on_polygon(x, y, s.outline())
            else:
                on_edge = min(abs(x - r.x), abs(x - r.right), abs(y - r.y), abs(y - r.bottom)) < (
                    r.h * 0.15 if s.kind == "terminator" else 0.01
                )
            if on_edge:
                out.append(s)
    return out


def assert_connectors_clear(layout: ProcedureLayout) -> None:
    for page in layout.pages:
        grid = page.grid
        assert grid is not None
        symbols = page.symbols
        connectors = page.connectors
        segments = []
        for c in connectors:
            ends = _ends(c, symbols)
            assert len(ends) >= 2, f"connector not attached to two symbols: {c}"
            for a, b in c.segments():
                assert a[0] == b[0] or a[1] == b[1], f"not orthogonal: {c}"
                assert min(a[1], b[1]) >= grid.body_top - 0.01, f"connector enters the table header: {c}"
                for s in symbols:
                    if s in ends:
                        continue
                    assert not segment_hits_rect(a, b, s.rect.inset(0.3)), f"{c} passes through {s}"
                segments.append((c, a, b))
        # No two connectors share a segment: it would read as a fork.
        for i, (c1, a1, b1) in enumerate(segments):
            for c2, a2, b2 in segments[i + 1 :]:
                if c1 is c2:
                    continue
                if a1[0] == b1[0] and a2[0] == b2[0] and abs(a1[0] - a2[0]) < 1:
                    lo1, hi1 = sorted((a1[1], b1[1]))
                    lo2, hi2 = sorted((a2[1], b2[1]))
                    assert hi1 <= lo2 + 0.5 or hi2 <= lo1 + 0.5, f"shared vertical segment: {c1} / {c2}"
                if a1[1] == b1[1] and a2[1] == b2[1] and abs(a1[1] - a2[1]) < 1:
                    lo1, hi1 = sorted((a1[0], b1[0]))
                    lo2, hi2 = sorted((a2[0], b2[0]))
                    assert hi1 <= lo2 + 0.5 or hi2 <= lo1 + 0.5, f"shared horizontal segment: {c1} / {c2}"


def assert_labels_clear(layout: ProcedureLayout) -> None:
    for page in layout.pages:
        for c in page.connectors:
            if c.label is None:
                continue
            box = c.label.rect.inset(0.2)
            for other in page.connectors:
                for a, b in other.segments():
                    assert not segment_hits_rect(a, b, box), f"label {c.label} on a line of {other}"
                head = other.arrowhead()
                for x, y in head:
                    assert not (box.x < x < box.right and box.y < y < box.bottom), (
                        f"label on an arrowhead: {c}"
                    )
            for s in page.symbols:
                assert not s.rect.intersects(box), f"label {c.label} on symbol {s}"


LABEL_MARGIN = 4.0
"""How much nearer its own branch's line a "Ya"/"Tidak" label must be than any other line, in points.

A label stands 2.5 pt from its own line; 4 pt more (1.4 mm, more than the 3.5 pt between two tracks and
about the height of the label's small letters) puts the next line at least 2.6 times as far away, which
reads as "not this label's line" on paper and survives the rounding of a Word or PDF reader.
"""


def _rect_to_segment(r: Rect, a: Point, b: Point) -> float:
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return math.hypot(max(r.x - x1, 0.0, x0 - r.right), max(r.y - y1, 0.0, y0 - r.bottom))


def _rect_to_connector(r: Rect, c: Connector) -> float:
    return min(_rect_to_segment(r, a, b) for a, b in c.segments())


def assert_labels_unambiguous(layout: ProcedureLayout) -> None:
    """Each branch label is nearer its own line than any other connector's, by :data:`LABEL_MARGIN`."""
    for number, page in enumerate(layout.pages, start=1):
        for c in page.connectors:
            if c.label is None:
                continue
            own = _rect_to_connector(c.label.rect, c)
            for other in page.connectors:
                if other is c:
                    continue
                near = _rect_to_connector(c.label.rect, other)
                assert near >= own + LABEL_MARGIN, (
                    f"page {number}: label {c.label.text!r} of step {c.source} is {own:.1f} pt from its "
                    f"line and {near:.1f} pt from the {other.kind} line {other.source}->{other.target}"
                )


BRANCH_APART = 8.0
"""The two branches of a decision leave it at least this far apart (points): twice the 4 pt at which two
lines meeting a symbol are still told apart, so a label fits by one branch's start clear of the other."""


def assert_branches_leave_apart(layout: ProcedureLayout) -> None:
    """The branches of each decision start :data:`BRANCH_APART` apart on its diamond(s)."""
    for number, page in enumerate(layout.pages, start=1):
        starts: dict[int, list[Point]] = {}
        for c in page.connectors:
            if c.kind in ("ya", "tidak"):
                starts.setdefault(c.source, []).append(c.points[0])
        for step, points in starts.items():
            for p, q in itertools.combinations(points, 2):
                assert math.dist(p, q) >= BRANCH_APART, (
                    f"page {number}: branches of step {step} leave at {p}, {q}"
                )


def assert_offpage_pairs(sop: SOP, layout: ProcedureLayout) -> None:
    labels = [p.label for p in layout.offpage]
    assert len(labels) == len(set(labels))
    for pair in layout.offpage:
        assert pair.out_page != pair.in_page
        out_page, in_page = layout.pages[pair.out_page], layout.pages[pair.in_page]
        assert pair.out_symbol in out_page.symbols and pair.in_symbol in in_page.symbols
        assert pair.out_symbol.label == pair.in_symbol.label == pair.label
        assert pair.out_symbol.kind == pair.in_symbol.kind == "offpage"
    page_of = layout.page_of_step
    crossing = set()
    for number in range(1, len(sop.langkah) + 1):
        for target in flow.successors(sop, number):
            if target != flow.END_NODE and target != number and page_of[number] != page_of[target]:
                crossing.add((number, target))
    assert crossing <= {(p.source, p.target) for p in layout.offpage}


def assert_decisions_have_two_labelled_branches(sop: SOP, layout: ProcedureLayout) -> None:
    for number, step in enumerate(sop.langkah, start=1):
        if step.keputusan is None:
            continue
        branches = [
            c
            for page in layout.pages
            for c in page.connectors
            if c.source == number and c.kind in ("ya", "tidak")
        ]
        assert sorted(c.kind for c in branches) == ["tidak", "ya"], (number, branches)
        for c in branches:
            assert c.label is not None and c.label.text == ("Ya" if c.kind == "ya" else "Tidak")


def assert_text_legible(layout: ProcedureLayout) -> None:
    for page in layout.pages:
        for block in page.texts:
            assert block.size >= MIN_FONT
            for line in block.lines:
                assert 0 <= line.baseline <= page.height


def assert_layout_ok(sop: SOP, layout: ProcedureLayout) -> None:
    assert_one_symbol_per_actor_in_its_row(sop, layout)
    assert_connectors_clear(layout)
    assert_labels_clear(layout)
    assert_labels_unambiguous(layout)
    assert_branches_leave_apart(layout)
    assert_offpage_pairs(sop, layout)
    assert_decisions_have_two_labelled_branches(sop, layout)
    assert_text_legible(layout)
