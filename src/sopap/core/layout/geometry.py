"""The geometry model: everything an output format needs to draw an SOP, already measured and placed.

Every renderer (PDF, SVG, PNG, and the DOCX/XLSX/HTML writers) draws from these objects and decides
nothing about layout itself, so all formats agree to the point.

Conventions, for every class here:

* Units are PostScript points (1/72 inch). 1 mm = 72 / 25.4 pt.
* The origin is the top-left corner of each page and y grows downward (as in SVG, HTML and Pillow;
  the PDF renderer flips y itself).
* All classes are frozen dataclasses holding tuples, so a layout can be cached and shared.

A :class:`Page` is a list of items in drawing order. The item types are :class:`Box` (filled or
stroked rectangles: header shading, the logo slot), :class:`Rule` (a straight line of the table),
:class:`TextBlock` (wrapped text), :class:`TableGrid` (the procedure table: columns and rows, for
writers that build a real table, e.g. DOCX), :class:`Symbol` (a flowchart symbol) and
:class:`Connector` (an arrow). Drawing the items in order gives the page (a :class:`TableGrid` is not
drawn itself: its lines are also given as :class:`Rule` items and its texts as :class:`TextBlock` items);
the typed properties of :class:`Page` pick out one kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float]
"""(x, y) in points from the page's top-left corner."""

FontStyle = Literal["regular", "bold", "italic"]
"""The three embedded faces of Liberation Sans (metric-compatible with Arial)."""

Align = Literal["left", "center", "right"]

SymbolKind = Literal["terminator", "process", "decision", "offpage"]
"""terminator: capsule (first and last step); process: rectangle; decision: diamond;
offpage: the Off-Page Connector, a pentagon pointing down, labelled "A", "B"...
"""

ConnectorKind = Literal["flow", "ya", "tidak", "offpage", "join"]
"""flow: to the next step; ya/tidak: the branches of a decision (labelled);
offpage: from a symbol to an off-page connector on the same page or from it to the target;
join: the plain line (no arrowhead) that links the symbols of one joint step across lanes.
"""

ARROW_LENGTH = 5.5
"""Length of a connector's arrowhead, in points; its half width is :data:`ARROW_HALF_WIDTH`."""
ARROW_HALF_WIDTH = 2.4

ColumnKey = Literal["no", "kegiatan", "actor", "kelengkapan", "waktu", "output", "keterangan"]


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle; ``x, y`` is its top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def intersects(self, other: Rect) -> bool:
        """True when the interiors overlap (touching edges do not count)."""
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )


@dataclass(frozen=True, slots=True)
class TextLine:
    """One already-wrapped line: draw ``text`` with its left end at ``x`` and its baseline at ``baseline``."""

    text: str
    x: float
    baseline: float
    width: float


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Text placed in a box: wrapped lines, one font and size, each line already positioned.

    ``paragraphs`` keeps the source text before wrapping (one entry per list item), for writers that let
    their own engine reflow it (DOCX, XLSX, HTML). ``bullet`` is True when the paragraphs are list items
    (drawn with "•" and a hanging indent in the lines). ``role`` says what the text is, e.g. "title",
    "header", "no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan", "page-number",
    "identity-label", "identity-value", "signature"; ``step`` is the step number for rows of the table.
    """

    rect: Rect
    lines: tuple[TextLine, ...]
    style: FontStyle
    size: float
    leading: float
    align: Align
    role: str
    paragraphs: tuple[str, ...] = ()
    bullet: bool = False
    step: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: ``fill`` and ``stroke`` are "#rrggbb" colours or None. ``role`` e.g. "header-shade", "logo"."""

    rect: Rect
    fill: str | None
    stroke: str | None
    stroke_width: float = 0.6
    role: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line of the table grid (or any separator)."""

    start: Point
    end: Point
    width: float = 0.6
    color: str = "#000000"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the procedure table: ``x0``..``x1``, the key, and its header label.

    For actor lanes ``key`` is "actor", ``actor`` is the name and ``label_lines`` the header wrapped to fit
    the lane (narrow lanes wrap, a long word is broken).
    """

    key: ColumnKey
    x0: float
    x1: float
    label: str
    label_lines: tuple[str, ...]
    actor: str | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """A cell of the table header; a group header ("Pelaksana", "Mutu Baku") spans several columns."""

    rect: Rect
    label: str
    first_column: int
    last_column: int
    header_row: int


