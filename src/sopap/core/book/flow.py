"""Running text on portrait pages, as the geometry model (:mod:`sopap.core.layout.geometry`) holds it.

The book's own pages (cover, Kata Pengantar, Daftar Isi, Pendahuluan, Penutup, Keputusan) are laid out
here into the same :class:`Page` objects the SOP sheets are made of, so that one PDF writer draws them
all and every page number is known before anything is drawn: the Daftar Isi is then laid out a second
time with the real numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sopap.core.layout.blocks import LEADING, text_block
from sopap.core.layout.geometry import Align, Box, FontStyle, Item, Page, Rect, Rule
from sopap.core.layout.text import text_width, wrap

BODY_SIZE = 11.0
SMALL_SIZE = 10.0
HEADING_SIZE = 12.0
MARGINS = (56.0, 56.0, 56.0, 70.0)
"""Top, right, bottom, left, in points (2 cm, 2 cm, 2 cm, 2.5 cm)."""
SHADE = "#E6ECF2"


@dataclass
class Label:
    """A text placed on the first line of a paragraph, left of it: "a.", "Menimbang", ":"."""

    x: float
    text: str
    style: FontStyle = "regular"


@dataclass
class Cell:
    text: str = ""
    style: FontStyle = "regular"
    align: Align = "left"
    draw: Callable[[Rect], list[Item]] | None = None
    """Draws the cell's content itself (a flowchart symbol) in the rectangle it is given."""
    min_height: float = 0.0


