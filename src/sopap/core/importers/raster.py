"""Flowchart symbols in a picture: the enclosed blank regions of a line drawing, told apart by their outline.

A flowchart pasted as one image (a screenshot of the drawing, an export of Visio) keeps nothing but
pixels. Its symbols are still easy to see in them: each is an outline drawn round a blank inside, and the
inside is a region of paper that no path of paper joins to the picture's edge. Connectors, arrowheads and
letters enclose nothing of that size. So the picture's paper is cut into connected regions (by runs of
paper pixels on each scanline, joined where they overlap on the next), the regions touching the edge are
the background, and each other region is a candidate symbol, its kind told by the width of its inside
scanline by scanline: the same all the way a process box, growing then shrinking a decision (diamond),
narrower at the top and bottom only a terminator, narrowing to a point below an off-page connector.

A symbol filled with a colour (Office's blue box with white words) encloses no paper: it is what is left
of the ink once every line, letter and arrowhead is worn away (each run of ink shortened at both ends, along
the rows and then along the columns), told by the same profile.

Not everything enclosed is a symbol: a region holding other symbol-sized regions is a frame or a loop of
connectors round them; regions side by side with only a ruling between them are the cells of a table (a
screenshot of a form), and a region no outline explains is dropped. Plain Python over bytes (numpy is no
dependency): the picture is read at about two pixels a point and only the runs are looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopap.core.importers.tables import ShapeKind

PAPER_LEVEL = 200  # a pixel lighter than this (0-255) is paper, darker is ink
_PAPER_RUN = re.compile(rb"\x01+")


@dataclass
class Region:
    """A connected region of paper: its runs per scanline, its box in pixels."""

    runs: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # row -> [(start, end)]
    x0: int = 1 << 30
    y0: int = 1 << 30
    x1: int = -1
    y1: int = -1
    area: int = 0
    edge: bool = False  # touches the picture's edge: the background

    @property
    def width(self) -> int:
        return self.x1 - self.x0 + 1

    @property
    def height(self) -> int:
        return self.y1 - self.y0 + 1

    def contains(self, other: Region) -> bool:
        return (
            self is not other
            and self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )


@dataclass
class Found:
    kind: ShapeKind
    box: tuple[int, int, int, int]  # pixels: x0, y0, x1, y1 (x1, y1 exclusive)


def paper_mask(gray: bytes, alpha: bytes | None, level: int = PAPER_LEVEL) -> bytes:
    """One byte per pixel, 1 where the picture shows paper (light, or transparent), else 0."""
    mask = gray.translate(bytes(1 if v >= level else 0 for v in range(256)))
    if alpha is None:
        return mask
    # Where the picture is transparent the page shows through: paper whatever colour is stored there.
    clear = alpha.translate(bytes(1 if v < 128 else 0 for v in range(256)))
    size = len(mask)
    merged = int.from_bytes(mask, "big") | int.from_bytes(clear, "big")
    return merged.to_bytes(size, "big")


def regions(mask: bytes, width: int, height: int) -> list[Region]:
    """The connected regions of paper (4-connected through overlapping runs)."""
    parent: list[int] = []
    run_rows: list[tuple[int, int, int]] = []  # (row, start, end) per run id

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[tuple[int, int, int]] = []  # (start, end, id) of the row above
    for y in range(height):
        row = mask[y * width : (y + 1) * width]
        current: list[tuple[int, int, int]] = []
        k = 0
        for match in _PAPER_RUN.finditer(row):
            start, end = match.start(), match.end()  # end exclusive
            ident = len(parent)
            parent.append(ident)
            run_rows.append((y, start, end))
            current.append((start, end, ident))
            while k < len(previous) and previous[k][1] <= start:
                k += 1
            j = k
            while j < len(previous) and previous[j][0] < end:
                a, b = find(previous[j][2]), find(ident)
                if a != b:
                    parent[b] = a
                j += 1
        previous = current
    found: dict[int, Region] = {}
    for ident, (y, start, end) in enumerate(run_rows):
        region = found.setdefault(find(ident), Region())
        region.runs.setdefault(y, []).append((start, end))
        region.x0 = min(region.x0, start)
        region.x1 = max(region.x1, end - 1)
        region.y0 = min(region.y0, y)
        region.y1 = max(region.y1, y)
        region.area += end - start
        if start == 0 or end == width or y == 0 or y == height - 1:
            region.edge = True
    return list(found.values())


def _widths(region: Region) -> list[int]:
    """The inside's width on each scanline, top to bottom (from its leftmost to its rightmost paper)."""
    return [
        max(e for _, e in region.runs[y]) - min(s for s, _ in region.runs[y]) if y in region.runs else 0
        for y in range(region.y0, region.y1 + 1)
    ]


def kind_of(region: Region) -> ShapeKind:
    """What a symbol's inside shows by its width profile (OTHER when no flowchart symbol fits)."""
    widths = _widths(region)
    most = max(widths)
    if most <= 0 or len(widths) < 4:
        return ShapeKind.OTHER

    def at(t: float) -> float:
        return widths[min(len(widths) - 1, int(t * (len(widths) - 1) + 0.5))] / most

    # How much of its box the inside spans, scanline by scanline: text written in the symbol leaves it so.
    fill = sum(widths) / (region.width * region.height)
    top, upper, middle, lower, bottom = at(0.04), at(0.25), at(0.5), at(0.75), at(0.96)
    if fill >= 0.86 and min(top, middle, bottom) >= 0.9:
        return ShapeKind.PROCESS
    narrow_tips = top <= 0.3 and bottom <= 0.3
    if (
        0.38 <= fill <= 0.64
        and middle >= 0.8
        and 0.3 <= upper <= 0.72
        and 0.3 <= lower <= 0.72
        and narrow_tips
    ):
        return ShapeKind.DECISION  # widest at the middle, narrow at both tips: its width grows, then shrinks
    rounded = top < 0.9 and bottom < 0.9 and abs(top - bottom) <= 0.25 and min(upper, lower) >= 0.8
    if fill >= 0.62 and middle >= 0.9 and rounded:
        return ShapeKind.TERMINATOR  # a capsule, rounded box or ellipse
    if fill >= 0.6 and upper >= 0.85 and middle >= 0.8 and bottom <= 0.5:
        return ShapeKind.OFFPAGE  # a box ending in a point below
    return ShapeKind.OTHER