@dataclass(frozen=True, slots=True)
class Row:
    """One body row of the procedure table on this page: step ``step`` occupies ``y0``..``y1``.

    ``part`` is 0 for a whole row; a row too tall for a page is split, its later parts have part 1, 2...
    and carry the rest of its text (the symbol sits in part 0).
    """

    step: int
    y0: float
    y1: float
    part: int = 0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class TableGrid:
    """The procedure table as it stands on one page: columns, header cells, body rows.

    ``header_edges`` are the y of the header's top, its row separator and its bottom (the header has two
    rows: groups "Pelaksana" / "Mutu Baku", then the columns). The header repeats on every page.
    ``lanes`` are the indexes in ``columns`` of the actor columns, left to right.
    """

    x0: float
    x1: float
    columns: tuple[Column, ...]
    header_edges: tuple[float, float, float]
    header_cells: tuple[HeaderCell, ...]
    rows: tuple[Row, ...]

    @property
    def top(self) -> float:
        return self.header_edges[0]

    @property
    def body_top(self) -> float:
        return self.header_edges[2]

    @property
    def bottom(self) -> float:
        return self.rows[-1].y1 if self.rows else self.body_top

    @property
    def lanes(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if c.key == "actor")

    def column(self, key: ColumnKey) -> Column:
        return next(c for c in self.columns if c.key == key)

    def lane_of(self, actor: str) -> Column:
        return next(c for c in self.columns if c.key == "actor" and c.actor == actor)

    @property
    def flow_area(self) -> Rect:
        """The part of the body where the flowchart is drawn: the actor lanes, below the header."""
        lanes = [self.columns[i] for i in self.lanes]
        return Rect(lanes[0].x0, self.body_top, lanes[-1].x1 - lanes[0].x0, self.bottom - self.body_top)


@dataclass(frozen=True, slots=True)
class Symbol:
    """A flowchart symbol. ``rect`` is its bounding box; ``center`` is ``rect``'s centre.

    For a step: ``step`` is its number and ``actor`` the lane it stands in (a joint step has one Symbol per
    actor, joined by a "join" :class:`Connector`). For an off-page connector (kind "offpage"): ``label`` is
    its letter, ``step`` is the step it stands for (the source on the page the flow leaves, the target on
    the page the flow arrives at), ``pair`` is the label of the pair (equal on both pages) and
    ``direction`` is "out" or "in". ``label`` of a step symbol is the short text drawn inside (the step
    number), or "" when the symbol is too small for it.
    """

    kind: SymbolKind
    rect: Rect
    step: int
    actor: str | None
    label: str = ""
    label_size: float = 7.5
    direction: Literal["", "out", "in"] = ""

    @property
    def center(self) -> Point:
        return (self.rect.cx, self.rect.cy)

    def outline(self) -> tuple[Point, ...]:
        """The polygon to draw (for a terminator: its bounding box; draw it with round ends)."""
        r = self.rect
        if self.kind == "decision":
            return ((r.cx, r.y), (r.right, r.cy), (r.cx, r.bottom), (r.x, r.cy))
        if self.kind == "offpage":
            tip = r.h * 0.35
            return (
                (r.x, r.y),
                (r.right, r.y),
                (r.right, r.bottom - tip),
                (r.cx, r.bottom),
                (r.x, r.bottom - tip),
            )
        return ((r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom))


@dataclass(frozen=True, slots=True)
class Label:
    """A connector's label ("Ya", "Tidak"), placed beside the line, clear of every line and arrowhead.

    ``rect`` is the label's box (text is drawn left-aligned at ``rect.x`` with baseline ``baseline``).
    """

    text: str
    rect: Rect
    baseline: float
    size: float


