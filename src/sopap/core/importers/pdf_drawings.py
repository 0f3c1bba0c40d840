"""A page's vector drawings as what they show: segments, arrowheads and symbols, whatever the paint.

A PDF keeps no tables and no shapes, only paint: every generator draws the same sheet its own way. Word
and the browsers behind many SOP systems fill thin rectangles for table borders and fill the *outline* of
every stroke (a connector is a thin polygon with a triangle at its end, a box is a ring of two loops);
ReportLab and LibreOffice stroke lines and rectangles. Each drawing is first cut into loops (closed
sub-paths) and turned into what it shows, whatever the paint:

* segments: a stroked line, a thin filled rectangle, or the centre line of a filled stroke outline (its
  long edges paired with the parallel edge beside them);
* arrowheads: small filled loops, each put on the segment end it sits on;
* symbols: a closed loop of some size (stroked, or the outer loop of a ring), its kind told by its
  corners: four at the box corners a process, four at the edge middles a decision, five an off-page
  connector, curves or many corners a terminator.

The geometry types here (points in pt as PyMuPDF gives them) are shared by the grids and the page reader.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from sopap.core.importers.tables import ShapeKind

Point = tuple[float, float]
Word = tuple[float, float, float, float, str]  # a word's box and its text, as PyMuPDF gives it

_THIN = 2.5  # pt: a filled rectangle thinner than this is a line
_ARROW = 12.0  # pt: a filled loop no larger than this is an arrowhead
_MIN_SYMBOL = 4.0  # pt: a closed loop smaller than this in either direction is no symbol
_MAX_LOOPS = 200  # a filled drawing of more loops (lettering drawn as paths) is not searched for holes
_MAX_SLIT_POINTS = 400  # nor a loop of more points for slits


@dataclass
class Loop:
    points: list[Point]
    curved: bool = False
    rect: bool = False  # drawn as a rectangle ("re")
    closed: bool = False  # ends where it starts

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass
class Segment:
    start: Point
    end: Point
    arrow: str = ""
    ruling: bool = False  # may be a table border (no arrowhead, not part of a drawn connector)
    sources: list[Segment] = field(default_factory=list)  # what a ruling candidate was made from

    @property
    def horizontal(self) -> bool:
        return abs(self.start[1] - self.end[1]) <= 0.5 and abs(self.start[0] - self.end[0]) > 0.5

    @property
    def vertical(self) -> bool:
        return abs(self.start[0] - self.end[0]) <= 0.5 and abs(self.start[1] - self.end[1]) > 0.5

    @property
    def length(self) -> float:
        return math.dist(self.start, self.end)


@dataclass
class Symbol:
    kind: ShapeKind
    box: tuple[float, float, float, float]
    words: list[Word] = field(default_factory=list)


@dataclass
class PageDrawing:
    segments: list[Segment] = field(default_factory=list)
    arrows: list[Loop] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    fills: list[tuple[float, float, float, float]] = field(default_factory=list)  # solid filled boxes


def _loops(drawing: dict[str, Any]) -> list[Loop]:
    """The drawing's sub-paths, each as the points it passes (a curve by its end points only)."""
    loops: list[Loop] = []
    current: Loop | None = None
    last: Point | None = None
    for item in drawing["items"]:
        op = item[0]
        if op == "re":
            r = item[1]
            loops.append(Loop([(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)], rect=True))
            current, last = None, None
            continue
        if op == "qu":
            q = item[1]
            points = [(q.ul.x, q.ul.y), (q.ur.x, q.ur.y), (q.lr.x, q.lr.y), (q.ll.x, q.ll.y)]
            loops.append(Loop(points, closed=True))
            current, last = None, None
            continue
        first = (item[1].x, item[1].y)
        end = (item[-1].x, item[-1].y)
        if current is None or last is None or math.dist(first, last) > 0.05:
            current = Loop([first])
            loops.append(current)
        if op == "c":
            current.curved = True
        current.points.append(end)
        last = end
    for loop in loops:
        loop.closed = (
            loop.closed
            or loop.rect
            or (len(loop.points) > 2 and math.dist(loop.points[0], loop.points[-1]) <= 0.5)
        )
        loop.points = _dedupe(loop.points)
    return [loop for loop in loops if len(loop.points) >= 2]


