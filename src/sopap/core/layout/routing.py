"""Orthogonal routing of the flowchart's connectors on one page.

Each connector is chosen from candidate paths with 0 to 3 bends between the ports (top, bottom, left,
right) of its two symbols, cheapest first. The vertical runs of long paths use the free channels at the
edges of the lanes (a symbol never reaches them) and horizontal runs use the free space above and below
the symbols of a row. A candidate is refused when it:

* passes through a symbol other than its own ends, a placed label, or leaves the lanes;
* runs along a grid line of the table;
* shares (or runs right next to) a segment of another connector, or meets another connector in a "T",
  both of which read as a fork;
* reuses a port another connector already uses.

Perpendicular crossings are allowed but cost extra. The "Ya"/"Tidak" label of a decision branch is placed
beside the branch's first segment, clear of every line, arrowhead, symbol and grid line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from sopap.core.layout.geometry import Connector, Label, Point, Rect, Symbol, TableGrid
from sopap.core.layout.text import ASCENT, text_width

Side = str  # "top" | "bottom" | "left" | "right"
SIDES: tuple[Side, ...] = ("top", "bottom", "left", "right")
OUTWARD: dict[Side, tuple[int, int]] = {"top": (0, -1), "bottom": (0, 1), "left": (-1, 0), "right": (1, 0)}

ARROW = 5.5
MIN_LAST = ARROW + 3.5
TRACK = 3.2
CLEAR = 2.4  # two parallel lines closer than this read as one
LABEL_SIZE = 7.5
BEND = 10.0


PortKey = tuple[Side, int]
Candidate = tuple[float, list[Point], PortKey, PortKey]


@dataclass(frozen=True)
class Request:
    """A connector to route: from ``source`` to ``target`` symbol; ``kind`` flow|ya|tidak|offpage."""

    source: Symbol
    target: Symbol
    kind: str
    source_step: int
    target_step: int
    label: str | None = None


@dataclass
class _Seg:
    vertical: bool
    coord: float
    lo: float
    hi: float
    owner: int


def port(symbol: Symbol, side: Side, slot: int = 0) -> Point:
    """Where a connector meets ``symbol`` on ``side``; slots -1/1 sit a quarter of the side off centre."""
    r = symbol.rect
    if symbol.kind == "terminator" and side in ("left", "right") and slot:
        # On the round end of the capsule: the outline is that far in from the box.
        radius = r.h / 2
        dy = slot * r.h / 4
        inset = radius - (radius * radius - dy * dy) ** 0.5
        return (r.x + inset, r.cy + dy) if side == "left" else (r.right - inset, r.cy + dy)
    if side == "top":
        return (r.cx + slot * r.w / 4, r.y)
    if side == "bottom":
        return (r.cx + slot * r.w / 4, r.bottom)
    if side == "left":
        return (r.x, r.cy + slot * r.h / 4)
    return (r.right, r.cy + slot * r.h / 4)


def _slots(symbol: Symbol, side: Side) -> tuple[int, ...]:
    # A diamond is met at its vertices only.
    if symbol.kind in ("decision", "offpage"):
        return (0,)
    return (0, -1, 1)


def segment_hits_rect(a: Point, b: Point, r: Rect) -> bool:
    """True when the segment a-b passes through the interior of ``r`` (touching its edge does not count)."""
    ax, ay = a
    bx, by = b
    if ax == bx:
        return r.x < ax < r.x + r.w and (ay if ay < by else by) < r.y + r.h and (by if by > ay else ay) > r.y
    if ay == by:
        return r.y < ay < r.y + r.h and (ax if ax < bx else bx) < r.x + r.w and (bx if bx > ax else ax) > r.x
    x0, x1 = (ax, bx) if ax < bx else (bx, ax)
    y0, y1 = (ay, by) if ay < by else (by, ay)
    return x0 < r.x + r.w and x1 > r.x and y0 < r.y + r.h and y1 > r.y


class Router:
    def __init__(self, grid: TableGrid, symbols: list[Symbol], channel: float) -> None:
        self.grid = grid
        self.area = grid.flow_area
        self.symbols = symbols
        self.channel = channel
        self.segs: list[_Seg] = []
        self.corners: list[tuple[Point, int]] = []
        self.used_ports: set[tuple[int, Side, int]] = set()
        self.labels: list[Rect] = []
        self.arrowheads: list[Rect] = []
        self.v_edges = [c.x0 for c in grid.columns] + [grid.columns[-1].x1]
        self.h_edges = [grid.body_top] + [row.y1 for row in grid.rows]
        lanes = [grid.columns[i] for i in grid.lanes]
        self.lanes = lanes
        self.inflated = [(s, s.rect.inset(-1.5)) for s in symbols]
        self._xs = self._x_tracks()
        self._ys = self._y_tracks()
        self.owner = 0
        self.fixed = 0

    # -------------------------------------------------------------------------------------- tracks

    def _x_tracks(self) -> list[float]:
        xs: list[float] = []
        for lane in self.lanes:
            inside = [s.rect for s in self.symbols if lane.x0 <= s.rect.cx <= lane.x1]
            left_free = min((r.x for r in inside), default=lane.cx) - 2.5
            right_free = max((r.right for r in inside), default=lane.cx) + 2.5
            first = TRACK
            x = lane.x0 + first
            while x < left_free:
                xs.append(x)
                x += TRACK
            x = lane.x1 - first
            while x > right_free:
                xs.append(x)
                x -= TRACK
            xs.append(lane.cx)
        return xs

    def _y_tracks(self) -> list[float]:
        """Horizontal tracks in every free band of a row: above, between and below its symbols."""
        ys: list[float] = []
        for row in self.grid.rows:
            bands = sorted(
                (r.y, r.bottom) for r in (s.rect for s in self.symbols) if row.y0 <= r.cy <= row.y1
            )
            merged: list[list[float]] = []
            for top, bottom in bands:
                if merged and top <= merged[-1][1] + 1:
                    merged[-1][1] = max(merged[-1][1], bottom)
                else:
                    merged.append([top, bottom])
            edges = [row.y0 + 2, *(v for band in merged for v in (band[0] - 2.5, band[1] + 2.5)), row.y1 - 2]
            for lo, hi in zip(edges[::2], edges[1::2], strict=False):
                if hi - lo < 1:
                    continue
                mid = (lo + hi) / 2
                ys.append(mid)
                for k in (1, 2):
                    for y in (mid - k * TRACK, mid + k * TRACK):
                        if lo < y < hi:
                            ys.append(y)
            ys.extend({(band[0] + band[1]) / 2 for band in merged})
            ys.extend({s.rect.cy for s in self.symbols if row.y0 <= s.rect.cy <= row.y1})
        return ys

    # ------------------------------------------------------------------------------------ candidates

    def _free_slot(self, symbol: Symbol, side: Side) -> int | None:
        key = id(symbol)
        return next((slot for slot in _slots(symbol, side) if (key, side, slot) not in self.used_ports), None)

    def _candidates(self, req: Request, bends: int, wide: bool = False) -> list[Candidate]:
        a, b = req.source, req.target
        out: list[Candidate] = []
        src_sides: tuple[Side, ...] = SIDES
        dst_sides: tuple[Side, ...] = SIDES
        if a.kind == "offpage":
            src_sides = ("bottom", "left", "right")
        if b.kind == "offpage":
            dst_sides = ("top", "left", "right")
        below = b.rect.y >= a.rect.bottom
        lo_x = min(a.rect.x, b.rect.x) - 2 * self.lanes[0].width
        hi_x = max(a.rect.right, b.rect.right) + 2 * self.lanes[0].width
        lo_y = min(a.rect.y, b.rect.y) - 60
        hi_y = max(a.rect.bottom, b.rect.bottom) + 60
        xs = self._xs if wide else [x for x in self._xs if lo_x <= x <= hi_x]
        ys = self._ys if wide else [y for y in self._ys if lo_y <= y <= hi_y]
        for ss in src_sides:
            s_slot = self._free_slot(a, ss)
            if s_slot is None:
                continue
            p0 = port(a, ss, s_slot)
            d0 = OUTWARD[ss]
            for ts in dst_sides:
                t_slot = self._free_slot(b, ts)
                if t_slot is None:
                    continue
                p1 = port(b, ts, t_slot)
                o1 = OUTWARD[ts]
                d1 = (-o1[0], -o1[1])  # travel direction arriving at the port
                pref = self._port_cost(req, ss, ts, below) + 1.5 * (abs(s_slot) + abs(t_slot))
                for path in _paths(p0, d0, p1, d1, xs, ys, bends):
                    length = 0.0
                    prev = path[0]
                    for q in path[1:]:
                        length += abs(q[0] - prev[0]) + abs(q[1] - prev[1])
                        prev = q
                    cost = (len(path) - 2) * BEND + length * 0.04 + pref
                    out.append((cost, path, (ss, s_slot), (ts, t_slot)))
        out.sort(key=lambda c: c[0])
        return out

    @staticmethod
    def _port_cost(req: Request, ss: Side, ts: Side, below: bool) -> float:
        cost = 0.0
        if below:
            cost += {"top": 0, "left": 4, "right": 4, "bottom": 14}[ts]
            cost += {"bottom": 0, "left": 1, "right": 1, "top": 14}[ss]
        else:
            cost += {"left": 0, "right": 0, "bottom": 3, "top": 9}[ts]
            cost += {"left": 0, "right": 0, "top": 4, "bottom": 8}[ss]
        if req.kind == "tidak" and ss == "bottom":
            cost += 2
        if req.source.kind == "decision" and ss == "top":
            cost += 20
        return cost

    # ------------------------------------------------------------------------------------ validity

    def _check(self, path: list[Point], req: Request, arrow: bool) -> int | None:
        """None when the path is refused, else the number of perpendicular crossings."""
        area = self.area
        segs = list(itertools.pairwise(path))
        crossings = 0
        last = len(segs) - 1
        for i, (p, q) in enumerate(segs):
            length = abs(q[0] - p[0]) + abs(q[1] - p[1])
            if length < 0.5:
                return None
            if 0 < i < last and length < 3:
                return None
            if i == last and arrow and length < MIN_LAST:
                return None
            vertical = p[0] == q[0]
            for x, y in (p, q):
                if not (area.x + 1 <= x <= area.right - 1 and area.y + 1 <= y <= area.bottom - 1):
                    return None
            if vertical:
                if any(abs(p[0] - e) < 1.5 for e in self.v_edges):
                    return None
            elif any(abs(p[1] - e) < 1.5 for e in self.h_edges):
                return None
            for sym, rect in self.inflated:
                if (sym is req.source and i == 0) or (sym is req.target and i == last):
                    if segment_hits_rect(p, q, sym.rect.inset(0.5)):
                        return None
                    continue
                if segment_hits_rect(p, q, rect):
                    return None
            for rect in self.labels:
                if segment_hits_rect(p, q, rect):
                    return None
            for rect in self.arrowheads:
                if segment_hits_rect(p, q, rect):
                    return None
            lo, hi = (p[1], q[1]) if vertical else (p[0], q[0])
            lo, hi = min(lo, hi), max(lo, hi)
            coord = p[0] if vertical else p[1]
            for s in self.segs:
                if s.vertical == vertical:
                    if abs(s.coord - coord) < CLEAR and lo < s.hi + CLEAR and s.lo < hi + CLEAR:
                        return None
                else:
                    # Perpendicular: a crossing is fine in the interior of both, a touch is a "T" (a fork).
                    if s.lo - CLEAR <= coord <= s.hi + CLEAR and lo - CLEAR <= s.coord <= hi + CLEAR:
                        inside_new = lo + CLEAR < s.coord < hi - CLEAR
                        inside_old = s.lo + CLEAR < coord < s.hi - CLEAR
                        if not (inside_new and inside_old):
                            return None
                        crossings += 1
        return crossings

    def _commit(self, path: list[Point], req: Request, ss: PortKey, ts: PortKey) -> None:
        self.owner += 1
        for p, q in itertools.pairwise(path):
            vertical = p[0] == q[0]
            if vertical:
                self.segs.append(_Seg(True, p[0], min(p[1], q[1]), max(p[1], q[1]), self.owner))
            else:
                self.segs.append(_Seg(False, p[1], min(p[0], q[0]), max(p[0], q[0]), self.owner))
        self.used_ports.add((id(req.source), *ss))
        self.used_ports.add((id(req.target), *ts))
        end = path[-1]
        self.arrowheads.append(Rect(end[0] - 3.5, end[1] - 3.5, 7, 7))

    def add_fixed(self, connector: Connector, a: Symbol | None = None, b: Symbol | None = None) -> None:
        """Register a connector placed elsewhere (a joint step's join line); fixed ones have owners below 0."""
        self.fixed -= 1
        for p, q in connector.segments():
            vertical = p[0] == q[0]
            coord = p[0] if vertical else p[1]
            lo, hi = (p[1], q[1]) if vertical else (p[0], q[0])
            self.segs.append(_Seg(vertical, coord, min(lo, hi), max(lo, hi), self.fixed))
        if a is not None:
            self.used_ports.add((id(a), "right", 0))
        if b is not None:
            self.used_ports.add((id(b), "left", 0))

    def route(self, req: Request) -> Connector:
        best: Candidate | None = None
        # Paths with up to two bends first; three bends only when they could still be cheaper.
        for bends in (2, 3):
            if best is not None and best[0] < BEND * 3:
                break
            for cost, path, ss, ts in self._candidates(req, bends):
                if best is not None and cost >= best[0]:
                    break
                crossings = self._check(path, req, True)
                if crossings is None:
                    continue
                total = cost + crossings * 8
                if best is None or total < best[0]:
                    best = (total, path, ss, ts)
        if best is None:
            best = self._fallback(req)
        _, path, ss, ts = best
        self._commit(path, req, ss, ts)
        kind = req.kind if req.kind in ("flow", "ya", "tidak", "offpage") else "flow"
        return Connector(tuple(path), kind, req.source_step, req.target_step, True, None)  # type: ignore[arg-type]

    def _fallback(self, req: Request) -> Candidate:
        """No clean path (an extreme page): relax the rules step by step, never through another symbol."""
        saved = (self.segs, self.labels, self.arrowheads, self.used_ports)
        try:
            # Sharing a port still keeps lines apart; only as the very last resort may lines meet.
            for relax in ("wide", "heads", "ports", "lines"):
                if relax == "heads":
                    self.arrowheads = []
                elif relax == "ports":
                    self.used_ports = set()
                elif relax == "lines":
                    self.segs = [s for s in self.segs if s.owner < 0]
                for bends in (2,) if relax == "wide" else (2, 3):
                    for candidate in self._candidates(req, bends, wide=relax == "wide"):
                        if self._check(candidate[1], req, True) is not None:
                            return candidate
        finally:
            self.segs, self.labels, self.arrowheads, self.used_ports = saved
        a, b = req.source, req.target
        p0, p1 = port(a, "bottom"), port(b, "top")
        path = [p0, (p0[0], (p0[1] + p1[1]) / 2), (p1[0], (p0[1] + p1[1]) / 2), p1]
        return (0.0, _simplify(path), ("bottom", 0), ("top", 0))

    # --------------------------------------------------------------------------------------- labels

    def place_label(self, text: str, path: tuple[Point, ...]) -> Label:
        """Place a branch label beside its line near the decision, clear of lines, heads, symbols, grid.

        Tried in order: just past the vertex on either side of the first segment, then further along each
        segment; the first spot with nothing under it wins (else the least crowded one).
        """
        w = text_width(text, "regular", LABEL_SIZE)
        h = LABEL_SIZE * 1.15
        gap = 2.5
        best: Rect | None = None
        best_score = 1e9
        for rect in _label_spots(path, w, h, gap, self.v_edges):
            score = self._label_collisions(rect)
            if score < best_score:
                best, best_score = rect, score
            if score == 0:
                break
        assert best is not None
        self.labels.append(best.inset(-0.8))
        return Label(text, best, best.y + (h - LABEL_SIZE) / 2 + LABEL_SIZE * ASCENT * 0.95, LABEL_SIZE)

    def _label_collisions(self, rect: Rect) -> float:
        score = 0.0
        pad = rect.inset(-0.8)
        for s in self.segs:
            a: Point = (s.coord, s.lo) if s.vertical else (s.lo, s.coord)
            b: Point = (s.coord, s.hi) if s.vertical else (s.hi, s.coord)
            if segment_hits_rect(a, b, pad):
                score += 10
        for _, r in self.inflated:
            if r.intersects(rect):
                score += 10
        for r in self.labels + self.arrowheads:
            if r.intersects(rect):
                score += 10
        for e in self.v_edges:
            if rect.x < e < rect.right:
                score += 3
        for e in self.h_edges:
            if rect.y < e < rect.bottom:
                score += 3
        if not self.area.contains(rect):
            score += 2
        return score

    def register_label(self, connector: Connector) -> None:
        if connector.label is not None:
            self.labels.append(connector.label.rect)


def _simplify(path: list[Point]) -> list[Point]:
    out = [path[0]]
    for p in path[1:]:
        if p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


def _paths(
    p0: Point,
    d0: tuple[int, int],
    p1: Point,
    d1: tuple[int, int],
    xs: list[float],
    ys: list[float],
    bends: int,
) -> list[list[Point]]:
    """Orthogonal paths leaving p0 in direction d0 and arriving at p1 travelling in direction d1.

    ``bends`` 2: the paths with at most two bends; 3: only those with exactly three.
    """
    out: list[list[Point]] = []
    h0 = d0[1] == 0
    h1 = d1[1] == 0

    def forward(a: float, b: float, d: int) -> bool:
        return (b - a) * d > 0.01

    if bends == 3:
        return _three_bends(p0, d0, p1, d1, xs, ys)

    # Straight.
    if h0 and h1 and d0 == d1 and p0[1] == p1[1] and forward(p0[0], p1[0], d0[0]):
        out.append([p0, p1])
    if not h0 and not h1 and d0 == d1 and p0[0] == p1[0] and forward(p0[1], p1[1], d0[1]):
        out.append([p0, p1])
    # One bend.
    if h0 and not h1:
        c = (p1[0], p0[1])
        if forward(p0[0], c[0], d0[0]) and forward(c[1], p1[1], d1[1]):
            out.append([p0, c, p1])
    if not h0 and h1:
        c = (p0[0], p1[1])
        if forward(p0[1], c[1], d0[1]) and forward(c[0], p1[0], d1[0]):
            out.append([p0, c, p1])
    # Two bends.
    if h0 and h1 and p0[1] != p1[1]:
        for x in xs:
            if forward(p0[0], x, d0[0]) and forward(x, p1[0], d1[0]):
                out.append([p0, (x, p0[1]), (x, p1[1]), p1])
    if not h0 and not h1 and p0[0] != p1[0]:
        for y in ys:
            if forward(p0[1], y, d0[1]) and forward(y, p1[1], d1[1]):
                out.append([p0, (p0[0], y), (p1[0], y), p1])
    return out


def _three_bends(
    p0: Point, d0: tuple[int, int], p1: Point, d1: tuple[int, int], xs: list[float], ys: list[float]
) -> list[list[Point]]:
    out: list[list[Point]] = []
    h0 = d0[1] == 0
    h1 = d1[1] == 0

    def forward(a: float, b: float, d: int) -> bool:
        return (b - a) * d > 0.01

    if h0 and not h1:
        for x in xs:
            if not forward(p0[0], x, d0[0]):
                continue
            for y in ys:
                if forward(y, p1[1], d1[1]) and y != p0[1] and x != p1[0]:
                    out.append([p0, (x, p0[1]), (x, y), (p1[0], y), p1])
    if not h0 and h1:
        for y in ys:
            if not forward(p0[1], y, d0[1]):
                continue
            for x in xs:
                if forward(x, p1[0], d1[0]) and x != p0[0] and y != p1[1]:
                    out.append([p0, (p0[0], y), (x, y), (x, p1[1]), p1])
    return out


def route_page(
    grid: TableGrid, symbols: list[Symbol], joins: list[Connector], requests: list[Request], channel: float
) -> list[Connector]:
    """Route every connector of one page; the joins of joint steps come first, as they are fixed."""
    router = Router(grid, symbols, channel)
    by_point = {}
    for s in symbols:
        by_point[(s.rect.right, s.rect.cy)] = s
        by_point[(s.rect.x, s.rect.cy)] = s
    for j in joins:
        router.add_fixed(j, by_point.get(j.points[0]), by_point.get(j.points[-1]))

    def order(req: Request) -> tuple[int, float]:
        span = abs(req.target.rect.cy - req.source.rect.cy)
        rank = {"flow": 0, "offpage": 0, "ya": 1, "tidak": 2}.get(req.kind, 3)
        return (rank, span)

    ordered = sorted(requests, key=order)
    routed = [router.route(req) for req in ordered]
    # Labels go last, when every line they must keep clear of is known.
    labelled = []
    for req, connector in zip(ordered, routed, strict=True):
        if req.label:
            connector = replace(connector, label=router.place_label(req.label, connector.points))
        labelled.append(connector)
    return [*joins, *labelled]


def _label_spots(path: tuple[Point, ...], w: float, h: float, gap: float, v_edges: list[float]) -> list[Rect]:
    spots: list[Rect] = []
    first = True
    for (x0, y0), (x1, y1) in itertools.pairwise(path):
        length = abs(x1 - x0) + abs(y1 - y0)
        if y0 == y1:
            sign = 1 if x1 > x0 else -1
            alongs = [gap + 1, gap + 6] if first else []
            if first:
                edges = sorted((e - x0) * sign for e in v_edges if (e - x0) * sign > 0)
                if edges:
                    alongs.append(edges[0] + gap)
            alongs += [gap + 4 * k for k in range(int(max(0.0, length - w - 2 * gap) // 4) + 1)]
            for along in alongs:
                if along + w > length + w * 0.5 and not first:
                    continue
                lx = x0 + along if sign > 0 else x0 - along - w
                spots += [Rect(lx, y0 - gap - h, w, h), Rect(lx, y0 + gap, w, h)]
        else:
            sign = 1 if y1 > y0 else -1
            alongs = [gap, gap + 6] if first else []
            alongs += [gap + 4 * k for k in range(int(max(0.0, length - h - 2 * gap) // 4) + 1)]
            for along in alongs:
                ly = y0 + along if sign > 0 else y0 - along - h
                spots += [Rect(x0 + gap, ly, w, h), Rect(x0 - gap - w, ly, w, h)]
        first = False
    return spots