@dataclass
class Flow:
    """Text flowing down portrait pages of ``size``; ``marks`` are named places (page index in this flow)."""

    size: tuple[float, float]
    margins: tuple[float, float, float, float] = MARGINS
    pages: list[list[Item]] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)
    y: float = 0.0

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def left(self) -> float:
        return self.margins[3]

    @property
    def right(self) -> float:
        return self.size[0] - self.margins[1]

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def bottom(self) -> float:
        return self.size[1] - self.margins[2]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.margins[0]

    def page_break(self) -> None:
        if self.pages[-1]:
            self.new_page()

    def mark(self, key: str) -> None:
        self.marks[key] = len(self.pages) - 1

    def space(self, height: float) -> None:
        self.y = min(self.y + height, self.bottom)

    def ensure(self, height: float) -> None:
        """A page break unless ``height`` still fits on this page."""
        if self.y + height > self.bottom and self.y > self.margins[0]:
            self.new_page()

    def add(self, item: Item) -> None:
        self.pages[-1].append(item)

    # -------------------------------------------------------------------------------------- paragraphs

    def text(
        self,
        text: str,
        *,
        indent: float = 0.0,
        width: float | None = None,
        style: FontStyle = "regular",
        size: float = BODY_SIZE,
        align: Align = "left",
        labels: Sequence[Label] = (),
        role: str = "book-text",
        after: float = 0.0,
        keep: int = 2,
    ) -> None:
        """A paragraph from ``indent`` (points from the left margin), broken across pages between lines;
        its first ``keep`` lines stay together. ``labels`` go on its first line."""
        width = (self.width - indent) if width is None else width
        lines = wrap(text, style, size, width) or [""]
        leading = size * LEADING
        self.ensure(min(keep, len(lines)) * leading)
        x = self.left + indent
        first = True
        start = 0
        while start < len(lines):
            room = int((self.bottom - self.y + 0.01) // leading)
            if room < 1:
                if self.y > self.margins[0]:
                    self.new_page()
                    continue
                room = 1
            chunk = lines[start : start + room]
            rect = Rect(x, self.y, width, len(chunk) * leading)
            self.add(
                text_block(
                    rect,
                    [(t, 0.0) for t in chunk],
                    style=style,
                    size=size,
                    align=align,
                    valign="top",
                    role=role,
                    paragraphs=(text,) if first else (),
                    pad_x=0,
                    pad_y=0,
                )
            )
            if first:
                for label in labels:
                    label_w = text_width(label.text, label.style, size) + 1
                    self.add(
                        text_block(
                            Rect(self.left + label.x, self.y, label_w, leading),
                            [(label.text, 0.0)],
                            style=label.style,
                            size=size,
                            valign="top",
                            role="book-label",
                            pad_x=0,
                            pad_y=0,
                        )
                    )
            first = False
            start += len(chunk)
            self.y += len(chunk) * leading
            if start < len(lines):
                self.new_page()
        self.y += after

    def heading(
        self, text: str, *, size: float = HEADING_SIZE, align: Align = "center", after: float = 8
    ) -> None:
        self.ensure(size * LEADING * 4)  # never alone at the foot of a page
        self.text(text, style="bold", size=size, align=align, role="book-heading", after=after)

    def items(
        self,
        texts: Sequence[str],
        *,
        indent: float = 0.0,
        numbering: str = "1",
        size: float = BODY_SIZE,
        label_w: float = 22.0,
        after: float = 3.0,
    ) -> None:
        """A numbered list ("1." or "a.") with hanging text."""
        for i, text in enumerate(texts):
            self.text(
                text,
                indent=indent + label_w,
                size=size,
                labels=[Label(indent, f"{number_of(i, numbering)}.")],
                after=after,
            )

    # ------------------------------------------------------------------------------------------ tables

    def table(
        self,
        widths: Sequence[float],
        header: Sequence[Cell],
        rows: Sequence[Sequence[Cell]],
        *,
        size: float = SMALL_SIZE,
        indent: float = 0.0,
        pad: float = 4.0,
    ) -> None:
        """A ruled table with a shaded header that repeats on every page it runs onto; rows never split."""
        leading = size * LEADING
        edges = [self.left + indent]
        for w in widths:
            edges.append(edges[-1] + w)

        def height(row: Sequence[Cell]) -> float:
            h = 0.0
            for cell, w in zip(row, widths, strict=True):
                n = len(wrap(cell.text, cell.style, size, w - 2 * pad)) if cell.text else 0
                h = max(h, n * leading + 2 * pad, cell.min_height)
            return h

        def place(row: Sequence[Cell], h: float, shade: bool) -> None:
            if shade:
                self.add(Box(Rect(edges[0], self.y, edges[-1] - edges[0], h), SHADE, None, role="book-shade"))
            for cell, x0, x1 in zip(row, edges, edges[1:], strict=False):
                rect = Rect(x0, self.y, x1 - x0, h)
                if cell.draw is not None:
                    for item in cell.draw(rect):
                        self.add(item)
                if cell.text:
                    lines = wrap(cell.text, cell.style, size, rect.w - 2 * pad)
                    self.add(
                        text_block(
                            rect,
                            [(t, 0.0) for t in lines],
                            style=cell.style,
                            size=size,
                            align=cell.align,
                            valign="middle",
                            role="book-cell",
                            paragraphs=(cell.text,),
                            pad_x=pad,
                            pad_y=pad,
                        )
                    )
            top, bottom = self.y, self.y + h
            self.add(Rule((edges[0], top), (edges[-1], top), 0.6))
            self.add(Rule((edges[0], bottom), (edges[-1], bottom), 0.6))
            for x in edges:
                self.add(Rule((x, top), (x, bottom), 0.6))
            self.y = bottom

        head_h = height(header)
        self.ensure(head_h + (height(rows[0]) if rows else 0))
        place(header, head_h, True)
        for row in rows:
            h = height(row)
            if self.y + h > self.bottom:
                self.new_page()
                place(header, head_h, True)
            place(row, h, False)

    # ------------------------------------------------------------------------------------- signatures

    def signature(
        self,
        heading: Sequence[str],
        jabatan: str | None,
        nama: str | None,
        details: Sequence[str],
        *,
        size: float = BODY_SIZE,
        width: float = 230.0,
        bold_jabatan: bool = False,
    ) -> None:
        """The signature block at the right: place and date, the office, room to sign, the name
        (underlined), pangkat and NIP; kept on one page."""
        leading = size * LEADING
        x = self.right - width
        jab_lines = wrap(jabatan or "", "bold" if bold_jabatan else "regular", size, width) if jabatan else []
        lines = len(heading) + len(jab_lines) + 1 + len(details)
        self.ensure(lines * leading + 56)
        indent = x - self.left
        for text in heading:
            self.text(text, indent=indent, width=width, size=size, align="center", role="signature-place")
        for text in jab_lines:
            self.text(
                text,
                indent=indent,
                width=width,
                size=size,
                align="center",
                style="bold" if bold_jabatan else "regular",
                role="signature-jabatan",
            )
        self.space(56)
        self.text(
            nama or "",
            indent=indent,
            width=width,
            size=size,
            align="center",
            style="bold",
            role="identity-signer",
        )
        for text in details:
            self.text(text, indent=indent, width=width, size=size, align="center", role="signature-detail")

    def finish(self, orientation: str = "portrait") -> list[Page]:
        return [Page(self.size, tuple(items), i + 1, "portrait") for i, items in enumerate(self.pages)]


def number_of(index: int, numbering: str) -> str:
    """The label of item ``index`` (0-based): "1", "2"... or "a", "b"... (then "aa")."""
    if numbering == "a":
        letters = ""
        n = index
        while True:
            letters = chr(ord("a") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                return letters
    return str(index + 1)


def roman(number: int) -> str:
    """Lower-case Roman numerals, as front matter is numbered: 1 -> "i", 4 -> "iv"."""
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out
