"""Rows onto pages: the greedy rule of the procedure sheet, and its repetition after rows grew.

The engine paginates, gives the rows whose flows now cross a page break room for their off-page
connectors, and paginates again until nothing grows (:mod:`.framing`). Each round used to put every row
on a page anew; on a sheet of thousands of steps that was most of the work, as a round changes a few rows
here and there. :class:`Paginator` redoes only the pages from the one holding a grown row up to where the
new pages fall in step with the old ones again (a page opening with the same row), and keeps the rest:
the greedy rule puts a page's rows from its first row alone, so the pages it keeps are the ones it would
have made again, and every round ends exactly as a full pagination would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class PagedRow(Protocol):
    """What pagination reads of a row of the procedure table."""

    @property
    def height(self) -> float: ...

    @property
    def above(self) -> float: ...

    @property
    def below(self) -> float: ...

    @property
    def symbol_h(self) -> float: ...

    @property
    def line_count(self) -> int: ...


R = TypeVar("R", bound=PagedRow)


@dataclass
class Slice(Generic[R]):
    """A row, or a part of a row too tall for one page, as placed on a page; ``position`` is the row's
    index in the table."""

    row: R
    part: int
    first_line: int  # index of the first line of every cell in this part
    line_count: int | None  # None: all remaining lines
    height: float
    position: int = 0


@dataclass(frozen=True)
class PageSpec:
    """``body_h``: the height of a page's body; ``signature_h``: room under the last row for the
    signature; ``limit``: at most this many steps on a page; ``pad_y``, ``size`` and ``leading``: the
    padding and the text of a cell; ``clearance``: room above and below a symbol."""

    body_h: float
    signature_h: float
    limit: int | None
    pad_y: float
    size: float
    leading: float
    clearance: float


def _fill(rows: list[R], spec: PageSpec, start: int) -> Iterator[tuple[list[Slice[R]], int | None]]:
    """The pages from row ``start`` on (a fresh page opens with it), by the greedy rule: a row goes on the
    current page if it fits; a row taller than a page is cut between lines, the symbol in the first part.
    Each page comes with the row the next page opens with, or None when it opens with the rest of a cut
    row; the last page with ``len(rows)``.
    """
    page: list[Slice[R]] = []
    used = 0.0
    steps_here = 0
    count_rows = len(rows)
    line_h = spec.size * spec.leading
    for position in range(start, count_rows):
        row = rows[position]
        height = row.height
        last = position == count_rows - 1
        need = height + (spec.signature_h if last else 0.0)
        full = spec.limit is not None and steps_here >= spec.limit
        if page and (full or used + need > spec.body_h):
            yield page, position
            page = []
            used = 0.0
            steps_here = 0
        if height <= spec.body_h - used:
            page.append(Slice(row, 0, 0, None, height, position))
            used += height
            steps_here += 1
            continue
        total_lines = row.line_count
        first = 0
        part = 0
        while first < total_lines:
            room = spec.body_h - used
            fit = max(1, int((room - 2 * spec.pad_y - row.above - row.below) // line_h))
            count = min(fit, total_lines - first)
            part_h = count * spec.size * spec.leading + 2 * spec.pad_y
            part_h += row.above + row.below if part == 0 else 0
            if part == 0:
                part_h = max(part_h, row.symbol_h + 2 * spec.clearance + row.above + row.below)
            page.append(Slice(row, part, first, count, part_h, position))
            used += part_h
            steps_here += 1 if part == 0 else 0
            first += count
            part += 1
            if first < total_lines:
                yield page, None
                page = []
                used = 0.0
                steps_here = 0
    if page:
        yield page, count_rows


class Paginator(Generic[R]):
    """The pages of ``rows``, kept from one round to the next (see the module's docstring)."""

    def __init__(self, rows: list[R], spec: PageSpec) -> None:
        self.rows = rows
        self.spec = spec
        self.pages: list[list[Slice[R]]] = []
        self._opens: list[int | None] = []  # per page: the row it opens with whole, or None
        self._home: list[list[Slice[R]] | None] = [None] * len(rows)  # the page of each row's first part

    def home(self, position: int) -> list[Slice[R]] | None:
        """The page (its list of slices) holding the first part of row ``position``."""
        return self._home[position]

    def update(self, grown: Iterable[int] | None = None) -> list[list[Slice[R]]]:
        """Paginate again after the rows at positions ``grown`` changed height (None: paginate all).
        Returns the pages made anew; the others are the very page lists of the round before."""
        if grown is None or not self.pages:
            every = [page for page, _ in _fill(self.rows, self.spec, 0)]
            self.pages = every
            self._opens = [page[0].position if page[0].part == 0 else None for page in every]
            self._settle(every)
            return every
        old, opens = self.pages, self._opens
        index_of_page = {id(page): i for i, page in enumerate(old)}
        index_of_opening = {start: i for i, start in enumerate(opens) if start is not None}
        changed = sorted(set(grown))
        pages: list[list[Slice[R]]] = []
        new_opens: list[int | None] = []
        fresh: list[list[Slice[R]]] = []
        ci = 0
        index = 0
        while index < len(old):
            if ci == len(changed):
                pages += old[index:]
                new_opens += opens[index:]
                break
            home = self._home[changed[ci]]
            assert home is not None
            redo = index_of_page[id(home)]
            while opens[redo] is None:  # a page opening with the rest of a cut row: from where it began
                redo -= 1
            pages += old[index:redo]
            new_opens += opens[index:redo]
            opening = opens[redo]
            assert opening is not None
            index = len(old)
            current: int | None = opening
            for page, next_opening in _fill(self.rows, self.spec, opening):
                pages.append(page)
                new_opens.append(current)
                fresh.append(page)
                current = next_opening
                if next_opening is None:
                    continue
                while ci < len(changed) and changed[ci] < next_opening:
                    ci += 1
                again = index_of_opening.get(next_opening)
                if again is not None:  # in step with the old pages again: keep them from here
                    index = again
                    break
        self.pages = pages
        self._opens = new_opens
        self._settle(fresh)
        return fresh

    def _settle(self, pages: list[list[Slice[R]]]) -> None:
        for page in pages:
            for piece in page:
                if piece.part == 0:
                    self._home[piece.position] = page
