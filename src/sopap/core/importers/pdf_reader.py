"""Reading a text PDF: ruling lines become grids, words fill their cells, vector drawings become shapes.

A PDF keeps no tables and no shapes, only paint. Each page's drawings become segments, arrowheads and
symbols (`pdf_drawings`); the segments that are table borders become the tables' grids (`pdf_grids`); a
picture placed on the page gives the symbols drawn in its pixels (`pdf_pictures`). This module lays the
words on them. Every segment that is no table border is a connector. Words fill the cell their centre
falls in, or the symbol they are written in; a lone Ya/Tidak beside a connector is a branch label. Words
outside any table are paragraphs, except the electronic-signature stamp (BSrE footer) that is no part of
the document. Geometry is handed on in EMU relative to each table's top-left corner, as the Word and
Excel readers do.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable
from typing import Any

from sopap.core.i18n import Text
from sopap.core.importers.pdf_drawings import Segment, Symbol, Word, attach_arrowhead, read_drawings
from sopap.core.importers.pdf_grids import SAME_LINE, Grid, table_grids, table_rulings
from sopap.core.importers.pdf_pictures import Picture, PictureSymbols, placed_pictures
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
)
from sopap.core.importers.text import clean

EMU_PER_PT = 12700

_MIN_PICTURE = 40.0  # pt: a smaller picture inside a table is a logo or a mark, never a flowchart
_STAMP = re.compile(
    r"(ditandatangani secara elektronik|sertifikat elektronik|balai sertifikasi elektronik|\bbsre\b|"
    r"pindai kode qr|kode qr di samping|untuk menampilkan file asli)",
    re.IGNORECASE,
)
_LIST_START = re.compile(r"^(\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-•·▪*–])(\s|$)")


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
        seen: dict[int, PictureSymbols] = {}  # the symbols in each picture, by its xref (read once)
        for page in document:
            words = [w[:5] for w in page.get_text("words") if clean(w[4])]
            words_seen += len(words)
            images = placed_pictures(pymupdf, document, page, seen)
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


def _page_blocks(
    number: int,
    drawings: list[dict[str, Any]],
    words: list[Word],
    images: list[Picture],
) -> list[Block]:
    page = read_drawings(drawings)
    rulings = table_rulings(page.segments)
    ruling_ids = {id(x) for s in rulings for x in s.sources}
    grids = table_grids(rulings, words)
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
        attach_arrowhead(arrow, connectors)
    grid_boxes = [g.box for g in grids]
    for box in page.fills:
        # A solid box inside a cell (never on its borders) is a symbol; one filling a cell is shading.
        grid = next((g for g in grids if _within(box, g.box)), None)
        # A filled box holding words is the shading of a paragraph, not a symbol.
        holds_words = any(
            box[0] <= (w[0] + w[2]) / 2 <= box[2] and box[1] <= (w[1] + w[3]) / 2 <= box[3] for w in words
        )
        if grid is not None and _clear_of_lines(box, grid) and not holds_words:
            page.symbols.append(Symbol(ShapeKind.PROCESS, box))
    symbols = [s for s in page.symbols if not any(_same_box(s.box, g.box) for g in grids)]
    symbols = [s for s in symbols if not _is_cell(s.box, grids)]
    free: list[Word] = []
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


def _holds(symbol: Symbol, x: float, y: float) -> bool:
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
    return all(abs(p - q) <= SAME_LINE for p, q in zip(a, b, strict=True))


def _is_cell(box: tuple[float, ...], grids: list[Grid]) -> bool:
    """A rectangle drawn round a cell (a generator drawing each cell's border): a border, no symbol."""
    for grid in grids:
        near_x = [x for x in grid.xs if abs(x - box[0]) <= SAME_LINE or abs(x - box[2]) <= SAME_LINE]
        near_y = [y for y in grid.ys if abs(y - box[1]) <= SAME_LINE or abs(y - box[3]) <= SAME_LINE]
        if len(near_x) >= 2 and len(near_y) >= 2:
            return True
    return False


def _clear_of_lines(box: tuple[float, ...], grid: Grid) -> bool:
    return not any(box[0] - 1 <= x <= box[2] + 1 for x in grid.xs) and not any(
        box[1] - 1 <= y <= box[3] + 1 for y in grid.ys
    )


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words in reading order, grouped into lines by their vertical middle."""
    lines: list[list[Word]] = []
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


def _runs(line: list[Word]) -> list[list[Word]]:
    """A line cut where its words stand apart (more than a letter's height): text of different cells,
    or a label beside a drawing."""
    runs: list[list[Word]] = [[line[0]]]
    for word in line[1:]:
        last = runs[-1][-1]
        if word[0] - last[2] > max(4.0, last[3] - last[1]):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _paragraphs(words: list[Word], right: float | None = None) -> list[str]:
    """A cell's lines joined into paragraphs. A line goes on the paragraph above when that one was
    wrapped: its first word would not have fitted before ``right``, where the cell's text ends (else the
    end of its widest line), or it starts where the text of the list item above starts, right of its
    number (a hanging indent: how a numbered or bulleted item goes on), unless the item above ends with
    ";" as the items of a Dasar hukum do. A list item, a gap or a line ending short (centred lines too)
    starts a new one. A number alone on its line, centred on an item of several lines (Word's vertical
    centring of a numbering cell), numbers the unnumbered lines above it and takes those below."""
    lines = _lines(words)
    if not lines:
        return []
    limit = right if right is not None else max(line[-1][2] for line in lines)
    out: list[str] = []
    previous: list[Word] | None = None
    item_text_at: float | None = None  # where the text of the list item being read starts
    # The paragraph being read starts at an item's text after a closed item: its number may come below.
    unnumbered = False
    for line in lines:
        text = clean(" ".join(w[4] for w in line))
        top = min(w[1] for w in line)
        height = max(w[3] for w in line) - top
        if previous is None:
            out.append(text)
            previous, item_text_at = line, _item_text_at(line)
            continue
        gap = top - max(w[3] for w in previous)
        first = line[0]
        space = 0.3 * height
        wrapped = previous[-1][2] + space + (first[2] - first[0]) > limit - 3.0
        at_item_text = item_text_at is not None and abs(first[0] - item_text_at) <= 0.25 * height
        closed = out[-1].endswith(";")
        if _LIST_START.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {text}"  # a number alone on its line, its text on the next
            item_text_at, unnumbered = first[0], False
        elif unnumbered and _LIST_START.fullmatch(text) and gap <= 0.6 * height:
            out[-1] = f"{text} {out[-1]}"  # the number centred on its item: the lines above are its first
            unnumbered = False
        elif at_item_text and closed and not _LIST_START.match(text):
            out.append(text)
            unnumbered = True
        elif _LIST_START.match(text) or gap > 0.6 * height or not (wrapped or at_item_text):
            out.append(text)
            item_text_at, unnumbered = _item_text_at(line), False
        elif re.search(r"[a-z]-$", out[-1]) and text[:1].islower():
            out[-1] = out[-1][:-1] + text  # a word hyphenated at the line end
        elif re.search(r"[A-Za-z]-$", out[-1]) and text[:1].isupper():
            out[-1] += text  # a compound broken at its hyphen: Undang-/Undang
        else:
            out[-1] = f"{out[-1]} {text}"
        previous = line
    return out


def _item_text_at(line: list[Word]) -> float | None:
    """Where a list item's text starts, right of its number or bullet written as a word of its own; None
    for a line that is no list item."""
    if len(line) >= 2 and _LIST_START.fullmatch(clean(line[0][4])):
        return line[1][0]
    return None


def _table(
    number: int,
    grid: Grid,
    words: list[Word],
    symbols: list[Symbol],
    connectors: list[Segment],
    images: list[Picture],
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
    by_cell: dict[int, list[Word]] = {}
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


def _seg_box(segment: Segment) -> tuple[float, float, float, float]:
    return (
        min(segment.start[0], segment.end[0]),
        min(segment.start[1], segment.end[1]),
        max(segment.start[0], segment.end[0]),
        max(segment.start[1], segment.end[1]),
    )


def _beside_a_line(line: list[Word], connectors: list[Segment], symbols: list[Symbol]) -> bool:
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
