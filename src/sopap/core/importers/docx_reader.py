"""Reading a Word document (.docx) into :class:`~sopap.core.importers.tables.Block` lists.

python-docx opens the package; the body is then walked with lxml, because what matters for an SOP is
below what python-docx models: merged cells (`gridSpan`, `vMerge`), content controls (`w:sdt`), Word's
automatic numbering, and text boxes and deleted text that must not leak into cell text. This module reads
the paragraphs, the tables and their text, and places each cell in the table grid (`w:tblGrid`, row
heights from `w:trHeight`, else estimated from the text); the flowchart shapes drawn in a cell are read
by :mod:`~sopap.core.importers.docx_drawings` from that place.
"""

from __future__ import annotations

import contextvars
import io
import math
from collections.abc import Callable, Iterator
from typing import Any

from sopap.core.i18n import Text
from sopap.core.importers.docx_drawings import Origin, drawings, shapes_of
from sopap.core.importers.docx_xml import (
    DEFAULT_CELL_MARGIN,
    EMU_PER_TWIP,
    MC_ALT,
    W_BR,
    W_DEL,
    W_DRAWING,
    W_P,
    W_PICT,
    W_SDT,
    W_SYM,
    W_T,
    W_TAB,
    W_TBL,
    W_TC,
    W_TR,
    W_TXBX,
    W_VAL,
    qn,
)
from sopap.core.importers.tables import Block, Cell, Paragraph, Shape, Table
from sopap.core.importers.text import clean

LINE_HEIGHT = 276 * EMU_PER_TWIP  # 11 pt text at ~1.15 spacing, in EMU
CHAR_WIDTH = 105 * EMU_PER_TWIP

# Symbol-font characters people use for flowchart boxes typed as text (Wingdings, Symbol).
_SYM_CHARS = {
    "F06F": "□",
    "F0A8": "□",
    "F06E": "■",
    "F071": "□",
    "F072": "□",
    "F0FE": "□",
    "F075": "◆",
    "F0A9": "◇",
    "F074": "◆",
    "F06C": "●",
    "F0A1": "○",
    "F09F": "○",
    "F0E2": "↓",
    "F0EA": "↓",
    "F0B7": "•",
}


def read_docx(data: bytes, *, step: Callable[[int, int], None] | None = None) -> list[Block]:
    """Blocks (paragraphs and tables, in reading order) of a .docx given as bytes; ``step(done, total)``
    after each paragraph or table of the body."""
    import docx

    document = docx.Document(io.BytesIO(data))
    children = list(document.element.body)
    reader = _Reader(_page_left_margin(document))
    token = _NUMBERING.set(_Numbering(document))
    try:
        blocks: list[Block] = []
        for done, child in enumerate(children, start=1):
            blocks.extend(reader.blocks((child,)))
            if step is not None:
                step(done, len(children))
        return blocks
    finally:
        _NUMBERING.reset(token)