def _side_by_side(a: Region, b: Region, gap: int) -> bool:
    """Two regions parted by no more than a ruling along a shared side: cells of a drawn table."""
    across_x = min(a.y1, b.y1) - max(a.y0, b.y0)
    across_y = min(a.x1, b.x1) - max(a.x0, b.x0)
    if across_x >= 0.5 * min(a.height, b.height):
        apart = max(b.x0 - a.x1, a.x0 - b.x1)
        if 0 < apart <= gap:
            return True
    if across_y >= 0.5 * min(a.width, b.width):
        apart = max(b.y0 - a.y1, a.y0 - b.y1)
        if 0 < apart <= gap:
            return True
    return False


_INK_RUN = _PAPER_RUN  # in an inverted mask the runs of ink are the runs of ones


def _erode_rows(mask: bytes, width: int, height: int, by: int) -> bytes:
    """Each run of ones on each row shortened by ``by`` at both ends (gone if no longer than that)."""
    out = bytearray(len(mask))
    for y in range(height):
        offset = y * width
        row = mask[offset : offset + width]
        for match in _INK_RUN.finditer(row):
            start, end = match.start() + by, match.end() - by
            if end > start:
                out[offset + start : offset + end] = b"\x01" * (end - start)
    return bytes(out)


def _transpose(mask: bytes, width: int, height: int) -> bytes:
    out = bytearray(len(mask))
    for x in range(width):
        out[x * height : (x + 1) * height] = mask[x::width]
    return bytes(out)


def solid_symbols(
    ink: bytes, width: int, height: int, *, px_per_pt: float, min_pt: float = 6.0, max_pt: float = 200.0
) -> list[Found]:
    """Symbols filled with a colour (Office's blue boxes with white words): what is left of the ink once
    every line, letter and arrowhead is worn away (each blob shrunk by half a thick line on every side)."""
    by = max(1, round(1.5 * px_per_pt))
    worn = _erode_rows(ink, width, height, by)
    worn = _transpose(_erode_rows(_transpose(worn, width, height), height, width, by), height, width)
    out: list[Found] = []
    least = max(min_pt - 3.0, 3.0) * px_per_pt
    for blob in regions(worn, width, height):
        if not (least <= blob.width <= max_pt * px_per_pt and least <= blob.height <= max_pt * px_per_pt):
            continue
        if blob.width >= 0.9 * width and blob.width > 2 * blob.height:
            continue  # a shaded band across the picture (a table's heading row), no symbol
        kind = kind_of(blob)
        if kind == ShapeKind.OTHER:
            continue
        box = (
            max(0, blob.x0 - by),
            max(0, blob.y0 - by),
            min(width, blob.x1 + 1 + by),
            min(height, blob.y1 + 1 + by),
        )
        out.append(Found(kind, box))
    return out


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def find_symbols(
    mask: bytes, width: int, height: int, *, px_per_pt: float, min_pt: float = 6.0, max_pt: float = 200.0
) -> list[Found]:
    """The flowchart symbols drawn in a picture (its paper mask), in pixels: outlines round blank insides,
    and symbols filled with a colour."""
    if width < 8 or height < 8:
        return []
    drawn = outlined_symbols(mask, width, height, px_per_pt=px_per_pt, min_pt=min_pt, max_pt=max_pt)
    if len(drawn) >= 2:
        return drawn  # a line drawing: one flowchart keeps one style, the filled pass would find nothing
    ink = mask.translate(bytes([1, 0]) + bytes(254))
    filled = solid_symbols(ink, width, height, px_per_pt=px_per_pt, min_pt=min_pt, max_pt=max_pt)
    return drawn + [f for f in filled if not any(_overlaps(f.box, d.box) for d in drawn)]


def outlined_symbols(
    mask: bytes, width: int, height: int, *, px_per_pt: float, min_pt: float = 6.0, max_pt: float = 200.0
) -> list[Found]:
    """Symbols drawn as an outline round a blank inside: the enclosed regions of paper."""
    small, large = min_pt * px_per_pt, max_pt * px_per_pt
    inner = [r for r in regions(mask, width, height) if not r.edge]
    sized = [r for r in inner if small <= r.width <= large and small <= r.height <= large]
    # A region holding symbol-sized regions is a frame or a loop of connectors round them; the small
    # ones it holds besides (the counters of letters) leave a symbol with text a symbol.
    candidates = [r for r in sized if not any(r.contains(o) for o in sized)]
    ruling = max(2, round(2.5 * px_per_pt))
    tiled = {id(r) for r in candidates for o in candidates if o is not r and _side_by_side(r, o, ruling)}
    out: list[Found] = []
    for region in candidates:
        if id(region) in tiled:
            continue
        kind = kind_of(region)
        if kind == ShapeKind.OTHER:
            continue
        # The outline itself is ink round the inside: the symbol's box reaches over it.
        pad = max(1, round(0.5 * px_per_pt))
        out.append(
            Found(
                kind,
                (
                    max(0, region.x0 - pad),
                    max(0, region.y0 - pad),
                    min(width, region.x1 + 1 + pad),
                    min(height, region.y1 + 1 + pad),
                ),
            )
        )
    return out
