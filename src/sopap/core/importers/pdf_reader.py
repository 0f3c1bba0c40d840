"""Reading a text PDF: ruling lines become grids, words fill their cells, vector drawings become shapes.

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

Horizontal and vertical segments that meet others at both ends are the table's rulings; their
connected groups are the tables, each laid on a grid (a cell spans the grid lines no ruling crosses).
Every other segment is a connector. Words fill the cell their centre falls in, or the symbol they are
written in; a lone Ya/Tidak beside a connector is a branch label. Words outside any table are
paragraphs, except the electronic-signature stamp (BSrE footer) that is no part of the document.
Geometry is handed on in EMU relative to each table's top-left corner, as the Word and Excel readers do.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sopap.core.i18n import Text
from sopap.core.importers.raster import Found, find_symbols, paper_mask
from sopap.core.importers.safety import CorruptFileError, EncryptedFileError, NoSopFoundError
from sopap.core.importers.tables import (
    MARK_TEXT,
    RASTER,
    Block,
    Cell,
    Paragraph,
    Shape,
    ShapeKind,
    Table,
    is_column_number_row,
)
from sopap.core.importers.text import clean

EMU_PER_PT = 12700
Point = tuple[float, float]

_THIN = 2.5  # pt: a filled rectangle thinner than this is a line
_ARROW = 12.0  # pt: a filled loop no larger than this is an arrowhead
_MIN_SYMBOL = 4.0  # pt: a closed loop smaller than this in either direction is no symbol
_TOUCH = 2.5  # pt: how far a ruling's end may stop short of the ruling it meets
_SAME_LINE = 2.0  # pt: rulings this close are one grid line
_MIN_RULING = 6.0  # pt
_MAX_LOOPS = 200  # a filled drawing of more loops (lettering drawn as paths) is not searched for holes
_MAX_SLIT_POINTS = 400  # nor a loop of more points for slits
_STAMP = re.compile(
    r"(ditandatangani secara elektronik|sertifikat elektronik|balai sertifikasi elektronik|\bbsre\b|"
    r"pindai kode qr|kode qr di samping|untuk menampilkan file asli)",
    re.IGNORECASE,
)
_LIST_START = re.compile(r"^(\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-•·▪*–])(\s|$)")


@dataclass
class _Loop:
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
class _Segment:
    start: Point
    end: Point
    arrow: str = ""
    ruling: bool = False  # may be a table border (no arrowhead, not part of a drawn connector)
    sources: list[_Segment] = field(default_factory=list)  # what a ruling candidate was made from

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
class _Symbol:
    kind: ShapeKind
    box: tuple[float, float, float, float]
    words: list[tuple[float, float, float, float, str]] = field(default_factory=list)


@dataclass
class _Page:
    segments: list[_Segment] = field(default_factory=list)
    arrows: list[_Loop] = field(default_factory=list)
    symbols: list[_Symbol] = field(default_factory=list)
    fills: list[tuple[float, float, float, float]] = field(default_factory=list)  # solid filled boxes


def read_pdf(data: bytes, path: str, *, step: Callable[[int, int], None] | None = None) -> list[Block]:
    """Blocks of every page of a PDF given as bytes; ``step(page, pages)`` after each page."""
    import pymupdf as library

    pymupdf: Any = library  # its own type hints are partial

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    if b"%PDF" not in data[:1024]:
        raise CorruptFileError(
            Text("berkas ini bukan PDF atau rusak (tidak diawali tanda “%PDF”); simpan ulang sebagai PDF"),
            path=path,
        )
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF refuses a damaged file with several exception types
        raise CorruptFileError(
            Text(
                "berkas PDF rusak dan tidak dapat dibuka ({error}); simpan ulang sebagai PDF",
                error=type(exc).__name__,
            ),
            path=path,
        ) from exc
    with document:
        if document.needs_pass:
            raise EncryptedFileError(
                Text(
                    "berkas PDF ini dilindungi kata sandi; buka dengan kata sandinya, simpan tanpa kata sandi, "
                    "lalu impor lagi"
                ),
                path=path,
            )
        blocks: list[Block] = []
        words_seen = 0
        pictures = 0
        seen: dict[int, _Read] = {}  # the symbols in each picture, by its xref (read once)
        for page in document:
            words = [w[:5] for w in page.get_text("words") if clean(w[4])]
            words_seen += len(words)
            # Where each picture is placed; get_image_info() would lay out the page's text a second time.
            # (Its transform too would do so: a picture is taken as placed upright, as pasted pictures are.)
            images = [
                _Image(tuple(rect), _pictured(pymupdf, document, item[0], item[1], _upright(rect), seen))
                for item in page.get_images(full=True)
                for rect in page.get_image_rects(item[0])
            ]
            pictures += len(images)
            blocks.extend(_page_blocks(page.number + 1, page.get_drawings(), words, images))
            if step is not None:
                step(page.number + 1, document.page_count)
    if words_seen == 0:
        if pictures:
            raise NoSopFoundError(
                Text(
                    "berkas PDF ini hasil pindaian tanpa lapisan teks: isinya gambar halaman, tidak ada teks "
                    "yang dapat dibaca. Impor berkas Word/Excel aslinya, atau PDF yang disimpan langsung dari "
                    "pengolah kata"
                ),
                path=path,
            )
        raise NoSopFoundError(Text("berkas PDF ini tidak berisi teks sama sekali"), path=path)
    return blocks


# ------------------------------------------------------------------------------------------ pictures

_MIN_PICTURE = 40.0  # pt: a smaller picture inside a table is a logo or a mark, never a flowchart
_PX_PER_PT = 2.5  # a picture is read at no more than this many pixels per point (lines stay 2 px wide)
_MAX_PIXELS = 2_000_000
_MIN_PAPER = 0.75  # a line drawing is mostly paper; a photo or a shaded screenshot is not


def _upright(rect: Any) -> tuple[float, ...]:
    """The matrix placing a picture's unit square upright on ``rect``."""
    return (rect.x1 - rect.x0, 0.0, 0.0, rect.y1 - rect.y0, rect.x0, rect.y0)


