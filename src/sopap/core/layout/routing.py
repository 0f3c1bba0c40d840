"""Orthogonal routing of the flowchart's connectors on one page, by reserved tracks rather than by search.

The page is a grid of lanes (actor columns) and rows (steps). Every line runs on a *track*:

* vertical tracks: in the *gutters* of each lane, the strips between the symbol column and the lane's
  edges, at least :data:`GRID_CLEAR` from the grid line and :data:`SYM_CLEAR` from the symbols, one every
  :data:`TRACK` points; and the port positions of the symbols themselves (a straight drop);
* horizontal tracks: at the side ports of the symbols (the classic "out of the side, then down"), and in
  the free bands between the rows' symbols, at least :data:`GRID_CLEAR` from the row's grid lines.

Each connector is laid out from a short, fixed list of shapes, in order of preference: straight down;
one elbow (out of the side, down into the top, or up into the bottom); a "Z" through the gap between two
rows; a "C" through a gutter (returns and long jumps); and the three- and four-bend shapes through a
gutter and the gaps. For each shape the tracks are taken nearest first, so shorter spans get the inner
tracks (a greedy interval colouring: nested returns never cross). A track is free for a span when no
parallel line is within :data:`SEP` of it over that span and no symbol is in the way; lines may cross at
right angles, never touch ("T"), never share a segment, never cross an arrowhead.

The checks are local: segments, symbols, labels and arrowheads are filed by lane and row, so a check
looks at a handful of items however many steps the page holds (the continuous sheet holds them all). A
connector no shape fits is reported back (:func:`route_page_checked`) and the layout engine makes room
(taller gaps, wider gutters) and routes again; it never accepts an overlap.

A decision's two branches leave its diamond from its vertices, :data:`BRANCH_APART` apart at least. The
"Ya"/"Tidak" label of a branch is placed last, beside the branch near its decision, clear of every line,
arrowhead and symbol, and nearer its own line than any other by :data:`LABEL_MARGIN`, so neither a reader
nor the DOCX importer can take it for the other branch's.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sopap.core.layout.geometry import Connector, Label, Point, Rect, Symbol, TableGrid
from sopap.core.layout.outline import (
    Side,
    centre,
    label_spots,
    point_on,
    port_range,
    rect_to_segment,
)
from sopap.core.layout.text import ASCENT, text_width

ARROW = 5.5
MIN_LAST = ARROW + 3.5
"""The last segment is at least this long, so its arrowhead is whole and the line before it visible."""
MIN_SEG = 3.5
GRID_CLEAR = 5.0
"""A line never runs closer than this to a grid line of the table (it would read as part of the grid)."""
SYM_CLEAR = 3.5
"""A line passes a symbol it does not start or end on at least this far from it."""
SEP = 3.0
"""Two parallel lines closer than this (over a common stretch) read as one: refused."""
TRACK = 3.5
"""Spacing of the tracks in gutters and gaps."""
PORT_GAP = 4.0
"""Two connectors meet a symbol at least this far apart."""
BRANCH_APART = 8.0
"""The two branches of a decision leave its diamond at least this far apart (points).

