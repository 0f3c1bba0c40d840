"""Table grids from a page's rulings.

Horizontal and vertical segments that meet others at both ends are the table's rulings; their
connected groups are the tables, each laid on a grid (a cell spans the grid lines no ruling crosses).
A group printed as one sheet of several tables is cut where its columns change, and a column that the
table's column-number row counts but no ruling draws is cut in (a Word table with a border left out).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from sopap.core.importers.pdf_drawings import Point, Segment, Word
from sopap.core.importers.tables import is_column_number_row

_TOUCH = 2.5  # pt: how far a ruling's end may stop short of the ruling it meets
SAME_LINE = 2.0  # pt: rulings this close are one grid line
_MIN_RULING = 6.0  # pt


def table_rulings(segments: list[Segment]) -> list[Segment]:
    """The table borders: horizontal and vertical ruling candidates that meet another at both ends (at a
    corner, a T or a cross), found by dropping loose ones until none is left."""
    live: list[Segment] = []
    for s in segments:
        if s.ruling and (s.horizontal or s.vertical):
            # Compared left to right and top to bottom; a copy, since a connector keeps its direction.
            a, b = sorted((s.start, s.end))
            live.append(Segment(a, b, ruling=True, sources=[s]))
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


def _merged(segments: list[Segment]) -> list[Segment]:
    """Collinear pieces of one border (a spreadsheet draws each cell's side on its own) as one line."""
    out: list[Segment] = []
    for axis in (0, 1):  # 0: horizontal lines (same y), 1: vertical lines (same x)
        lines = [s for s in segments if (s.horizontal if axis == 0 else s.vertical)]
        across = 1 - axis
        lines.sort(key=lambda s: (round(s.start[across] / 0.6), s.start[axis]))
        current: Segment | None = None
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
            current = Segment(s.start, s.end, ruling=True, sources=list(s.sources))
            out.append(current)
    return out


def _open_edges(ends: list[float]) -> list[float]:
    """Where three or more parallel rulings stop together with nothing across them: the open side of a
    table cut by a page break."""
    ends = sorted(ends)
    return [v for i, v in enumerate(ends) if i + 2 < len(ends) and ends[i + 2] - v <= 1.5]


def _held(segment: Segment, across: list[Segment], open_edges: list[float]) -> bool:
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


def table_grids(rulings: list[Segment], words: list[Word]) -> list[Grid]:
    """The grids of a page's tables, top to bottom (``rulings`` from ``table_rulings``)."""
    grids = [band for group in _groups(rulings) for band in _bands(group)]
    grids = [_unruled_columns(g, words) for g in grids]
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _groups(rulings: list[Segment]) -> list[list[Segment]]:
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
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(rulings):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SAME_LINE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


@dataclass
class Grid:
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


def _bands(group: list[Segment]) -> list[Grid]:
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
    out: list[Grid] = []
    for top, bottom in itertools.pairwise(cuts):
        y0, y1 = grid.ys[top], grid.ys[bottom]
        part: list[Segment] = []
        for s in group:
            if s.horizontal and y0 - SAME_LINE <= s.start[1] <= y1 + SAME_LINE:
                part.append(s)
            elif s.vertical and s.start[1] < y1 - SAME_LINE and s.end[1] > y0 + SAME_LINE:
                part.append(
                    Segment((s.start[0], max(s.start[1], y0)), (s.end[0], min(s.end[1], y1)), ruling=True)
                )
        band = _grid(part)
        if band is not None:
            out.append(band)
    return out


def _grid(group: list[Segment]) -> Grid | None:
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
            abs(s.start[0] - x) <= SAME_LINE and s.start[1] - 0.5 <= mid <= s.end[1] + 0.5 for s in vertical
        )

    def floor(y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(
            abs(s.start[1] - y) <= SAME_LINE and s.start[0] - 0.5 <= mid <= s.end[0] + 0.5 for s in horizontal
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
    return Grid(xs, ys, cells, spans)


def _unruled_columns(grid: Grid, words: list[Word]) -> Grid:
    """A grid with the columns its column-number row counts but no ruling parts (Word tables with a
    border left out: "3 4" in one cell of the row "1 2 3 4 5 ..."): each such cell split halfway between
    its numbers, down through the cells of that one column above and below the row."""
    by_row: dict[int, dict[int, list[Word]]] = {}
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


def _split_column(grid: Grid, col: int, x: float, row: int) -> Grid:
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
    return Grid([*grid.xs[: col + 1], x, *grid.xs[col + 1 :]], grid.ys, cells, spans)