_Read = tuple[int, int, list[Found]]  # a picture's width and height in pixels, the symbols in it


@dataclass
class _Image:
    box: tuple[float, ...]
    symbols: Callable[[], list[tuple[ShapeKind, tuple[float, float, float, float]]]]


def _pictured(
    pymupdf: Any, document: Any, xref: int, smask: int, matrix: tuple[float, ...], seen: dict[int, _Read]
) -> Callable[[], list[tuple[ShapeKind, tuple[float, float, float, float]]]]:
    """The flowchart symbols drawn in a placed picture, on the page (read when first asked for)."""

    def symbols() -> list[tuple[ShapeKind, tuple[float, float, float, float]]]:
        a, b, c, d, e, f = matrix[:6]
        width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
        if xref not in seen:
            seen[xref] = _picture_symbols(pymupdf, document, xref, smask, width_pt, height_pt)
        w, h, found_here = seen[xref]
        out: list[tuple[ShapeKind, tuple[float, float, float, float]]] = []
        for found in found_here:
            corners = [
                (u / w * a + v / h * c + e, u / w * b + v / h * d + f)
                for u in (found.box[0], found.box[2])
                for v in (found.box[1], found.box[3])
            ]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            out.append((found.kind, (min(xs), min(ys), max(xs), max(ys))))
        return out

    return symbols


def _decoded(
    pymupdf: Any, document: Any, xref: int, smask: int, width_pt: float, height_pt: float
) -> tuple[Any, Any]:
    """A picture as grey levels and its transparency (when it has one), at about ``_PX_PER_PT``."""
    base = pymupdf.Pixmap(document, xref)
    alpha_pix = pymupdf.Pixmap(document, smask) if smask else None
    if base.alpha:
        if alpha_pix is None:
            alpha_pix = pymupdf.Pixmap(None, base)  # its own alpha channel, as a mask
        base = pymupdf.Pixmap(base, 0)
    if base.n != 1:
        base = pymupdf.Pixmap(pymupdf.csGRAY, base)
    if alpha_pix is not None and (
        (alpha_pix.width, alpha_pix.height) != (base.width, base.height) or alpha_pix.n != 1
    ):
        alpha_pix = None  # a soft mask of another size: read the picture without it
    scale = max(base.width / max(width_pt, 1.0), base.height / max(height_pt, 1.0))
    factor = 0
    while scale / 2 ** (factor + 1) >= _PX_PER_PT or base.width * base.height / 4**factor > _MAX_PIXELS:
        factor += 1
    if factor:
        base.shrink(factor)
        if alpha_pix is not None:
            alpha_pix.shrink(factor)
    return base, alpha_pix


def _picture_symbols(
    pymupdf: Any, document: Any, xref: int, smask: int, width_pt: float, height_pt: float
) -> _Read:
    """The symbols in one picture's own pixels, in those pixels (the picture read as a paper mask)."""
    try:
        base, alpha_pix = _decoded(pymupdf, document, xref, smask, width_pt, height_pt)
    except Exception:  # an image MuPDF cannot decode (or convert): nothing read from it
        return 1, 1, []
    width, height = base.width, base.height
    mask = paper_mask(base.samples, alpha_pix.samples if alpha_pix is not None else None)
    if mask.count(1) < _MIN_PAPER * len(mask):
        return width, height, []
    return width, height, find_symbols(mask, width, height, px_per_pt=width / max(width_pt, 1.0))


# ------------------------------------------------------------------------------------------ drawings