Each branch leaves from a vertex of the diamond of its own; only when no route from a vertex fits does a
branch leave elsewhere on the outline, and then at least this far from the other branch, so the two are
told apart at the diamond and each label has room by its own line (:data:`LABEL_MARGIN`).
"""
LABEL_MARGIN = 4.0
"""A branch label stands nearer its own line than any other line by at least this much (points)."""
# Ports are tried from the centre outwards: 0, -4, +4, -8, +8 ... points.
_PORT_OFFSETS = (0.0, *(k * PORT_GAP * s for k in range(1, 12) for s in (-1, 1)))
CROSS_END = 3.5
"""A crossing stays this far from the ends of both segments (closer, it reads as a "T", a fork)."""
LABEL_SIZE = 7.5
MAX_TRIES = 250
"""Candidates of one shape checked for a connector before the next shape is tried."""


@dataclass(frozen=True)
class Request:
    """A connector to route: from ``source`` to ``target`` symbol; ``kind`` flow|ya|tidak|offpage."""

    source: Symbol
    target: Symbol
    kind: str
    source_step: int
    target_step: int
    label: str | None = None


# ----------------------------------------------------------------------------------------------- router

# A stored segment: (coordinate, lo, hi, margin at lo, margin at hi, owner).
_Seg = tuple[float, float, float, float, float, int]
T = TypeVar("T")


class Router:
    """Routes the connectors of one page; see the module's docstring."""

    def __init__(self, grid: TableGrid, symbols: list[Symbol], channel: float = 0.0) -> None:
        self.grid = grid
        self.area = grid.flow_area
        self.symbols = symbols
        lanes = [grid.columns[i] for i in grid.lanes]
        self.lanes = lanes
        self.lane_x0 = [c.x0 for c in lanes]
        self.lane_x1 = [c.x1 for c in lanes]
        rows = grid.rows
        self.row_y0 = [r.y0 for r in rows] or [grid.body_top]
        self.row_y1 = [r.y1 for r in rows] or [grid.body_top]
        self.v_edges = [c.x0 for c in grid.columns] + [grid.columns[-1].x1]
        self.h_edges = [grid.body_top] + [row.y1 for row in rows]
        nr = len(self.row_y0)
        # Everything a check looks at is filed by lane and row (the key of a cell is lane * nr + row), so a
        # check reads the few cells its span covers, never a whole lane or page: a page of the continuous
        # sheet holds every step. An item is filed in every row it reaches; readers that count (the
        # label scores) count each item once.
        self._nr = nr
        # Vertical segments, filed in each row they come within SEP of.
        self.vsegs: dict[int, list[_Seg]] = {}
        # Horizontal segments, by the row of their y.
        self.hsegs: list[list[_Seg]] = [[] for _ in range(nr)]
        # Symbols as obstacles: (x0, y0, x1, y1, symbol id), inflated by the clearance.
        self.obstacles: dict[int, list[tuple[float, float, float, float, int]]] = {}
        # Symbols as labels must keep clear of them (inflated less), by row: (x0, y0, x1, y1).
        self._boxes: dict[int, list[tuple[float, float, float, float]]] = {}
        # Labels placed and arrowheads, by row, each in a 1-tuple of its own (counted once by identity).
        self._marks: dict[int, list[tuple[Rect]]] = {}
        self.sym_lane: dict[int, int] = {}
        self.sym_row: dict[int, int] = {}
        col_lo = [c.cx for c in lanes]
        col_hi = [c.cx for c in lanes]
        for s in symbols:
            r = s.rect
            lane = self._lane(r.cx)
            self.sym_lane[id(s)] = lane
            self.sym_row[id(s)] = self._row(r.cy)
            obstacle = (r.x - SYM_CLEAR, r.y - SYM_CLEAR, r.right + SYM_CLEAR, r.bottom + SYM_CLEAR, id(s))
            for row in self._rows(obstacle[1], obstacle[3]):
                self.obstacles.setdefault(lane * nr + row, []).append(obstacle)
            box = (r.x - 1.5, r.y - 1.5, r.right + 1.5, r.bottom + 1.5)
            for row in self._rows(box[1], box[3]):
                self._boxes.setdefault(row, []).append(box)
            col_lo[lane] = min(col_lo[lane], r.x)
            col_hi[lane] = max(col_hi[lane], r.right)
        self.used_ports: dict[int, list[Point]] = {}
        # Where decisions' branches leave their diamonds (by the diamond's id), kept BRANCH_APART apart.
        self.branch_ports: dict[int, list[Point]] = {}
        # The diamond whose branch is being routed, and whether only its vertices may be used.
        self._branch_from: int | None = None
        self._vertex_only = False
        self._port_cache: dict[tuple[int, Side], list[tuple[float, Point]]] = {}
        self.owner = 0
        # Vertical tracks per lane: the gutters, inner tracks (next to the symbols) first; then the lane's
        # centre, usable where no symbol stands over the span.
        self.gutters: list[list[float]] = []
        for i, column in enumerate(lanes):
            xs: list[float] = []
            left_hi = col_lo[i] - SYM_CLEAR - 0.5
            right_lo = col_hi[i] + SYM_CLEAR + 0.5
            left_lo = column.x0 + GRID_CLEAR
            right_hi = column.x1 - GRID_CLEAR
            left = _lattice(left_lo, left_hi)
            right = _lattice(right_lo, right_hi)[::-1]
            # inner first: the right end of the left gutter, the left end of the right gutter
            for a, b in itertools.zip_longest(left[::-1], right[::-1]):
                if b is not None:
                    xs.append(b)
                if a is not None:
                    xs.append(a)
            self.gutters.append(xs)
        self.centres = [c.cx for c in lanes]
        # Horizontal gap tracks per row, from the top edge down and from the bottom edge up.
        self.gap_down: list[list[float]] = []
        self.gap_up: list[list[float]] = []
        for y0, y1 in zip(self.row_y0, self.row_y1, strict=True):
            ys = _lattice(y0 + GRID_CLEAR, y1 - GRID_CLEAR)
            self.gap_down.append(ys)
            self.gap_up.append(ys[::-1])

    # ------------------------------------------------------------------------------------- indexing

    def _lane(self, x: float) -> int:
        i = bisect.bisect_right(self.lane_x0, x) - 1
        return i if i > 0 else 0

    def _row(self, y: float) -> int:
        i = bisect.bisect_right(self.row_y0, y) - 1
        return i if i > 0 else 0

    def _rows(self, y0: float, y1: float) -> range:
        """The rows the span ``y0``..``y1`` reaches."""
        first = bisect.bisect_right(self.row_y0, y0) - 1
        return range(first if first > 0 else 0, max(bisect.bisect_right(self.row_y0, y1), 1))

    def _add_vseg(self, seg: _Seg) -> None:
        base = self._lane(seg[0]) * self._nr
        for row in self._rows(seg[1] - SEP, seg[2] + SEP):
            self.vsegs.setdefault(base + row, []).append(seg)

    def _add_mark(self, rect: Rect) -> None:
        entry = (rect,)
        for row in self._rows(rect.y, rect.bottom):
            self._marks.setdefault(row, []).append(entry)

    # ----------------------------------------------------------------------------------------- ports

    def _ports(
        self,
        symbol: Symbol,
        side: Side,
        prefer: float | None = None,
        limit: int = 4,
        *,
        edge: bool = False,
    ) -> list[Point]:
        """Free points on ``side`` of ``symbol``, best first (nearest ``prefer``, else the centre).

        A branch leaving a diamond takes its vertex in the first round, anywhere on the side in the
        second (``edge``: anywhere from the start, as towards an off-page stub standing below it).
        """
        key = (id(symbol), side)
        base = self._port_cache.get(key)
        if base is None:
            spots = port_range(symbol, side)
            middle = centre(symbol, side)
            if len(spots) == 2:
                lo, hi = spots
                values = [v for v in [middle + o for o in _PORT_OFFSETS] if lo - 0.01 <= v <= hi + 0.01]
            else:
                values = sorted(spots, key=lambda v: abs(v - middle))
            base = [(v, point_on(symbol, side, v)) for v in values]
            self._port_cache[key] = base
        candidates = base
        if prefer is not None and abs(prefer - base[0][0]) > 0.01:
            spots = port_range(symbol, side)
            extra = []
            if len(spots) == 2 and spots[0] <= prefer <= spots[1]:
                extra = [(prefer, point_on(symbol, side, prefer))]
            candidates = sorted(extra + base, key=lambda vp: abs(vp[0] - prefer))
        used = self.used_ports.get(id(symbol), ())
        branches = self.branch_ports.get(id(symbol), ())
        leaving = self._branch_from == id(symbol)
        if leaving and self._vertex_only and not edge:
            vertex = centre(symbol, side)
            candidates = [vp for vp in candidates if abs(vp[0] - vertex) < 0.01]
        out: list[Point] = []
        for _v, p in candidates:
            px, py = p
            for ux, uy in used:
                if abs(px - ux) + abs(py - uy) < PORT_GAP - 0.01:
                    break
            else:
                if leaving and any(_apart(p, u) < BRANCH_APART - 0.01 for u in branches):
                    continue
                out.append(p)
                if len(out) >= limit:
                    break
        return out

    # ---------------------------------------------------------------------------------------- checks

    def _seg_ok(
        self, p: Point, q: Point, lo_m: float, hi_m: float, skip: tuple[int, ...], reverse: bool
    ) -> bool:
        """One segment of a candidate against the grid, the symbols and the lines already placed."""
        if p[0] == q[0]:
            x = p[0]
            lo, hi = (p[1], q[1]) if p[1] < q[1] else (q[1], p[1])
            if reverse:
                lo_m, hi_m = hi_m, lo_m
            lane = self._lane(x)
            if x - self.lane_x0[lane] < GRID_CLEAR - 0.01 or self.lane_x1[lane] - x < GRID_CLEAR - 0.01:
                return False
            rows = self._rows(lo, hi)
            base = lane * self._nr
            for r in rows:
                for x0, y0, x1, y1, sid in self.obstacles.get(base + r, ()):
                    if x0 < x < x1 and lo < y1 and hi > y0 and sid not in skip:
                        return False
            for r in rows:
                for c, a, b, _am, _bm, _o in self.vsegs.get(base + r, ()):
                    if -SEP < c - x < SEP and lo < b + SEP and a < hi + SEP:
                        return False
            for r in rows:
                for c, a, b, am, bm, _o in self.hsegs[r]:
                    # Where they meet, only a clean crossing: inside both, away from ends and arrowheads.
                    if (lo - SEP < c < hi + SEP and a - SEP < x < b + SEP) and not (
                        a + am <= x <= b - bm and lo + lo_m <= c <= hi - hi_m
                    ):
                        return False
            return True
        y = p[1]
        lo, hi = (p[0], q[0]) if p[0] < q[0] else (q[0], p[0])
        if reverse:
            lo_m, hi_m = hi_m, lo_m
        row = self._row(y)
        if y - self.row_y0[row] < GRID_CLEAR - 0.01 or self.row_y1[row] - y < GRID_CLEAR - 0.01:
            return False
        first, last = self._lane(lo), self._lane(hi)
        if lo < self.lane_x0[first] + GRID_CLEAR - 0.01 or hi > self.lane_x1[last] - GRID_CLEAR + 0.01:
            return False
        nr = self._nr
        for lane in range(first, last + 1):
            for x0, y0, x1, y1, sid in self.obstacles.get(lane * nr + row, ()):
                if y0 < y < y1 and lo < x1 and hi > x0 and sid not in skip:
                    return False
        for c, a, b, _am, _bm, _o in self.hsegs[row]:
            if -SEP < c - y < SEP and lo < b + SEP and a < hi + SEP:
                return False
        for lane in range(first, last + 1):
            for c, a, b, am, bm, _o in self.vsegs.get(lane * nr + row, ()):
                if (lo - SEP < c < hi + SEP and a - SEP < y < b + SEP) and not (
                    a + am <= y <= b - bm and lo + lo_m <= c <= hi - hi_m
                ):
                    return False
        return True

    def _path_ok(self, path: list[Point], src: Symbol, dst: Symbol) -> bool:
        n = len(path) - 1
        sid, did = id(src), id(dst)
        for i in range(n):
            p, q = path[i], path[i + 1]
            if p[0] != q[0] and p[1] != q[1]:
                return False
            length = abs(q[0] - p[0]) + abs(q[1] - p[1])
            last = i == n - 1
            if length < (MIN_LAST if last else MIN_SEG):
                return False
            skip: tuple[int, ...]
            if i == 0 and last:
                skip = (sid, did)
            elif i == 0:
                skip = (sid,)
            elif last:
                skip = (did,)
            else:
                skip = ()
            lo_m = CROSS_END
            hi_m = ARROW + 2 if last else CROSS_END
            # margins are given along the direction of travel; _seg_ok maps them to lo/hi
            forward = q[0] > p[0] or q[1] > p[1]
            if not self._seg_ok(p, q, lo_m, hi_m, skip, not forward):
                return False
        return True

    def _commit(self, path: list[Point], src: Symbol, dst: Symbol, branch: bool = False) -> None:
        self.owner += 1
        n = len(path) - 1
        for i, (p, q) in enumerate(itertools.pairwise(path)):
            hi_m = ARROW + 2 if i == n - 1 else CROSS_END
            lo_m = CROSS_END
            forward = q[0] > p[0] or q[1] > p[1]
            if not forward:
                lo_m, hi_m = hi_m, lo_m
            if p[0] == q[0]:
                lo, hi = sorted((p[1], q[1]))
                self._add_vseg((p[0], lo, hi, lo_m, hi_m, self.owner))
            else:
                lo, hi = sorted((p[0], q[0]))
                self.hsegs[self._row(p[1])].append((p[1], lo, hi, lo_m, hi_m, self.owner))
        self.used_ports.setdefault(id(src), []).append(path[0])
        self.used_ports.setdefault(id(dst), []).append(path[-1])
        if branch:
            self.branch_ports.setdefault(id(src), []).append(path[0])
        end = path[-1]
        self._add_mark(Rect(end[0] - 3.5, end[1] - 3.5, 7, 7))

    def add_fixed(self, connector: Connector, a: Symbol | None = None, b: Symbol | None = None) -> None:
        """Register a connector placed elsewhere (a joint step's join line)."""
        self.owner += 1
        for p, q in connector.segments():
            if p[0] == q[0]:
                lo, hi = sorted((p[1], q[1]))
                self._add_vseg((p[0], lo, hi, 0.0, 0.0, self.owner))
            else:
                lo, hi = sorted((p[0], q[0]))
                self.hsegs[self._row(p[1])].append((p[1], lo, hi, 0.0, 0.0, self.owner))
        if a is not None:
            self.used_ports.setdefault(id(a), []).append(connector.points[0])
        if b is not None:
            self.used_ports.setdefault(id(b), []).append(connector.points[-1])

    # ----------------------------------------------------------------------------------------- shapes

    def _gap_tracks(self, rows: list[int], downward: list[bool]) -> list[float]:
        out: list[float] = []
        for r, down in zip(rows, downward, strict=True):
            if 0 <= r < len(self.gap_down):
                out.extend(self.gap_down[r] if down else self.gap_up[r])
        return out

    def _gutter_xs(self, a: Symbol, b: Symbol) -> list[float]:
        """Vertical tracks for a C shape between ``a`` and ``b``: nearest to both symbols first."""
        la, lb = self.sym_lane[id(a)], self.sym_lane[id(b)]
        first, last = max(0, min(la, lb) - 1), min(len(self.lanes) - 1, max(la, lb) + 1)
        xs = [x for lane in range(first, last + 1) for x in self.gutters[lane]]
        xs += [self.centres[lane] for lane in range(first, last + 1) if lane not in (la, lb)]
        ax0, ax1, bx0, bx1 = a.rect.x, a.rect.right, b.rect.x, b.rect.right
        # Sorted by the horizontal run to both symbols, then from the right (-x); decorated inline, as
        # this runs for every C-shaped candidate.
        keyed = sorted(
            [((ax0 - x if x < ax0 else x - ax1) + (bx0 - x if x < bx0 else x - bx1), -x) for x in xs]
        )
        return [-x for _, x in keyed]

    def _side_towards(self, s: Symbol, x: float) -> Side | None:
        if x < s.rect.x - 0.01:
            return "left"
        if x > s.rect.right + 0.01:
            return "right"
        return None

    def _shapes(self, req: Request) -> list[Iterator[list[Point]]]:
        """The shape families for ``req``, in order of preference; each yields candidates best first."""
        a, b = req.source, req.target
        below = b.rect.y >= a.rect.bottom - 0.01
        families = []
        if below and a.kind == "decision":
            # A diamond's branch down leaves from its bottom vertex when it can (its sides are for the
            # other branch): straight, else a "Z" through the gap, else an elbow out of the side.
            families += [self._straight(a, b), self._z(a, b), self._elbow_down(a, b)]
        elif below:
            families += [self._straight(a, b), self._elbow_down(a, b), self._z(a, b)]
        else:
            families.append(self._elbow_up(a, b))
        xs = self._gutter_xs(a, b)
        families += [
            self._c(a, b, xs),
            self._side_gutter_gap(a, b, xs, below),
            self._bottom_gap_gutter(a, b, xs),
        ]
        return families

    def _straight(self, a: Symbol, b: Symbol) -> Iterator[list[Point]]:
        """Straight down, from a port on the bottom of ``a`` to one on the top of ``b`` below it."""
        ra, rb = a.rect, b.rect
        if a.kind == "offpage" and a.direction != "in":
            return
        lo = max(ra.x, rb.x) + 2
        hi = min(ra.right, rb.right) - 2
        stub = a.kind == "decision" and b.kind == "offpage"
        if a.kind == "decision" and not stub:
            # a diamond is left straight down from its vertex; its edges only towards an off-page stub
            lo, hi = max(lo, ra.cx), min(hi, ra.cx)
        if lo > hi:
            return
        prefer = min(max(rb.cx, lo), hi) if lo <= rb.cx <= hi else min(max(ra.cx, lo), hi)
        for p in self._ports(a, "bottom", prefer, 3, edge=stub):
            for q in self._ports(b, "top", p[0], 1):
                if abs(q[0] - p[0]) < 0.01:
                    yield [p, (p[0], q[1])]

    def _elbow_down(self, a: Symbol, b: Symbol) -> Iterator[list[Point]]:
        """One elbow: out of the side of ``a`` facing ``b``, then down into the top of ``b``."""
        ra = a.rect
        side = self._side_towards(a, b.rect.cx)
        if side is None:
            return
        edge = ra.x if side == "left" else ra.right
        for q in self._ports(b, "top", None, 3):
            if self._side_towards(a, q[0]) != side or abs(q[0] - edge) < 4:
                continue
            for p in self._ports(a, side, None, 3):
                yield [p, (q[0], p[1]), q]

    def _elbow_up(self, a: Symbol, b: Symbol) -> Iterator[list[Point]]:
        """One elbow: out of the side of ``a`` facing ``b``, then up into the bottom of ``b``."""
        side = self._side_towards(a, b.rect.cx)
        if side is None or b.kind == "offpage":
            return
        for q in self._ports(b, "bottom", None, 3):
            if self._side_towards(a, q[0]) != side:
                continue
            for p in self._ports(a, side, None, 3):
                yield [p, (q[0], p[1]), q]

    def _z(self, a: Symbol, b: Symbol) -> Iterator[list[Point]]:
        """Down out of ``a``, across in the gap between the rows, down into the top of ``b``."""
        if a.kind == "offpage" and a.direction != "in":
            return
        row_a, row_b = self.sym_row[id(a)], self.sym_row[id(b)]
        gaps = self._gap_tracks([row_a, row_a + 1, row_b - 1, row_b], [False, True, False, True])
        prefer = None if a.kind == "decision" else b.rect.cx  # a diamond: its vertex first
        for p in self._ports(a, "bottom", prefer, 2):
            for q in self._ports(b, "top", p[0], 2):
                if abs(q[0] - p[0]) < 0.01:
                    continue
                for y in gaps:
                    if p[1] + MIN_SEG <= y <= q[1] - MIN_LAST:
                        yield [p, (p[0], y), (q[0], y), q]

    def _c(self, a: Symbol, b: Symbol, xs: list[float]) -> Iterator[list[Point]]:
        """A "C": out of the side of ``a``, along a gutter, into the side of ``b``."""
        rb = b.rect
        for x in xs:
            sa, sb = self._side_towards(a, x), self._side_towards(b, x)
            if sa is None or sb is None:
                continue
            for p in self._ports(a, sa, None, 3):
                for q in self._ports(b, sb, p[1] if abs(p[1] - rb.cy) < rb.h else None, 3):
                    if abs(p[1] - q[1]) > 0.01:
                        yield [p, (x, p[1]), (x, q[1]), q]

    def _side_gutter_gap(self, a: Symbol, b: Symbol, xs: list[float], below: bool) -> Iterator[list[Point]]:
        """Out of the side of ``a``, along a gutter, across a gap next to ``b``, into its top or bottom."""
        row_b = self.sym_row[id(b)]
        above_b = self._gap_tracks([row_b, row_b - 1], [True, False])
        below_b = self._gap_tracks([row_b, row_b + 1], [False, True])
        entries: list[tuple[Side, list[float]]] = [("top", above_b)]
        if b.kind != "offpage":
            entries.insert(0 if not below else 1, ("bottom", below_b))
        for x in xs:
            sa = self._side_towards(a, x)
            if sa is None:
                continue
            for p in self._ports(a, sa, None, 2):
                for entry, ys in entries:
                    for q in self._ports(b, entry, None, 2):
                        for y in ys:
                            if (entry == "top" and y <= q[1] - MIN_LAST) or (
                                entry == "bottom" and y >= q[1] + MIN_LAST
                            ):
                                yield [p, (x, p[1]), (x, y), (q[0], y), q]

    def _bottom_gap_gutter(self, a: Symbol, b: Symbol, xs: list[float]) -> Iterator[list[Point]]:
        """Down out of ``a``, across a gap, along a gutter, into the side of ``b`` or across a gap on top."""
        if a.kind == "offpage" and a.direction != "in":
            return
        row_a, row_b = self.sym_row[id(a)], self.sym_row[id(b)]
        below_a = self._gap_tracks([row_a, row_a + 1], [False, True])
        above_b = self._gap_tracks([row_b, row_b - 1], [True, False])
        below_b = self._gap_tracks([row_b, row_b + 1], [False, True])
        for p in self._ports(a, "bottom", None, 2):
            for y1 in below_a:
                if y1 < p[1] + MIN_SEG:
                    continue
                for x in xs:
                    sb = self._side_towards(b, x)
                    if sb is not None:
                        for q in self._ports(b, sb, None, 2):
                            yield [p, (p[0], y1), (x, y1), (x, q[1]), q]
                    for entry, ys in (("top", above_b), ("bottom", below_b)):
                        if entry == "bottom" and b.kind == "offpage":
                            continue
                        for q in self._ports(b, entry, None, 2):
                            for y2 in ys:
                                if abs(y2 - y1) > 0.01 and (
                                    (entry == "top" and y2 <= q[1] - MIN_LAST)
                                    or (entry == "bottom" and y2 >= q[1] + MIN_LAST)
                                ):
                                    yield [p, (p[0], y1), (x, y1), (x, y2), (q[0], y2), q]

    def route(self, req: Request) -> Connector | None:
        """The connector on the first free shape, or None when none fits on this geometry.

        A decision's branch is routed in two rounds: every shape from the diamond's vertices first, then
        every shape from anywhere on its outline (see :data:`BRANCH_APART`).
        """
        branch = req.kind in ("ya", "tidak") and req.source.kind == "decision"
        rounds = (True, False) if branch else (False,)
        self._branch_from = id(req.source) if branch else None
        try:
            for vertex_only in rounds:
                self._vertex_only = vertex_only
                for family in self._shapes(req):
                    for tries, path in enumerate(family):
                        if tries >= MAX_TRIES:
                            break
                        path = _simplify(path)
                        if len(path) >= 2 and self._path_ok(path, req.source, req.target):
                            self._commit(path, req.source, req.target, branch)
                            return self._connector(req, path)
        finally:
            self._branch_from = None
            self._vertex_only = False
        return None

    def route_anyway(self, req: Request) -> Connector:
        """Last resort when the engine could not make room: a plain path, committed as it is."""
        a, b = req.source, req.target
        p0 = point_on(a, "bottom", a.rect.cx)
        p1 = point_on(b, "top", b.rect.cx)
        mid = (p0[1] + p1[1]) / 2
        path = _simplify([p0, (p0[0], mid), (p1[0], mid), p1])
        if len(path) < 2:
            path = [p0, p1]
        self._commit(path, a, b, req.kind in ("ya", "tidak") and a.kind == "decision")
        return self._connector(req, path)

    @staticmethod
    def _connector(req: Request, path: list[Point]) -> Connector:
        kind = req.kind if req.kind in ("flow", "ya", "tidak", "offpage") else "flow"
        return Connector(tuple(path), kind, req.source_step, req.target_step, True, None)  # type: ignore[arg-type]

    # --------------------------------------------------------------------------------------- labels

    def place_label_scored(
        self, text: str, path: tuple[Point, ...], source: Rect | None = None, owner: int = -1
    ) -> tuple[Label, float]:
        """Place a branch label beside its line near the decision, clear of lines, heads, symbols, grid,
        and nearer its own line (``path``, committed as ``owner``) than any other by :data:`LABEL_MARGIN`.

        Tried in order: just past the vertex on either side of the first segment, then further along each
        segment; the first spot with nothing under it wins (else the least crowded one).
        """
        w = text_width(text, "regular", LABEL_SIZE)
        h = LABEL_SIZE * 1.15
        gap = 2.5
        best: Rect | None = None
        best_score = 1e9
        for rect in label_spots(path, w, h, gap, self.v_edges, source):
            score = self._label_collisions(rect)
            if score < best_score:
                score += self._label_ambiguity(rect, path, owner)
            if score < best_score:
                best, best_score = rect, score
            if score == 0:
                break
        assert best is not None
        self._add_mark(best.inset(-0.8))
        baseline = best.y + (h - LABEL_SIZE) / 2 + LABEL_SIZE * ASCENT * 0.95
        return Label(text, best, baseline, LABEL_SIZE), best_score

    def _label_collisions(self, rect: Rect) -> float:
        score = 0.0
        x0, y0, x1, y1 = rect.x, rect.y, rect.x + rect.w, rect.y + rect.h
        px0, py0, px1, py1 = x0 - 0.8, y0 - 0.8, x1 + 0.8, y1 + 0.8
        # Only the cells under the label are read (an item filed in two of them counts once).
        rows = self._rows(py0, py1)
        nr = self._nr
        for lane in range(self._lane(px0), self._lane(px1) + 1):
            for c, a, b, *_ in _each(self.vsegs, [lane * nr + r for r in rows]):
                if px0 < c < px1 and a < py1 and b > py0:
                    score += 10
        for row in rows:
            for c, a, b, *_ in self.hsegs[row]:
                if py0 < c < py1 and a < px1 and b > px0:
                    score += 10
        for bx0, by0, bx1, by1 in _each(self._boxes, rows):
            if bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1:
                score += 10
        for (mark,) in _each(self._marks, rows):
            mx, my = mark.x, mark.y
            if mx < x1 and x0 < mx + mark.w and my < y1 and y0 < my + mark.h:
                score += 10
        score += 3 * _count_between(self.v_edges, x0 - 1, x1 + 1)
        score += 3 * _count_between(self.h_edges, y0 - 1, y1 + 1)
        area = self.area
        if not (area.x <= x0 and area.y <= y0 and x1 <= area.x + area.w and y1 <= area.y + area.h):
            score += 2
        return score

    def _label_ambiguity(self, rect: Rect, path: tuple[Point, ...], owner: int) -> float:
        """10 when a line other than the label's own (``owner``) is not :data:`LABEL_MARGIN` further."""
        own = min(rect_to_segment(rect, a, b) for a, b in itertools.pairwise(path))
        reach = own + LABEL_MARGIN
        x0, y0, x1, y1 = rect.x - reach, rect.y - reach, rect.right + reach, rect.bottom + reach
        rows = self._rows(y0, y1)
        for lane in range(self._lane(x0), self._lane(x1) + 1):
            base = lane * self._nr
            for r in rows:
                for c, a, b, _am, _bm, o in self.vsegs.get(base + r, ()):
                    near = o != owner and x0 < c < x1 and a < y1 and b > y0
                    if near and rect_to_segment(rect, (c, a), (c, b)) < reach - 0.01:
                        return 10.0
        for row in rows:
            for c, a, b, _am, _bm, o in self.hsegs[row]:
                near = o != owner and y0 < c < y1 and a < x1 and b > x0
                if near and rect_to_segment(rect, (a, c), (b, c)) < reach - 0.01:
                    return 10.0
        return 0.0