@dataclass(frozen=True, slots=True)
class Connector:
    """An orthogonal polyline from ``points[0]`` to ``points[-1]``; an arrowhead at the end when ``arrow``.

    Every segment is horizontal or vertical. ``source`` and ``target`` are step numbers (0 = the end of
    the procedure, for a "selesai" branch drawn to the last terminator); for "offpage" pieces the target
    or source is the step on the other page.
    """

    points: tuple[Point, ...]
    kind: ConnectorKind
    source: int
    target: int
    arrow: bool = True
    label: Label | None = None

    def segments(self) -> tuple[tuple[Point, Point], ...]:
        return tuple(zip(self.points, self.points[1:], strict=False))

    def arrowhead(
        self, length: float = ARROW_LENGTH, half_width: float = ARROW_HALF_WIDTH
    ) -> tuple[Point, ...]:
        """The filled triangle at the end (tip first), or () when the connector has no arrowhead."""
        if not self.arrow or len(self.points) < 2:
            return ()
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        dx, dy = _unit(x1 - x0, y1 - y0)
        bx, by = x1 - dx * length, y1 - dy * length
        return (
            (x1, y1),
            (bx - dy * half_width, by + dx * half_width),
            (bx + dy * half_width, by - dx * half_width),
        )

    def line_points(self, length: float = ARROW_LENGTH) -> tuple[Point, ...]:
        """The polyline to stroke: with an arrowhead, it stops inside the head so no line end pokes out."""
        if not self.arrow or len(self.points) < 2:
            return self.points
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        dx, dy = _unit(x1 - x0, y1 - y0)
        back = length * 0.7
        return (*self.points[:-1], (x1 - dx * back, y1 - dy * back))


@dataclass(frozen=True, slots=True)
class OffPageConnector:
    """A pair of off-page connectors with the same ``label``: the flow from ``source`` (drawn on page
    ``out_page``, 0-based) goes on at ``target`` (page ``in_page``). ``kind`` is the branch it carries.
    """

    label: str
    source: int
    target: int
    out_page: int
    in_page: int
    kind: ConnectorKind
    out_symbol: Symbol
    in_symbol: Symbol


def _unit(dx: float, dy: float) -> tuple[float, float]:
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    return dx / norm, dy / norm


@dataclass(frozen=True, slots=True)
class Picture:
    """Where a picture the reader supplied goes (``role`` "logo"): the renderer draws the one its options
    carry, fitted inside ``rect`` and centred; a renderer without pictures leaves the space blank."""

    rect: Rect
    role: str = "logo"


Item = Box | Rule | TextBlock | TableGrid | Symbol | Connector | Picture


@dataclass(frozen=True, slots=True)
class Page:
    """One page: ``size`` is (width, height) in points; ``items`` are in drawing order."""

    size: tuple[float, float]
    items: tuple[Item, ...]
    number: int = 1
    orientation: Literal["portrait", "landscape"] = "landscape"

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]

    @property
    def symbols(self) -> tuple[Symbol, ...]:
        return tuple(i for i in self.items if isinstance(i, Symbol))

    @property
    def connectors(self) -> tuple[Connector, ...]:
        return tuple(i for i in self.items if isinstance(i, Connector))

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return tuple(i for i in self.items if isinstance(i, TextBlock))

    @property
    def grid(self) -> TableGrid | None:
        return next((i for i in self.items if isinstance(i, TableGrid)), None)


@dataclass(frozen=True, slots=True)
class ProcedureLayout:
    """The procedure sheet (landscape): its pages and the off-page connector pairs between them."""

    pages: tuple[Page, ...]
    offpage: tuple[OffPageConnector, ...] = ()
    title: str = ""
    page_of_step: dict[int, int] = field(default_factory=dict)
    """Step number -> index (0-based) of the page where its symbol stands."""


@dataclass(frozen=True, slots=True)
class IdentityLayout:
    """The identity sheet (portrait): usually one page, more when the lists are long."""

    pages: tuple[Page, ...]
    title: str = ""