def _loops(drawing: dict[str, Any]) -> list[_Loop]:
    """The drawing's sub-paths, each as the points it passes (a curve by its end points only)."""
    loops: list[_Loop] = []
    current: _Loop | None = None
    last: Point | None = None
    for item in drawing["items"]:
        op = item[0]
        if op == "re":
            r = item[1]
            loops.append(_Loop([(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)], rect=True))
            current, last = None, None
            continue
        if op == "qu":
            q = item[1]
            points = [(q.ul.x, q.ul.y), (q.ur.x, q.ur.y), (q.lr.x, q.lr.y), (q.ll.x, q.ll.y)]
            loops.append(_Loop(points, closed=True))
            current, last = None, None
            continue
        first = (item[1].x, item[1].y)
        end = (item[-1].x, item[-1].y)
        if current is None or last is None or math.dist(first, last) > 0.05:
            current = _Loop([first])
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


def _split_slits(loop: _Loop) -> list[_Loop]:
    """A filled outline that reaches its inner edge through a slit (it passes one point twice, the inner
    loop between): the outer loop and the inner one apart, as if drawn as two loops."""
    points = loop.points
    if len(points) > _MAX_SLIT_POINTS:
        return [loop]
    for i in range(len(points)):
        for j in range(i + 4, len(points)):
            if math.dist(points[i], points[j]) <= 0.3:
                inner = _split_slits(_Loop(points[i:j], closed=True))
                outer = _Loop(_dedupe(points[:i] + points[j:]), curved=loop.curved, closed=loop.closed)
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


def _symbol_kind(loop: _Loop) -> ShapeKind:
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


def _filled_area(loop: _Loop, holes: list[_Loop]) -> float:
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


def _centre_lines(points: list[Point]) -> list[_Segment]:
    """The centre line of a filled stroke outline: each long edge paired with the nearest parallel edge
    facing it, the segment between them running the length of both."""
    edges = [(a, b) for a, b in zip(points, points[1:] + points[:1], strict=True) if math.dist(a, b) >= 1.0]
    used: set[int] = set()
    out: list[_Segment] = []
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
        out.append(_Segment((base[0] + ux * lo, base[1] + uy * lo), (base[0] + ux * hi, base[1] + uy * hi)))
    return _chain(out)


def _chain(segments: list[_Segment]) -> list[_Segment]:
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

    def degree(point: Point, skip: _Segment) -> int:
        return sum(
            1
            for o in segments
            if o is not skip and (math.dist(o.start, point) < 0.5 or math.dist(o.end, point) < 0.5)
        )

    loose = [(s, end) for s in segments for end in ("start", "end") if degree(getattr(s, end), s) == 0]
    if not loose:
        return segments
    ordered: list[_Segment] = []
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


def _crossing(s: _Segment, t: _Segment) -> Point | None:
    (x1, y1), (x2, y2) = s.start, s.end
    (x3, y3), (x4, y4) = t.start, t.end
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-6 * (s.length * t.length + 1e-9):
        return None
    a = x1 * y2 - y1 * x2
    b = x3 * y4 - y3 * x4
    return (a * (x3 - x4) - (x1 - x2) * b) / den, (a * (y3 - y4) - (y1 - y2) * b) / den


def _is_arrowhead(loop: _Loop) -> bool:
    x0, y0, x1, y1 = loop.box
    if loop.rect or max(x1 - x0, y1 - y0) > _ARROW or min(x1 - x0, y1 - y0) < 1.0:
        return False
    return 3 <= len(_corners(loop.points)) <= 4 and not loop.curved


def _read_drawings(drawings: list[dict[str, Any]]) -> _Page:
    page = _Page()
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
                    page.symbols.append(_Symbol(_symbol_kind(loop), loop.box))
                elif loop.rect:
                    page.segments.append(_thin_rect(loop, ruling=True))
                else:
                    pts = loop.points
                    for a, b in itertools.pairwise(pts):
                        page.segments.append(_Segment(a, b, ruling=True))
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
        drawn: list[_Segment] = []
        for i, loop in enumerate(loops):
            if i in inner or any(loop is a for a in arrows):
                continue
            x0, y0, x1, y1 = loop.box
            w, h = x1 - x0, y1 - y0
            ring = any(_inside(loops[j].box, loop.box) for j in inner)
            if ring and min(w, h) >= _MIN_SYMBOL:
                page.symbols.append(_Symbol(_symbol_kind(loop), loop.box))
            elif min(w, h) <= _THIN and len(_corners(loop.points)) <= 4:
                drawn.append(_thin_rect(loop, ruling=not arrows))
            elif min(w, h) >= _MIN_SYMBOL and _filled_area(loop, [loops[j] for j in inner]) > 0.35 * w * h:
                if loop.rect or (_symbol_kind(loop) == ShapeKind.PROCESS and len(_corners(loop.points)) == 4):
                    page.fills.append(loop.box)
                else:
                    page.symbols.append(_Symbol(_symbol_kind(loop), loop.box))
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
                page.symbols.append(_Symbol(kind, hole.box))
        if arrows and len(drawn) > 1:
            drawn = _chain(drawn)
        for arrow in arrows:
            _attach(arrow, drawn)
        page.segments.extend(drawn)
        page.arrows.extend(a for a in arrows if not _attached(a, drawn))
    return page