def _each(cells: dict[int, list[T]], keys: Sequence[int]) -> Iterable[T]:
    """The items filed under ``keys``, each once (an item spanning rows is filed in each)."""
    if len(keys) == 1:
        return cells.get(keys[0], ())
    unique: dict[int, T] = {}
    for key in keys:
        for item in cells.get(key, ()):
            unique[id(item)] = item
    return unique.values()


def _count_between(sorted_values: list[float], lo: float, hi: float) -> int:
    """How many of ``sorted_values`` lie strictly between ``lo`` and ``hi``."""
    return max(0, bisect.bisect_left(sorted_values, hi) - bisect.bisect_right(sorted_values, lo))


def _apart(p: Point, q: Point) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def _lattice(lo: float, hi: float) -> list[float]:
    """Track positions from ``lo`` to ``hi`` (both ends included when there is room), ``TRACK`` apart."""
    if hi < lo - 0.01:
        return []
    return [lo + k * TRACK for k in range(int((hi - lo + 0.01) // TRACK) + 1)]


def _simplify(path: list[Point]) -> list[Point]:
    out = [path[0]]
    for p in path[1:]:
        if abs(p[0] - out[-1][0]) < 1e-9 and abs(p[1] - out[-1][1]) < 1e-9:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


def _order(req: Request) -> tuple[int, float]:
    """Routing order: flows to the next row first (they take the straight drops), then the off-page
    stubs, then branches by span, shortest first (so they take the inner tracks and nest)."""
    span = abs(req.target.rect.cy - req.source.rect.cy)
    if req.kind == "offpage" or req.target.kind == "offpage":
        return (1, span)
    if req.target.rect.y >= req.source.rect.bottom and span < 200 and req.kind == "flow":
        return (0, span)
    return (2, span)


def route_page_checked(
    grid: TableGrid,
    symbols: list[Symbol],
    joins: list[Connector],
    requests: list[Request],
    channel: float = 0.0,
    *,
    force: bool = False,
) -> tuple[list[Connector], list[Request]]:
    """Route one page. Returns the connectors and the requests no shape fitted (empty when all fit).

    With ``force`` a request that does not fit is drawn anyway (the engine's last resort).
    """
    router = Router(grid, symbols, channel)
    by_point = {}
    for s in symbols:
        by_point[(s.rect.right, s.rect.cy)] = s
        by_point[(s.rect.x, s.rect.cy)] = s
    for j in joins:
        router.add_fixed(j, by_point.get(j.points[0]), by_point.get(j.points[-1]))
    ordered = sorted(requests, key=_order)
    routed: list[tuple[Request, Connector]] = []
    failed: list[Request] = []
    owners: list[int] = []
    for req in ordered:
        connector = router.route(req)
        if connector is None:
            failed.append(req)
            if not force:
                continue
            connector = router.route_anyway(req)
        routed.append((req, connector))
        owners.append(router.owner)  # the id its segments were committed under
    # Labels go last, when every line they must keep clear of is known.
    labelled = []
    for (req, connector), owner in zip(routed, owners, strict=True):
        if req.label:
            label, score = router.place_label_scored(req.label, connector.points, req.source.rect, owner)
            if score >= 10 and req not in failed:
                failed.append(req)  # on a line, an arrowhead or a symbol: the engine makes room
            connector = replace(connector, label=label)
        labelled.append(connector)
    return [*joins, *labelled], failed