def _split_slits(loop: Loop) -> list[Loop]:
    """A filled outline that reaches its inner edge through a slit (it passes one point twice, the inner
    loop between): the outer loop and the inner one apart, as if drawn as two loops."""
    points = loop.points
    if len(points) > _MAX_SLIT_POINTS:
        return [loop]
    for i in range(len(points)):
        for j in range(i + 4, len(points)):
            if math.dist(points[i], points[j]) <= 0.3:
                inner = _split_slits(Loop(points[i:j], closed=True))
                outer = Loop(_dedupe(points[:i] + points[j:]), curved=loop.curved, closed=loop.closed)
                if len(outer.points) < 3:
                    return inner  # only the slit was left outside
                return [*_split_slits(outer), *inner]
    return [loop]


def _dedupe(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for point in points:
        if not out or math.dist(out[-1], point) > 0.3:
            out.append(point)
    if len(out) > 2 and math.dist(out[0], out[-1]) <= 0.3:
        out.pop()
    return out


def _corners(points: list[Point]) -> list[Point]:
    """The points where the outline turns (collinear points and tiny jogs dropped)."""
    pts = list(points)
    changed = True
    while changed and len(pts) > 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            ab, bc = math.dist(a, b), math.dist(b, c)
            cross = abs((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]))
            if ab < 1.0 or bc < 1.0 or cross <= 0.03 * ab * bc:
                del pts[i]
                changed = True
                break
    return pts


def _symbol_kind(loop: Loop) -> ShapeKind:
    x0, y0, x1, y1 = loop.box
    w, h = x1 - x0, y1 - y0
    corners = _corners(loop.points)
    n = len(corners)
    if loop.curved or n > 8 or len(loop.points) > 12:
        return ShapeKind.TERMINATOR  # capsule, rounded rectangle, ellipse (curves, or curves flattened)
    slack = 0.2 * min(w, h) + 0.5

    def near(p: Point, q: Point) -> bool:
        return math.dist(p, q) <= slack

    box_corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    middles = [((x0 + x1) / 2, y0), (x1, (y0 + y1) / 2), ((x0 + x1) / 2, y1), (x0, (y0 + y1) / 2)]
    if n == 4 and all(any(near(p, m) for m in middles) for p in corners):
        return ShapeKind.DECISION
    if n == 4:
        return ShapeKind.PROCESS  # a rectangle, or a parallelogram (data): a step either way
    if n == 5:
        return ShapeKind.OFFPAGE
    if n == 6 and sum(any(near(p, c) for c in box_corners) for p in corners) >= 4:
        return ShapeKind.PROCESS  # a box with a folded corner or a tab
    return ShapeKind.OTHER


def _area(points: list[Point]) -> float:
    return (
        abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1], strict=True))) / 2
    )


def _filled_area(loop: Loop, holes: list[Loop]) -> float:
    """The area a filled loop paints: its own, less the holes inside it (a box and its lines filled as one
    outline paints only the outline)."""
    inside = [h for h in holes if _box_in(h.box, loop.box) and _point_in(_middle(h.box), loop.points)]
    return _area(loop.points) - sum(_area(h.points) for h in inside)


def _box_in(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
        and tuple(inner) != tuple(outer)
    )