def _thin_rect(loop: _Loop, *, ruling: bool) -> _Segment:
    x0, y0, x1, y1 = loop.box
    if x1 - x0 >= y1 - y0:
        y = (y0 + y1) / 2
        return _Segment((x0, y), (x1, y), ruling=ruling)
    x = (x0 + x1) / 2
    return _Segment((x, y0), (x, y1), ruling=ruling)


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    margin = 4.0
    return (
        outer[0] - 0.1 <= inner[0] <= outer[0] + margin
        and outer[1] - 0.1 <= inner[1] <= outer[1] + margin
        and outer[2] - margin <= inner[2] <= outer[2] + 0.1
        and outer[3] - margin <= inner[3] <= outer[3] + 0.1
        and inner != outer
    )


def _attach(arrow: _Loop, segments: list[_Segment]) -> bool:
    """Put an arrowhead on the segment end it sits on: that end is moved to its tip."""
    cx = sum(p[0] for p in arrow.points) / len(arrow.points)
    cy = sum(p[1] for p in arrow.points) / len(arrow.points)
    best: tuple[float, _Segment, str] | None = None
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


def _attached(arrow: _Loop, segments: list[_Segment]) -> bool:
    return any(s.arrow for s in segments) and any(
        math.dist(getattr(s, e), p) < 6.0 for s in segments for e in ("start", "end") for p in arrow.points
    )


# -------------------------------------------------------------------------------------------- grids


def _rulings(segments: list[_Segment]) -> list[_Segment]:
    """The table borders: horizontal and vertical ruling candidates that meet another at both ends (at a
    corner, a T or a cross), found by dropping loose ones until none is left."""
    live: list[_Segment] = []
    for s in segments:
        if s.ruling and (s.horizontal or s.vertical):
            # Compared left to right and top to bottom; a copy, since a connector keeps its direction.
            a, b = sorted((s.start, s.end))
            live.append(_Segment(a, b, ruling=True, sources=[s]))
    live = [s for s in _merged(live) if s.length >= _MIN_RULING]
    while True:
        horizontal = [s for s in live if s.horizontal]
        vertical = [s for s in live if s.vertical]
        open_x = _open_edges([c for s in horizontal for c in (s.start[0], s.end[0])])
        open_y = _open_edges([c for s in vertical for c in (s.start[1], s.end[1])])
        keep = [
            s
            for s in live
            if _held(s, vertical if s.horizontal else horizontal, open_x if s.horizontal else open_y)
        ]
        if len(keep) == len(live):
            return keep
        live = keep


def _merged(segments: list[_Segment]) -> list[_Segment]:
    """Collinear pieces of one border (a spreadsheet draws each cell's side on its own) as one line."""
    out: list[_Segment] = []
    for axis in (0, 1):  # 0: horizontal lines (same y), 1: vertical lines (same x)
        lines = [s for s in segments if (s.horizontal if axis == 0 else s.vertical)]
        across = 1 - axis
        lines.sort(key=lambda s: (round(s.start[across] / 0.6), s.start[axis]))
        current: _Segment | None = None
        for s in lines:
            if (
                current is not None
                and abs(s.start[across] - current.start[across]) <= 0.6
                and s.start[axis] <= current.end[axis] + _TOUCH
            ):
                current.sources.extend(s.sources)
                if s.end[axis] > current.end[axis]:
                    end = list(current.end)
                    end[axis] = s.end[axis]
                    current.end = (end[0], end[1])
                continue
            current = _Segment(s.start, s.end, ruling=True, sources=list(s.sources))
            out.append(current)
    return out


def _open_edges(ends: list[float]) -> list[float]:
    """Where three or more parallel rulings stop together with nothing across them: the open side of a
    table cut by a page break."""
    ends = sorted(ends)
    return [v for i, v in enumerate(ends) if i + 2 < len(ends) and ends[i + 2] - v <= 1.5]


def _held(segment: _Segment, across: list[_Segment], open_edges: list[float]) -> bool:
    axis = 0 if segment.horizontal else 1

    def touches(point: Point) -> bool:
        if any(abs(point[axis] - edge) <= 1.5 for edge in open_edges):
            return True
        for other in across:
            if segment.horizontal:
                if (
                    abs(other.start[0] - point[0]) <= _TOUCH
                    and other.start[1] - _TOUCH <= point[1] <= other.end[1] + _TOUCH
                ):
                    return True
            elif (
                abs(other.start[1] - point[1]) <= _TOUCH
                and other.start[0] - _TOUCH <= point[0] <= other.end[0] + _TOUCH
            ):
                return True
        return False

    return touches(segment.start) and touches(segment.end)


