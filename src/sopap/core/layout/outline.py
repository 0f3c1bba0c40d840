"""Where lines meet the flowchart's symbols and where a label may stand beside a line: the geometry the
router (:mod:`.routing`) works with, without any of its state.

A *port* is a point on a symbol's outline where a connector starts or ends: on the sides of a process box,
on the round ends of a terminator, on the four edges of a diamond (its vertices are the centres of its
sides), on the top of an off-page connector or at its tip.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from sopap.core.layout.geometry import Point, Rect, Symbol

Side = str  # "top" | "bottom" | "left" | "right"


def port(symbol: Symbol, side: Side, slot: int = 0) -> Point:
    """Where a connector meets ``symbol`` on ``side``; slots -1/1 sit a quarter of the side off centre."""
    r = symbol.rect
    if side in ("top", "bottom"):
        return point_on(symbol, side, r.cx + slot * r.w / 4)
    return point_on(symbol, side, r.cy + slot * r.h / 4)


def point_on(symbol: Symbol, side: Side, along: float) -> Point:
    """The point of the outline on ``side`` at ``along`` (x for top/bottom, y for left/right)."""
    r = symbol.rect
    kind = symbol.kind
    if kind == "decision":
        hw, hh = r.w / 2, r.h / 2
        if side in ("top", "bottom"):
            dy = hh * (1 - min(1.0, abs(along - r.cx) / hw))
            return (along, r.cy - dy if side == "top" else r.cy + dy)
        dx = hw * (1 - min(1.0, abs(along - r.cy) / hh))
        return (r.cx - dx if side == "left" else r.cx + dx, along)
    if kind == "terminator":
        radius = r.h / 2
        if side in ("left", "right"):
            dy = along - r.cy
            inset = radius - max(0.0, radius * radius - dy * dy) ** 0.5
            return (r.x + inset, along) if side == "left" else (r.right - inset, along)
        dx = max(0.0, abs(along - r.cx) - (r.w / 2 - radius))
        inset = radius - max(0.0, radius * radius - dx * dx) ** 0.5
        return (along, r.y + inset) if side == "top" else (along, r.bottom - inset)
    if side == "top":
        return (along, r.y)
    if side == "bottom":
        return (along, r.bottom)
    return (r.x, along) if side == "left" else (r.right, along)


def port_range(symbol: Symbol, side: Side) -> tuple[float, float] | tuple[float, ...]:
    """Where on ``side`` a connector may meet the symbol: a (lo, hi) range, or a tuple of fixed spots
    (a 1-tuple or 3-tuple, told apart from a range by its length)."""
    r = symbol.rect
    kind = symbol.kind
    if kind == "terminator":
        # on the outline, and no further round the ends than 0.35 h from the box's edge
        if side in ("left", "right"):
            return (r.cy - r.h * 0.35, r.cy + r.h * 0.35)
        reach = max(0.0, r.w / 2 - r.h / 2 + r.h * 0.35)
        return (r.cx - reach, r.cx + reach)
    if kind == "offpage":
        tip = r.h * 0.35
        if side == "bottom":
            return (r.cx,)
        if side == "top":
            return (r.x + 2, r.right - 2)
        return (r.y + 2, r.bottom - tip - 1)
    if kind == "decision":
        if side in ("top", "bottom"):
            return (r.x + r.w * 0.2, r.right - r.w * 0.2)
        return (r.y + r.h * 0.2, r.bottom - r.h * 0.2)
    if side in ("top", "bottom"):
        return (r.x + 2, r.right - 2)
    return (r.y + 2, r.bottom - 2)


def centre(symbol: Symbol, side: Side) -> float:
    return symbol.rect.cx if side in ("top", "bottom") else symbol.rect.cy


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


def rect_to_segment(r: Rect, a: Point, b: Point) -> float:
    """The shortest distance between rectangle ``r`` and the axis-parallel segment a-b (0 when they meet)."""
    x0, x1 = (a[0], b[0]) if a[0] <= b[0] else (b[0], a[0])
    y0, y1 = (a[1], b[1]) if a[1] <= b[1] else (b[1], a[1])
    return math.hypot(max(r.x - x1, 0.0, x0 - r.x - r.w), max(r.y - y1, 0.0, y0 - r.y - r.h))


def label_spots(
    path: tuple[Point, ...], w: float, h: float, gap: float, v_edges: list[float], source: Rect | None = None
) -> Iterator[Rect]:
    """Spots for a label, best first (lazily: the first clear one ends the search)."""
    first = True
    # A branch leaving a diamond's edge starts inside the diamond's box: labels start past the box.
    x_start, y_start = path[0]
    clear = 0.0
    if source is not None and len(path) > 1:
        (x1, y1) = path[1]
        if x1 > x_start:
            clear = max(0.0, source.right - x_start)
        elif x1 < x_start:
            clear = max(0.0, x_start - source.x)
        elif y1 > y_start:
            clear = max(0.0, source.bottom - y_start)
        else:
            clear = max(0.0, y_start - source.y)
    for (x0, y0), (x1, y1) in itertools.pairwise(path):
        length = abs(x1 - x0) + abs(y1 - y0)
        if y0 == y1:
            sign = 1 if x1 > x0 else -1
            alongs = [clear + gap + 1, clear + gap + 6] if first else []
            if first:
                edges = sorted((e - x0) * sign for e in v_edges if (e - x0) * sign > 0)
                if edges:
                    alongs.append(edges[0] + gap)
            alongs += [gap + 4 * k for k in range(int(max(0.0, length - w - 2 * gap) // 4) + 1)]
            for along in alongs:
                if along + w > length + w * 0.5 and not first:
                    continue
                lx = x0 + along if sign > 0 else x0 - along - w
                yield Rect(lx, y0 - gap - h, w, h)
                yield Rect(lx, y0 + gap, w, h)
        else:
            sign = 1 if y1 > y0 else -1
            alongs = [clear + gap, clear + gap + 6] if first else []
            alongs += [gap + 4 * k for k in range(int(max(0.0, length - h - 2 * gap) // 4) + 1)]
            for along in alongs:
                ly = y0 + along if sign > 0 else y0 - along - h
                yield Rect(x0 + gap, ly, w, h)
                yield Rect(x0 - gap - w, ly, w, h)
            if first:
                # Beside the decision, moved off the line: clear of a symbol the short first leg ends on.
                for shift in (4.0, 8.0, 12.0):
                    ly = y0 + clear + gap if sign > 0 else y0 - clear - gap - h
                    yield Rect(x0 + gap + shift, ly, w, h)
                    yield Rect(x0 - gap - w - shift, ly, w, h)
        first = False