def _middle(box: tuple[float, ...]) -> Point:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _point_in(point: Point, polygon: list[Point]) -> bool:
    """Whether a point is inside a polygon (even-odd rule)."""
    x, y = point
    inside = False
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def _centre_lines(points: list[Point]) -> list[Segment]:
    """The centre line of a filled stroke outline: each long edge paired with the nearest parallel edge
    facing it, the segment between them running the length of both."""
    edges = [(a, b) for a, b in zip(points, points[1:] + points[:1], strict=True) if math.dist(a, b) >= 1.0]
    used: set[int] = set()
    out: list[Segment] = []
    for i, (a, b) in enumerate(edges):
        if i in used:
            continue
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        best: tuple[float, int] | None = None
        for j, (c, d) in enumerate(edges):
            if j == i or j in used:
                continue
            other = math.dist(c, d)
            vx, vy = (d[0] - c[0]) / other, (d[1] - c[1]) / other
            if abs(ux * vy - uy * vx) > 0.08:
                continue
            mx, my = (c[0] + d[0]) / 2 - a[0], (c[1] + d[1]) / 2 - a[1]
            gap = abs(mx * -uy + my * ux)
            if gap > 3.0:
                continue
            t = sorted(((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) for p in (c, d))
            overlap = min(length, t[1]) - max(0.0, t[0])
            if overlap < 0.3 * min(length, other):
                continue
            if best is None or gap < best[0]:
                best = gap, j
        if best is None:
            continue
        j = best[1]
        used.update((i, j))
        c, d = edges[j]
        offsets = [((p[0] - a[0]) * -uy + (p[1] - a[1]) * ux) for p in (a, b, c, d)]
        along = [((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) for p in (a, b, c, d)]
        mid = (min(offsets) + max(offsets)) / 2
        lo, hi = min(along), max(along)
        base = (a[0] - uy * mid, a[1] + ux * mid)
        out.append(Segment((base[0] + ux * lo, base[1] + uy * lo), (base[0] + ux * hi, base[1] + uy * hi)))
    return _chain(out)


def _chain(segments: list[Segment]) -> list[Segment]:
    """Segments of one drawn line, corners closed (each pair of ends near each other moved to where the
    two lines cross) and ordered end to start."""
    for i, s in enumerate(segments):
        for t in segments[i + 1 :]:
            for s_end in ("start", "end"):
                for t_end in ("start", "end"):
                    p, q = getattr(s, s_end), getattr(t, t_end)
                    if math.dist(p, q) > 3.0:
                        continue
                    meet = _crossing(s, t) or ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
                    setattr(s, s_end, meet)
                    setattr(t, t_end, meet)
    if len(segments) < 2:
        return segments

    def degree(point: Point, skip: Segment) -> int:
        return sum(
            1
            for o in segments
            if o is not skip and (math.dist(o.start, point) < 0.5 or math.dist(o.end, point) < 0.5)
        )

    loose = [(s, end) for s in segments for end in ("start", "end") if degree(getattr(s, end), s) == 0]
    if not loose:
        return segments
    ordered: list[Segment] = []
    segment, at = loose[0]
    point = getattr(segment, at)
    remaining = list(segments)
    while True:
        nxt = next(
            (s for s in remaining if math.dist(s.start, point) < 0.5 or math.dist(s.end, point) < 0.5), None
        )
        if nxt is None:
            break
        remaining.remove(nxt)
        if math.dist(nxt.end, point) < 0.5:
            nxt.start, nxt.end = nxt.end, nxt.start
        ordered.append(nxt)
        point = nxt.end
    return ordered + remaining


def _crossing(s: Segment, t: Segment) -> Point | None:
    (x1, y1), (x2, y2) = s.start, s.end
    (x3, y3), (x4, y4) = t.start, t.end
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-6 * (s.length * t.length + 1e-9):
        return None
    a = x1 * y2 - y1 * x2
    b = x3 * y4 - y3 * x4
    return (a * (x3 - x4) - (x1 - x2) * b) / den, (a * (y3 - y4) - (y1 - y2) * b) / den


def _is_arrowhead(loop: Loop) -> bool:
    x0, y0, x1, y1 = loop.box
    if loop.rect or max(x1 - x0, y1 - y0) > _ARROW or min(x1 - x0, y1 - y0) < 1.0:
        return False
    return 3 <= len(_corners(loop.points)) <= 4 and not loop.curved


def read_drawings(drawings: list[dict[str, Any]]) -> PageDrawing:
    page = PageDrawing()
    for drawing in drawings:
        kind = drawing.get("type") or ""
        fill = drawing.get("fill")
        stroked = "s" in kind
        ink = "f" in kind and fill is not None and max(fill) < 0.85
        loops = _loops(drawing)
        if stroked:
            for loop in loops:
                x0, y0, x1, y1 = loop.box
                closed = loop.closed or (
                    len(loop.points) >= 3 and ("f" in kind or bool(drawing.get("closePath")))
                )
                if closed and min(x1 - x0, y1 - y0) >= _MIN_SYMBOL and len(loop.points) >= 3:
                    page.symbols.append(Symbol(_symbol_kind(loop), loop.box))
                elif loop.rect:
                    page.segments.append(_thin_rect(loop, ruling=True))
                else:
                    pts = loop.points
                    for a, b in itertools.pairwise(pts):
                        page.segments.append(Segment(a, b, ruling=True))
            continue
        if not ink:
            # A light fill is shading, except a thin one: a white border drawn over a dark header.
            page.segments.extend(
                _thin_rect(loop, ruling=True)
                for loop in loops
                if "f" in kind
                and loop.rect
                and min(loop.box[2] - loop.box[0], loop.box[3] - loop.box[1]) <= _THIN
            )
            continue
        loops = [part for loop in loops for part in _split_slits(loop)]
        inner: set[int] = set()
        for i, loop in enumerate(loops):
            for j, other in enumerate(loops):
                if i != j and j not in inner and _inside(other.box, loop.box) and not other.rect:
                    inner.add(j)
        # A hole far from its outline's edges too (a box filled as one outline with the lines it touches).
        inner.update(
            j
            for j, other in enumerate(loops)
            if len(loops) <= _MAX_LOOPS
            and j not in inner
            and not other.rect
            and min(other.box[2] - other.box[0], other.box[3] - other.box[1]) >= _MIN_SYMBOL
            and any(
                k != j and _box_in(other.box, loop.box) and _point_in(_middle(other.box), loop.points)
                for k, loop in enumerate(loops)
            )
        )
        arrows = [loop for i, loop in enumerate(loops) if i not in inner and _is_arrowhead(loop)]
        drawn: list[Segment] = []
        for i, loop in enumerate(loops):
            if i in inner or any(loop is a for a in arrows):
                continue
            x0, y0, x1, y1 = loop.box
            w, h = x1 - x0, y1 - y0
            ring = any(_inside(loops[j].box, loop.box) for j in inner)
            if ring and min(w, h) >= _MIN_SYMBOL:
                page.symbols.append(Symbol(_symbol_kind(loop), loop.box))
            elif min(w, h) <= _THIN and len(_corners(loop.points)) <= 4:
                drawn.append(_thin_rect(loop, ruling=not arrows))
            elif min(w, h) >= _MIN_SYMBOL and _filled_area(loop, [loops[j] for j in inner]) > 0.35 * w * h:
                if loop.rect or (_symbol_kind(loop) == ShapeKind.PROCESS and len(_corners(loop.points)) == 4):
                    page.fills.append(loop.box)
                else:
                    page.symbols.append(Symbol(_symbol_kind(loop), loop.box))
            else:
                drawn.extend(_centre_lines(loop.points))
        # Boxes and connectors that touch are often filled as one outline (Word): a box's inside is then
        # a hole far from the outline's edges, which no ring above claimed.
        rings = [loop.box for i, loop in enumerate(loops) if i not in inner]
        for j in inner:
            hole = loops[j]
            x0, y0, x1, y1 = hole.box
            if min(x1 - x0, y1 - y0) < _MIN_SYMBOL or any(_inside(hole.box, box) for box in rings):
                continue
            kind = _symbol_kind(hole)
            if kind in (ShapeKind.PROCESS, ShapeKind.DECISION, ShapeKind.TERMINATOR, ShapeKind.OFFPAGE):
                page.symbols.append(Symbol(kind, hole.box))
        if arrows and len(drawn) > 1:
            drawn = _chain(drawn)
        for arrow in arrows:
            attach_arrowhead(arrow, drawn)
        page.segments.extend(drawn)
        page.arrows.extend(a for a in arrows if not _attached(a, drawn))
    return page


def _thin_rect(loop: Loop, *, ruling: bool) -> Segment:
    x0, y0, x1, y1 = loop.box
    if x1 - x0 >= y1 - y0:
        y = (y0 + y1) / 2
        return Segment((x0, y), (x1, y), ruling=ruling)
    x = (x0 + x1) / 2
    return Segment((x, y0), (x, y1), ruling=ruling)


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    margin = 4.0
    return (
        outer[0] - 0.1 <= inner[0] <= outer[0] + margin
        and outer[1] - 0.1 <= inner[1] <= outer[1] + margin
        and outer[2] - margin <= inner[2] <= outer[2] + 0.1
        and outer[3] - margin <= inner[3] <= outer[3] + 0.1
        and inner != outer
    )


def attach_arrowhead(arrow: Loop, segments: list[Segment]) -> bool:
    """Put an arrowhead on the segment end it sits on: that end is moved to its tip."""
    cx = sum(p[0] for p in arrow.points) / len(arrow.points)
    cy = sum(p[1] for p in arrow.points) / len(arrow.points)
    best: tuple[float, Segment, str] | None = None
    for segment in segments:
        for end in ("start", "end"):
            if segment.arrow in (end, "both"):
                continue
            gap = math.dist(getattr(segment, end), (cx, cy))
            if gap <= 6.0 and (best is None or gap < best[0]):
                best = gap, segment, end
    if best is None:
        return False
    _, segment, end = best
    other = segment.start if end == "end" else segment.end
    length = segment.length or 1.0
    ux = (getattr(segment, end)[0] - other[0]) / length
    uy = (getattr(segment, end)[1] - other[1]) / length
    tip = max(arrow.points, key=lambda p: (p[0] - other[0]) * ux + (p[1] - other[1]) * uy)
    reach = (tip[0] - other[0]) * ux + (tip[1] - other[1]) * uy
    if reach > 0:
        setattr(segment, end, (other[0] + ux * reach, other[1] + uy * reach))
    segment.arrow = "both" if segment.arrow else end
    segment.ruling = False
    return True


def _attached(arrow: Loop, segments: list[Segment]) -> bool:
    return any(s.arrow for s in segments) and any(
        math.dist(getattr(s, e), p) < 6.0 for s in segments for e in ("start", "end") for p in arrow.points
    )