def _groups(rulings: list[_Segment]) -> list[list[_Segment]]:
    parent = list(range(len(rulings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rulings):
        if not a.horizontal:
            continue
        for j, b in enumerate(rulings):
            if not b.vertical:
                continue
            if (
                a.start[0] - _TOUCH <= b.start[0] <= a.end[0] + _TOUCH
                and b.start[1] - _TOUCH <= a.start[1] <= b.end[1] + _TOUCH
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Segment]] = {}
    for i, s in enumerate(rulings):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _SAME_LINE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    cells: list[list[int]]  # cell id per (row, col)
    spans: list[tuple[int, int, int, int]]  # cell id -> (row, col, rowspan, colspan)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def at(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return row, col


def _bands(group: list[_Segment]) -> list[_Grid]:
    """The grids of one group of rulings, cut where the columns change (a sheet printed as one table:
    the identity box above the procedure table), so each part has only its own columns."""
    grid = _grid(group)
    if grid is None:
        return []
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1

    def walls(r: int) -> set[float]:
        return {
            grid.xs[c]
            for c in range(1, cols)
            if r + 1 < len(grid.ys) and grid.cells[r][c] != grid.cells[r][c - 1]
        }

    cuts = [0]
    for r in range(rows - 1):
        above, below = walls(r), walls(r + 1)
        full = all(grid.cells[r][c] != grid.cells[r + 1][c] for c in range(cols))
        if full and len(above & below) < 0.5 * max(len(above), len(below), 1):
            cuts.append(r + 1)
    if len(cuts) == 1:
        return [grid]
    cuts.append(rows)
    out: list[_Grid] = []
    for top, bottom in itertools.pairwise(cuts):
        y0, y1 = grid.ys[top], grid.ys[bottom]
        part: list[_Segment] = []
        for s in group:
            if s.horizontal and y0 - _SAME_LINE <= s.start[1] <= y1 + _SAME_LINE:
                part.append(s)
            elif s.vertical and s.start[1] < y1 - _SAME_LINE and s.end[1] > y0 + _SAME_LINE:
                part.append(
                    _Segment((s.start[0], max(s.start[1], y0)), (s.end[0], min(s.end[1], y1)), ruling=True)
                )
        band = _grid(part)
        if band is not None:
            out.append(band)
    return out


def _grid(group: list[_Segment]) -> _Grid | None:
    horizontal = [s for s in group if s.horizontal]
    vertical = [s for s in group if s.vertical]
    # The outer ends of the rulings close a table whose last border a page break left undrawn.
    xs = _cluster(
        [s.start[0] for s in vertical]
        + [min(s.start[0] for s in horizontal), max(s.end[0] for s in horizontal)]
        if horizontal
        else []
    )
    ys = _cluster(
        [s.start[1] for s in horizontal]
        + [min(s.start[1] for s in vertical), max(s.end[1] for s in vertical)]
        if vertical
        else []
    )
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1

    def wall(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(
            abs(s.start[0] - x) <= _SAME_LINE and s.start[1] - 0.5 <= mid <= s.end[1] + 0.5 for s in vertical
        )

    def floor(y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(
            abs(s.start[1] - y) <= _SAME_LINE and s.start[0] - 0.5 <= mid <= s.end[0] + 0.5
            for s in horizontal
        )

    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not wall(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not floor(ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            members.setdefault(find(r * cols + c), []).append((r, c))
    cells = [[-1] * cols for _ in range(rows)]
    spans: list[tuple[int, int, int, int]] = []
    for positions in sorted(members.values()):
        r0 = min(p[0] for p in positions)
        c0 = min(p[1] for p in positions)
        r1 = max(p[0] for p in positions)
        c1 = max(p[1] for p in positions)
        ident = len(spans)
        spans.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if cells[r][c] == -1:
                    cells[r][c] = ident
    return _Grid(xs, ys, cells, spans)


def _unruled_columns(grid: _Grid, words: list[_Word]) -> _Grid:
    """A grid with the columns its column-number row counts but no ruling parts (Word tables with a
    border left out: "3 4" in one cell of the row "1 2 3 4 5 ..."): each such cell split halfway between
    its numbers, down through the cells of that one column above and below the row."""
    by_row: dict[int, dict[int, list[_Word]]] = {}
    for word in words:
        at = grid.at((word[0] + word[2]) / 2, (word[1] + word[3]) / 2)
        if at is not None:
            by_row.setdefault(at[0], {}).setdefault(at[1], []).append(word)
    for r in sorted(by_row):
        row_words = by_row[r]
        ordered = [sorted(row_words[c], key=lambda w: w[0]) for c in sorted(row_words)]
        if not is_column_number_row([w[4] for cell in ordered for w in cell]):
            continue
        splits: list[tuple[int, float]] = []
        for col, cell in zip(sorted(row_words), ordered, strict=True):
            ident = grid.cells[r][col]
            if grid.spans[ident][3] != 1:
                continue  # a cell merged over ruled columns already has them
            centres = [(w[0] + w[2]) / 2 for w in cell]
            splits.extend((col, (a + b) / 2) for a, b in itertools.pairwise(centres))
        for col, x in sorted(splits, key=lambda item: -item[1]):
            grid = _split_column(grid, col, x, r)
        return grid
    return grid


def _split_column(grid: _Grid, col: int, x: float, row: int) -> _Grid:
    """The grid with column ``col`` cut at ``x`` through the one-column cells around ``row``; a cell
    spanning more columns (the "Pelaksana" heading) or lying outside them only widens by the new column."""
    one = [grid.spans[grid.cells[r][col]][3] == 1 for r in range(len(grid.ys) - 1)]
    top = row
    while top > 0 and one[top - 1]:
        top -= 1
    bottom = row
    while bottom + 1 < len(one) and one[bottom + 1]:
        bottom += 1
    spans = [
        (r0, c0 + 1, rs, cs) if c0 > col else (r0, c0, rs, cs + 1) if c0 + cs - 1 >= col else (r0, c0, rs, cs)
        for r0, c0, rs, cs in grid.spans
    ]
    cells = [[*cells_row[: col + 1], cells_row[col], *cells_row[col + 1 :]] for cells_row in grid.cells]
    split: dict[int, int] = {}
    for r in range(top, bottom + 1):
        ident = cells[r][col]
        r0, c0, rs, _ = spans[ident]
        if r0 < top or r0 + rs - 1 > bottom:
            continue
        if ident not in split:
            split[ident] = len(spans)
            spans[ident] = (r0, c0, rs, 1)
            spans.append((r0, col + 1, rs, 1))
        cells[r][col + 1] = split[ident]
    return _Grid([*grid.xs[: col + 1], x, *grid.xs[col + 1 :]], grid.ys, cells, spans)


# -------------------------------------------------------------------------------------------- pages

_Word = tuple[float, float, float, float, str]


def _page_blocks(
    number: int,
    drawings: list[dict[str, Any]],
    words: list[_Word],
    images: list[_Image],
) -> list[Block]:
    page = _read_drawings(drawings)
    rulings = _rulings(page.segments)
    ruling_ids = {id(x) for s in rulings for x in s.sources}
    grids = [band for group in _groups(rulings) for band in _bands(group)]
    grids = [_unruled_columns(g, words) for g in grids]
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    # A segment lying within a symbol is its outline, drawn apart from its fill (LibreOffice), or a mark
    # inside it: no connector.
    connectors = [
        s
        for s in page.segments
        if id(s) not in ruling_ids
        and s.length > 0.5
        and not any(_within(_seg_box(s), sym.box) for sym in page.symbols)
    ]
    for arrow in page.arrows:
        _attach(arrow, connectors)
    grid_boxes = [g.box for g in grids]
    for box in page.fills:
        # A solid box inside a cell (never on its borders) is a symbol; one filling a cell is shading.
        grid = next((g for g in grids if _within(box, g.box)), None)
        # A filled box holding words is the shading of a paragraph, not a symbol.
        holds_words = any(
            box[0] <= (w[0] + w[2]) / 2 <= box[2] and box[1] <= (w[1] + w[3]) / 2 <= box[3] for w in words
        )
        if grid is not None and _clear_of_lines(box, grid) and not holds_words:
            page.symbols.append(_Symbol(ShapeKind.PROCESS, box))
    symbols = [s for s in page.symbols if not any(_same_box(s.box, g.box) for g in grids)]
    symbols = [s for s in symbols if not _is_cell(s.box, grids)]
    free: list[_Word] = []
    for word in words:
        cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
        holder = next(
            (s for s in symbols if s.kind != ShapeKind.OTHER and _holds(s, cx, cy)),
            None,
        )
        if holder is not None and any(_within(holder.box, b) for b in grid_boxes):
            holder.words.append(word)
        else:
            free.append(word)
    tables: list[tuple[float, Block]] = []
    placed: set[int] = set()
    for grid in grids:
        inside = [w for w in free if grid.at((w[0] + w[2]) / 2, (w[1] + w[3]) / 2) is not None]
        placed.update(id(w) for w in inside)
        tables.append((grid.ys[0], _table(number, grid, inside, symbols, connectors, images)))
    paragraphs = [
        (line[0][1], Paragraph(text=text))
        for line in _lines([w for w in free if id(w) not in placed])
        if (text := clean(" ".join(w[4] for w in line))) and not _STAMP.search(text)
    ]
    placed_blocks: list[tuple[float, Block]] = [*tables, *paragraphs]
    return [block for _, block in sorted(placed_blocks, key=lambda item: item[0])]


def _holds(symbol: _Symbol, x: float, y: float) -> bool:
    """Whether a point is inside a symbol: a diamond's box corners are open paper, where its Ya/Tidak
    labels are often written."""
    x0, y0, x1, y1 = symbol.box
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    if symbol.kind != ShapeKind.DECISION or x1 <= x0 or y1 <= y0:
        return True
    return abs(x - (x0 + x1) / 2) / ((x1 - x0) / 2) + abs(y - (y0 + y1) / 2) / ((y1 - y0) / 2) <= 1.0


def _within(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (
        outer[0] - 1 <= inner[0]
        and outer[1] - 1 <= inner[1]
        and inner[2] <= outer[2] + 1
        and inner[3] <= outer[3] + 1
    )


def _same_box(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(p - q) <= _SAME_LINE for p, q in zip(a, b, strict=True))


def _is_cell(box: tuple[float, ...], grids: list[_Grid]) -> bool:
    """A rectangle drawn round a cell (a generator drawing each cell's border): a border, no symbol."""
    for grid in grids:
        near_x = [x for x in grid.xs if abs(x - box[0]) <= _SAME_LINE or abs(x - box[2]) <= _SAME_LINE]
        near_y = [y for y in grid.ys if abs(y - box[1]) <= _SAME_LINE or abs(y - box[3]) <= _SAME_LINE]
        if len(near_x) >= 2 and len(near_y) >= 2:
            return True
    return False


def _clear_of_lines(box: tuple[float, ...], grid: _Grid) -> bool:
    return not any(box[0] - 1 <= x <= box[2] + 1 for x in grid.xs) and not any(
        box[1] - 1 <= y <= box[3] + 1 for y in grid.ys
    )


def _lines(words: list[_Word]) -> list[list[_Word]]:
    """Words in reading order, grouped into lines by their vertical middle."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        middle = (word[1] + word[3]) / 2
        if lines:
            last = lines[-1]
            top = min(w[1] for w in last)
            bottom = max(w[3] for w in last)
            if abs(middle - (top + bottom) / 2) <= 0.35 * max(bottom - top, word[3] - word[1]):
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w[0]) for line in lines]


def _runs(line: list[_Word]) -> list[list[_Word]]:
    """A line cut where its words stand apart (more than a letter's height): text of different cells,
    or a label beside a drawing."""
    runs: list[list[_Word]] = [[line[0]]]
    for word in line[1:]:
        last = runs[-1][-1]
        if word[0] - last[2] > max(4.0, last[3] - last[1]):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _paragraphs(words: list[_Word], right: float | None = None) -> list[str]:
    """A cell's lines joined into paragraphs. A line goes on the paragraph above when that one was
    wrapped: its first word would not have fitted before ``right``, where the cell's text ends (else the
    end of its widest line). A list item, a gap or a line ending short (centred lines too) starts a new
    one."""
    lines = _lines(words)
    if not lines:
        return []
    limit = right if right is not None else max(line[-1][2] for line in lines)
    out: list[str] = []
    previous: list[_Word] | None = None
    for line in lines:
        text = clean(" ".join(w[4] for w in line))
        top = min(w[1] for w in line)
        height = max(w[3] for w in line) - top
        if previous is None:
            out.append(text)
            previous = line
            continue
        gap = top - max(w[3] for w in previous)
        first = line[0]
        space = 0.3 * height
        wrapped = previous[-1][2] + space + (first[2] - first[0]) > limit - 3.0
        if _LIST_START.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {text}"  # a number alone on its line, its text on the next
        elif _LIST_START.match(text) or gap > 0.6 * height or not wrapped:
            out.append(text)
        elif re.search(r"[a-z]-$", out[-1]) and text[:1].islower():
            out[-1] = out[-1][:-1] + text  # a word hyphenated at the line end
        else:
            out[-1] = f"{out[-1]} {text}"
        previous = line
    return out


def _table(
    number: int,
    grid: _Grid,
    words: list[_Word],
    symbols: list[_Symbol],
    connectors: list[_Segment],
    images: list[_Image],
) -> Table:
    x0, y0 = grid.xs[0], grid.ys[0]

    def emu_x(x: float) -> float:
        return (x - x0) * EMU_PER_PT

    def emu_y(y: float) -> float:
        return (y - y0) * EMU_PER_PT

    box = grid.box
    mine = [s for s in connectors if _within(_seg_box(s), box)]
    shapes: list[Shape] = []
    label_words: set[int] = set()
    runs = [run for whole in _lines(words) for run in _runs(whole)]
    # Two labels written close together ("Ya Tidak" under a diamond) are two labels.
    runs = [
        part
        for run in runs
        for part in ([[w] for w in run] if all(MARK_TEXT.match(w[4]) for w in run) else [run])
    ]
    for line in runs:
        text = clean(" ".join(w[4] for w in line))
        if MARK_TEXT.match(text) and _beside_a_line(line, mine, symbols):
            label_words.update(id(w) for w in line)
            shapes.append(
                Shape(
                    ShapeKind.LABEL,
                    emu_x(min(w[0] for w in line)),
                    emu_y(min(w[1] for w in line)),
                    emu_x(max(w[2] for w in line)),
                    emu_y(max(w[3] for w in line)),
                    text=text,
                    how="pdf",
                )
            )
    by_cell: dict[int, list[_Word]] = {}
    for word in words:
        if id(word) in label_words:
            continue
        at = grid.at((word[0] + word[2]) / 2, (word[1] + word[3]) / 2)
        if at is not None:
            by_cell.setdefault(grid.cells[at[0]][at[1]], []).append(word)
    # The text's margin inside a cell: the usual gap between a cell's left border and its words.
    margins = [
        min(w[0] for w in found) - grid.xs[grid.spans[ident][1]] for ident, found in by_cell.items() if found
    ]
    padding = min(max(statistics.median(margins) if margins else 2.0, 0.5), 8.0)
    made: list[Cell] = []
    for ident, (r, c, rowspan, colspan) in enumerate(grid.spans):
        right = grid.xs[c + colspan] - padding
        made.append(
            Cell(
                paragraphs=_paragraphs(by_cell.get(ident, []), right),
                row=r,
                col=c,
                rowspan=rowspan,
                colspan=colspan,
            )
        )
    cells: list[list[Cell | None]] = [[made[i] for i in row] for row in grid.cells]
    for symbol in symbols:
        if not _within(symbol.box, box):
            continue
        text = clean(" ".join(w[4] for line in _lines(symbol.words) for w in line))
        sx0, sy0, sx1, sy1 = symbol.box
        shapes.append(
            Shape(symbol.kind, emu_x(sx0), emu_y(sy0), emu_x(sx1), emu_y(sy1), text=text, how="pdf")
        )
    for segment in mine:
        sx0, sy0, sx1, sy1 = _seg_box(segment)
        shapes.append(
            Shape(
                ShapeKind.CONNECTOR,
                emu_x(sx0),
                emu_y(sy0),
                emu_x(sx1),
                emu_y(sy1),
                how="pdf",
                start=(emu_x(segment.start[0]), emu_y(segment.start[1])),
                end=(emu_x(segment.end[0]), emu_y(segment.end[1])),
                arrow=segment.arrow,
            )
        )
    for image in images:
        ix0, iy0, ix1, iy1 = image.box[:4]
        inside = box[0] <= (ix0 + ix1) / 2 <= box[2] and box[1] <= (iy0 + iy1) / 2 <= box[3]
        if inside and min(ix1 - ix0, iy1 - iy0) >= _MIN_PICTURE:
            # A flowchart pasted as a picture: its lines are lost, but the symbols drawn in it still show
            # where each step's actor is; without them the steps fall back on their text.
            shapes.append(
                Shape(ShapeKind.PICTURE, emu_x(ix0), emu_y(iy0), emu_x(ix1), emu_y(iy1), how="picture")
            )
            for kind, (sx0, sy0, sx1, sy1) in image.symbols():
                shapes.append(Shape(kind, emu_x(sx0), emu_y(sy0), emu_x(sx1), emu_y(sy1), how=RASTER))
    return Table(
        grid=cells,
        col_bounds=[emu_x(x) for x in grid.xs],
        row_bounds=[emu_y(y) for y in grid.ys],
        shapes=shapes,
        where=Text("halaman {page}", page=number),
    )


def _seg_box(segment: _Segment) -> tuple[float, float, float, float]:
    return (
        min(segment.start[0], segment.end[0]),
        min(segment.start[1], segment.end[1]),
        max(segment.start[0], segment.end[0]),
        max(segment.start[1], segment.end[1]),
    )


def _beside_a_line(line: list[_Word], connectors: list[_Segment], symbols: list[_Symbol]) -> bool:
    """A Ya/Tidak written near a connector or a decision: a branch label, not the text of a cell."""
    x0 = min(w[0] for w in line)
    y0 = min(w[1] for w in line)
    x1 = max(w[2] for w in line)
    y1 = max(w[3] for w in line)
    reach = 18.0

    def gap(box: tuple[float, float, float, float]) -> float:
        return math.hypot(max(box[0] - x1, 0.0, x0 - box[2]), max(box[1] - y1, 0.0, y0 - box[3]))

    if any(gap(_seg_box(s)) <= reach for s in connectors):
        return True
    return any(s.kind == ShapeKind.DECISION and gap(s.box) <= reach for s in symbols)