class _Numbering:
    """Word's automatic numbering (`w:numPr`, on the paragraph or its style): the label Word shows
    ("1.", "a.", "•") is not in the text, so it is counted here in reading order and put back."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, level) -> fmt, text, start
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError, ValueError):
            numbering = None
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for element in numbering.findall(qn("w:abstractNum")):
                levels: dict[int, tuple[str, str, int]] = {}
                for lvl in element.findall(qn("w:lvl")):
                    level = _int(lvl.get(qn("w:ilvl")), 0)
                    fmt = lvl.find(qn("w:numFmt"))
                    text = lvl.find(qn("w:lvlText"))
                    start = lvl.find(qn("w:start"))
                    levels[level] = (
                        fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                        text.get(W_VAL, "") if text is not None else "",
                        _int(start.get(W_VAL) if start is not None else None, 1),
                    )
                abstract[element.get(qn("w:abstractNumId"), "")] = levels
            for num in numbering.findall(qn("w:num")):
                ref = num.find(qn("w:abstractNumId"))
                levels = abstract.get(ref.get(W_VAL, "") if ref is not None else "", {})
                for level, value in levels.items():
                    self.formats[(num.get(qn("w:numId"), ""), level)] = value
        try:
            for style in document.styles.element.findall(qn("w:style")):
                num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                if num_pr is not None:
                    self.style_num[style.get(qn("w:styleId"), "")] = _num_of(num_pr)
        except (AttributeError, KeyError, NotImplementedError, ValueError):
            pass

    def label(self, p: Any) -> str:
        props = p.find(qn("w:pPr"))
        if props is None:
            return ""
        num_pr = props.find(qn("w:numPr"))
        if num_pr is not None:
            num_id, level = _num_of(num_pr)
        else:
            style = props.find(qn("w:pStyle"))
            found = self.style_num.get(style.get(W_VAL, "") if style is not None else "")
            if found is None:
                return ""
            num_id, level = found
        fmt = self.formats.get((num_id, level))
        if not num_id or num_id == "0" or fmt is None:
            return ""
        kind, text, _start = fmt
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= level:
            counts.append(0)
        counts[level] += 1
        del counts[level + 1 :]
        if kind == "bullet":
            return "• "
        if kind == "none":
            return ""
        label = text or f"%{level + 1}."
        for k in range(level + 1):
            n = counts[k] + self._start(num_id, k) - 1 if k < len(counts) else 1
            label = label.replace(f"%{k + 1}", _format_number(n, self.formats.get((num_id, k), fmt)[0]))
        return label + " "

    def _start(self, num_id: str, level: int) -> int:
        fmt = self.formats.get((num_id, level))
        return fmt[2] if fmt else 1


def _num_of(num_pr: Any) -> tuple[str, int]:
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    return (
        num_id.get(W_VAL, "") if num_id is not None else "",
        _int(level.get(W_VAL) if level is not None else None, 0),
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format_number(n: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, rest = "", n
        for value, mark in numerals:
            while rest >= value:
                out, rest = out + mark, rest - value
        return out.upper() if kind == "upperRoman" else out
    return str(n)


_NUMBERING: contextvars.ContextVar[_Numbering | None] = contextvars.ContextVar("docx_numbering", default=None)


def _page_left_margin(document: Any) -> float:
    try:
        margin = document.sections[0].left_margin
        return float(margin) if margin is not None else 1440 * EMU_PER_TWIP
    except (IndexError, AttributeError, ValueError):
        return 1440 * EMU_PER_TWIP


class _Reader:
    def __init__(self, left_margin: float) -> None:
        self.left_margin = left_margin
        self.table_count = 0

    def blocks(self, parent: Any) -> Iterator[Block]:
        for child in parent:
            if child.tag == W_P:
                shapes: list[Shape] = []
                yield Paragraph(text=paragraph_text(child), shapes=shapes)
            elif child.tag == W_TBL:
                self.table_count += 1
                yield self.table(child, Text("tabel {number}", number=str(self.table_count)))
                yield from self.nested_tables(child)
            elif child.tag in (W_SDT, qn("w:customXml")):
                content = child.find(qn("w:sdtContent"))
                yield from self.blocks(content if content is not None else child)

    def nested_tables(self, tbl: Any) -> Iterator[Block]:
        # A table inside a cell (a signature block, a layout table) is read as a table of its own too.
        for tc in tbl.iter(W_TC):
            for inner in tc.findall(W_TBL):
                self.table_count += 1
                yield self.table(inner, Text("tabel {number}", number=str(self.table_count)))

    # ------------------------------------------------------------------------------------- tables

    def table(self, tbl: Any, where: Text) -> Table:
        widths = [
            int(g.get(qn("w:w"), "0") or 0) for g in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        ]
        rows = tbl.findall(W_TR)
        n_cols = max(len(widths), *(self._row_width(tr) for tr in rows)) if rows else len(widths)
        widths = widths + [1000] * (n_cols - len(widths))
        col_bounds = [0.0]
        for width in widths:
            col_bounds.append(col_bounds[-1] + (width or 1000) * EMU_PER_TWIP)
        grid: list[list[Cell | None]] = [[None] * n_cols for _ in rows]
        cell_elements: dict[int, tuple[Any, Cell]] = {}
        for r, tr in enumerate(rows):
            c = _int_attr(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
            for tc in _cells_of(tr):
                props = tc.find(qn("w:tcPr"))
                span = max(1, _int_attr(props.find(qn("w:gridSpan")) if props is not None else None, 1))
                vmerge = props.find(qn("w:vMerge")) if props is not None else None
                paragraphs = cell_paragraphs(tc)
                above = grid[r - 1][c] if r > 0 and c < n_cols else None
                if vmerge is not None and vmerge.get(W_VAL, "continue") == "continue" and above is not None:
                    cell = above
                    if cell.row + cell.rowspan == r:
                        cell.rowspan += 1
                    cell.paragraphs.extend(p for p in paragraphs if clean(p))
                else:
                    cell = Cell(paragraphs=paragraphs, row=r, col=c, colspan=span)
                for k in range(span):
                    if c + k < n_cols:
                        grid[r][c + k] = cell
                cell_elements[id(tc)] = (tc, cell)
                c += span
        row_bounds = self._row_bounds(rows, grid, col_bounds)
        table = Table(grid=grid, col_bounds=col_bounds, row_bounds=row_bounds, where=where)
        indent = _int_attr(tbl.find(f"{qn('w:tblPr')}/{qn('w:tblInd')}"), 0, attr="w:w") * EMU_PER_TWIP
        for r, tr in enumerate(rows):
            c = _int_attr(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
            for tc in _cells_of(tr):
                props = tc.find(qn("w:tcPr"))
                span = max(1, _int_attr(props.find(qn("w:gridSpan")) if props is not None else None, 1))
                origin = Origin(
                    x=col_bounds[min(c, n_cols)],
                    y=row_bounds[r],
                    width=col_bounds[min(c + span, n_cols)] - col_bounds[min(c, n_cols)],
                    height=row_bounds[r + 1] - row_bounds[r],
                    row=r,
                    col=c,
                    indent=indent,
                    left_margin=self.left_margin,
                )
                for index, p in enumerate(tc.findall(W_P)):
                    origin.paragraph_y = row_bounds[r] + index * LINE_HEIGHT
                    for container in drawings(p):
                        table.shapes.extend(shapes_of(container, origin))
                c += span
        return table

    @staticmethod
    def _row_width(tr: Any) -> int:
        width = _int_attr(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
        for tc in _cells_of(tr):
            props = tc.find(qn("w:tcPr"))
            width += max(1, _int_attr(props.find(qn("w:gridSpan")) if props is not None else None, 1))
        return width

    @staticmethod
    def _row_bounds(rows: list[Any], grid: list[list[Cell | None]], col_bounds: list[float]) -> list[float]:
        bounds = [0.0]
        for r, tr in enumerate(rows):
            height_el = tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
            given = _int_attr(height_el, 0) * EMU_PER_TWIP
            rule = height_el.get(qn("w:hRule"), "atLeast") if height_el is not None else "auto"
            estimated = 0.0
            for cell in grid[r]:
                if cell is None or cell.row != r or cell.rowspan > 1:
                    continue
                width = max(
                    col_bounds[min(cell.col + cell.colspan, len(col_bounds) - 1)]
                    - col_bounds[cell.col]
                    - 2 * DEFAULT_CELL_MARGIN,
                    CHAR_WIDTH * 4,
                )
                per_line = max(1, int(width // CHAR_WIDTH))
                lines = sum(max(1, math.ceil(len(p) / per_line)) for p in cell.paragraphs) or 1
                estimated = max(estimated, lines * LINE_HEIGHT)
            height = given if rule == "exact" and given else max(given, estimated, LINE_HEIGHT)
            bounds.append(bounds[-1] + height)
        return bounds


def _cells_of(tr: Any) -> list[Any]:
    cells: list[Any] = []
    for child in tr:
        if child.tag == W_TC:
            cells.append(child)
        elif child.tag in (W_SDT, qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            cells.extend((content if content is not None else child).findall(W_TC))
    return cells


def _int_attr(element: Any, default: int, attr: str = "w:val") -> int:
    if element is None:
        return default
    try:
        return int(float(element.get(qn(attr), default)))
    except (TypeError, ValueError):
        return default


# ------------------------------------------------------------------------------------------- text


_SKIPPED = frozenset({W_DRAWING, W_PICT, W_TXBX, W_DEL, MC_ALT, qn("w:instrText"), qn("w:fldData")})


def _skip(element: Any) -> bool:
    return element.tag in _SKIPPED


def paragraph_text(p: Any) -> str:
    """The visible text of a paragraph: no text-box content, no deleted text, symbol characters kept."""
    out: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            if _skip(child):
                continue
            tag = child.tag
            if tag == W_T:
                out.append(child.text or "")
            elif tag == W_TAB:
                out.append(" ")
            elif tag in (W_BR, qn("w:cr")):
                out.append("\n")
            elif tag == W_SYM:
                code = (child.get(qn("w:char")) or "").upper()
                out.append(_SYM_CHARS.get(code, ""))
            else:
                walk(child)

    walk(p)
    numbering = _NUMBERING.get()
    label = numbering.label(p) if numbering is not None else ""
    return label + "".join(out)


def cell_paragraphs(tc: Any) -> list[str]:
    """Each paragraph of a cell (soft line breaks split too), nested tables' text included."""
    paragraphs: list[str] = []
    for child in tc:
        if child.tag == W_P:
            paragraphs.extend(paragraph_text(child).split("\n"))
        elif child.tag == W_TBL:
            for p in child.iter(W_P):
                if not any(a.tag == W_TXBX for a in p.iterancestors()):
                    paragraphs.extend(paragraph_text(p).split("\n"))
        elif child.tag in (W_SDT, qn("w:customXml")):
            for p in child.iter(W_P):
                paragraphs.extend(paragraph_text(p).split("\n"))
    return paragraphs
