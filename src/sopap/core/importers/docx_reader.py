"""Reading a Word document (.docx) into :class:`~sopap.core.importers.tables.Block` lists.

python-docx opens the package; the body is then walked with lxml, because what matters for an SOP is
below what python-docx models: merged cells (`gridSpan`, `vMerge`), text boxes that must not leak into
cell text, and the flowchart shapes. Shapes come in several dialects, all handled here:

* DrawingML `wps:wsp` anchored (`wp:anchor`) or inline (`wp:inline`) in a cell paragraph;
* a group `wpg:wgp` or a drawing canvas `wpc:wpc` holding the whole flowchart, anchored once;
* legacy VML (`v:shape`, `v:rect`, `v:roundrect`, `v:oval`, `v:line`, `v:group`) in `w:pict`;
* `mc:AlternateContent`, where Word writes the DrawingML as the Choice and VML as the Fallback:
  only one of them is read, so no shape is counted twice.

Every shape gets a box in EMU relative to its table's top-left corner, computed from the table grid
(`w:tblGrid`), row heights (`w:trHeight`, else estimated from the text) and the anchor's offsets.
"""

from __future__ import annotations

import contextvars
import functools
import io
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from sopap.core.i18n import Text
from sopap.core.importers.tables import (
    CONNECTOR_PRESETS,
    MARK_TEXT,
    Block,
    Cell,
    Paragraph,
    Shape,
    ShapeKind,
    Table,
    line_ends,
    rotation_of,
    shape_kind,
)
from sopap.core.importers.text import clean

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


@functools.cache
def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


W_P, W_TBL, W_TR, W_TC, W_T, W_TAB, W_BR, W_SYM = (
    _q(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:t", "w:tab", "w:br", "w:sym")
)
W_DRAWING, W_PICT, W_TXBX, W_SDT, W_DEL = (
    _q(t) for t in ("w:drawing", "w:pict", "w:txbxContent", "w:sdt", "w:del")
)
MC_ALT, MC_CHOICE, MC_FALLBACK = _q("mc:AlternateContent"), _q("mc:Choice"), _q("mc:Fallback")
W_VAL = _q("w:val")

EMU_PER_TWIP = 635
EMU_PER_PT = 12700
DEFAULT_CELL_MARGIN = 108 * EMU_PER_TWIP
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
            for element in numbering.findall(_q("w:abstractNum")):
                levels: dict[int, tuple[str, str, int]] = {}
                for lvl in element.findall(_q("w:lvl")):
                    level = _int(lvl.get(_q("w:ilvl")), 0)
                    fmt = lvl.find(_q("w:numFmt"))
                    text = lvl.find(_q("w:lvlText"))
                    start = lvl.find(_q("w:start"))
                    levels[level] = (
                        fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                        text.get(W_VAL, "") if text is not None else "",
                        _int(start.get(W_VAL) if start is not None else None, 1),
                    )
                abstract[element.get(_q("w:abstractNumId"), "")] = levels
            for num in numbering.findall(_q("w:num")):
                ref = num.find(_q("w:abstractNumId"))
                levels = abstract.get(ref.get(W_VAL, "") if ref is not None else "", {})
                for level, value in levels.items():
                    self.formats[(num.get(_q("w:numId"), ""), level)] = value
        try:
            for style in document.styles.element.findall(_q("w:style")):
                num_pr = style.find(f"{_q('w:pPr')}/{_q('w:numPr')}")
                if num_pr is not None:
                    self.style_num[style.get(_q("w:styleId"), "")] = _num_of(num_pr)
        except (AttributeError, KeyError, NotImplementedError, ValueError):
            pass

    def label(self, p: Any) -> str:
        props = p.find(_q("w:pPr"))
        if props is None:
            return ""
        num_pr = props.find(_q("w:numPr"))
        if num_pr is not None:
            num_id, level = _num_of(num_pr)
        else:
            style = props.find(_q("w:pStyle"))
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
    num_id = num_pr.find(_q("w:numId"))
    level = num_pr.find(_q("w:ilvl"))
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
            elif child.tag in (W_SDT, _q("w:customXml")):
                content = child.find(_q("w:sdtContent"))
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
            int(g.get(_q("w:w"), "0") or 0) for g in tbl.findall(f"{_q('w:tblGrid')}/{_q('w:gridCol')}")
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
            c = _int_attr(tr.find(f"{_q('w:trPr')}/{_q('w:gridBefore')}"), 0)
            for tc in _cells_of(tr):
                props = tc.find(_q("w:tcPr"))
                span = max(1, _int_attr(props.find(_q("w:gridSpan")) if props is not None else None, 1))
                vmerge = props.find(_q("w:vMerge")) if props is not None else None
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
        indent = _int_attr(tbl.find(f"{_q('w:tblPr')}/{_q('w:tblInd')}"), 0, attr="w:w") * EMU_PER_TWIP
        for r, tr in enumerate(rows):
            c = _int_attr(tr.find(f"{_q('w:trPr')}/{_q('w:gridBefore')}"), 0)
            for tc in _cells_of(tr):
                props = tc.find(_q("w:tcPr"))
                span = max(1, _int_attr(props.find(_q("w:gridSpan")) if props is not None else None, 1))
                origin = _Origin(
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
                    for container in _drawings(p):
                        table.shapes.extend(_shapes_of(container, origin))
                c += span
        return table

    @staticmethod
    def _row_width(tr: Any) -> int:
        width = _int_attr(tr.find(f"{_q('w:trPr')}/{_q('w:gridBefore')}"), 0)
        for tc in _cells_of(tr):
            props = tc.find(_q("w:tcPr"))
            width += max(1, _int_attr(props.find(_q("w:gridSpan")) if props is not None else None, 1))
        return width

    @staticmethod
    def _row_bounds(rows: list[Any], grid: list[list[Cell | None]], col_bounds: list[float]) -> list[float]:
        bounds = [0.0]
        for r, tr in enumerate(rows):
            height_el = tr.find(f"{_q('w:trPr')}/{_q('w:trHeight')}")
            given = _int_attr(height_el, 0) * EMU_PER_TWIP
            rule = height_el.get(_q("w:hRule"), "atLeast") if height_el is not None else "auto"
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
        elif child.tag in (W_SDT, _q("w:customXml")):
            content = child.find(_q("w:sdtContent"))
            cells.extend((content if content is not None else child).findall(W_TC))
    return cells


def _int_attr(element: Any, default: int, attr: str = "w:val") -> int:
    if element is None:
        return default
    try:
        return int(float(element.get(_q(attr), default)))
    except (TypeError, ValueError):
        return default


# ------------------------------------------------------------------------------------------- text


_SKIPPED = frozenset({W_DRAWING, W_PICT, W_TXBX, W_DEL, MC_ALT, _q("w:instrText"), _q("w:fldData")})


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
            elif tag in (W_BR, _q("w:cr")):
                out.append("\n")
            elif tag == W_SYM:
                code = (child.get(_q("w:char")) or "").upper()
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
        elif child.tag in (W_SDT, _q("w:customXml")):
            for p in child.iter(W_P):
                paragraphs.extend(paragraph_text(p).split("\n"))
    return paragraphs


# ----------------------------------------------------------------------------------------- shapes


class _Origin:
    """Where an anchor's offsets start from: the anchor cell and paragraph, in table EMU."""

    def __init__(
        self,
        *,
        x: float,
        y: float,
        width: float,
        height: float,
        row: int,
        col: int,
        indent: float,
        left_margin: float,
    ) -> None:
        self.x, self.y, self.width, self.height = x, y, width, height
        self.row, self.col = row, col
        self.indent, self.left_margin = indent, left_margin
        self.paragraph_y = y


def _drawings(p: Any) -> Iterator[Any]:
    """The drawing containers of a paragraph: each `w:drawing` / `w:pict`, once (Choice over Fallback)."""
    for element in p.iter(W_DRAWING, W_PICT):
        if any(a.tag == W_TXBX for a in element.iterancestors()):
            continue  # a shape inside another shape's text box: part of that drawing
        fallback = next((a for a in element.iterancestors() if a.tag == MC_FALLBACK), None)
        if fallback is not None:
            alternate = fallback.getparent()
            choice = alternate.find(MC_CHOICE) if alternate is not None else None
            if choice is not None and next(choice.iter(W_DRAWING, W_PICT), None) is not None:
                continue
        yield element


Transform = Callable[[float, float], tuple[float, float]]


def _shapes_of(container: Any, origin: _Origin) -> list[Shape]:
    if container.tag == W_DRAWING:
        return _drawingml(container, origin)
    return _vml(container, origin)


def _drawingml(drawing: Any, origin: _Origin) -> list[Shape]:
    anchor = drawing.find(_q("wp:anchor"))
    inline = anchor is None
    if inline:
        anchor = drawing.find(_q("wp:inline"))
        if anchor is None:
            return []
    extent = anchor.find(_q("wp:extent"))
    cx = float(extent.get("cx", 0)) if extent is not None else 0.0
    cy = float(extent.get("cy", 0)) if extent is not None else 0.0
    if inline:
        x0 = origin.x + (origin.width - cx) / 2
        y0 = origin.y + max(0.0, (origin.height - cy) / 2)
        vertical_known = True
    else:
        x0 = _anchor_x(anchor, origin, cx)
        y0, vertical_known = _anchor_y(anchor, origin, cy)
    data = anchor.find(f"{_q('a:graphic')}/{_q('a:graphicData')}")
    if data is None:
        return []
    shapes: list[Shape] = []
    doc_pr = anchor.find(_q("wp:docPr"))
    for child in data:
        if child.tag == _q("wps:wsp"):
            shape = _wsp(child, lambda x, y: (x, y), box=(x0, y0, x0 + cx, y0 + cy), how="drawingml")
            if shape is not None:
                shape.alt = clean(doc_pr.get("descr") or "") if doc_pr is not None else ""
                shapes.append(shape)
        elif child.tag == _q("wpg:wgp"):
            shapes.extend(_group(child, (x0, y0, cx, cy), how="drawingml-group"))
        elif child.tag == _q("wpc:wpc"):

            def canvas(x: float, y: float, ox: float = x0, oy: float = y0) -> tuple[float, float]:
                return ox + x, oy + y

            shapes.extend(_children(child, canvas, how="drawingml-canvas"))
        elif child.tag == _q("pic:pic"):
            shapes.append(Shape(ShapeKind.PICTURE, x0, y0, x0 + cx, y0 + cy, how="picture"))
    # Connectors name shapes by ids that are unique within one drawing only.
    scope = doc_pr.get("id", "") if doc_pr is not None else ""
    for shape in shapes:
        for name in ("ident", "start_link", "end_link"):
            if getattr(shape, name):
                setattr(shape, name, f"{scope}:{getattr(shape, name)}")
    for shape in shapes:
        shape.row, shape.col = origin.row, origin.col
        if not vertical_known:
            shape.how += "+row"
    return shapes


def _anchor_x(anchor: Any, origin: _Origin, width: float) -> float:
    position = anchor.find(_q("wp:positionH"))
    relative = position.get("relativeFrom", "column") if position is not None else "column"
    if relative in ("column", "character", "insideMargin", "outsideMargin"):
        base, span = origin.x + DEFAULT_CELL_MARGIN, origin.width - 2 * DEFAULT_CELL_MARGIN
    elif relative in ("margin", "leftMargin"):
        base, span = -origin.indent + DEFAULT_CELL_MARGIN, origin.width
        if relative == "leftMargin":
            base -= origin.left_margin
    else:  # page
        base, span = -origin.indent - origin.left_margin + DEFAULT_CELL_MARGIN, origin.width
    return base + _offset(position, span, width)


def _anchor_y(anchor: Any, origin: _Origin, height: float) -> tuple[float, bool]:
    position = anchor.find(_q("wp:positionV"))
    relative = position.get("relativeFrom", "paragraph") if position is not None else "paragraph"
    if relative in ("paragraph", "line"):
        return origin.paragraph_y + _offset(position, origin.height, height), True
    # Relative to the page or margin: where the table sits on the page is unknown; keep the anchor row.
    return origin.y + max(0.0, (origin.height - height) / 2), False


def _offset(position: Any, span: float, size: float) -> float:
    if position is None:
        return 0.0
    offset = position.find(_q("wp:posOffset"))
    if offset is not None and offset.text:
        try:
            return float(offset.text)
        except ValueError:
            return 0.0
    align = position.find(_q("wp:align"))
    word = align.text if align is not None and align.text else "left"
    if word == "center":
        return (span - size) / 2
    if word in ("right", "bottom", "outside"):
        return span - size
    return 0.0


def _xfrm(element: Any) -> tuple[float, float, float, float, bool, bool, Any] | None:
    xfrm = element.find(_q("a:xfrm"))
    if xfrm is None:
        return None
    off, ext = xfrm.find(_q("a:off")), xfrm.find(_q("a:ext"))
    if off is None or ext is None:
        return None
    return (
        float(off.get("x", 0)),
        float(off.get("y", 0)),
        float(ext.get("cx", 0)),
        float(ext.get("cy", 0)),
        xfrm.get("flipH") in ("1", "true"),
        xfrm.get("flipV") in ("1", "true"),
        xfrm,
    )


def _group(group: Any, box: tuple[float, float, float, float], how: str) -> list[Shape]:
    props = group.find(_q("wpg:grpSpPr"))
    xf = _xfrm(props) if props is not None else None
    x0, y0, cx, cy = box
    if xf is None:
        return _children(group, lambda x, y: (x0 + x, y0 + y), how=how)
    xfrm = xf[6]
    ch_off, ch_ext = xfrm.find(_q("a:chOff")), xfrm.find(_q("a:chExt"))
    chx = float(ch_off.get("x", 0)) if ch_off is not None else xf[0]
    chy = float(ch_off.get("y", 0)) if ch_off is not None else xf[1]
    chw = float(ch_ext.get("cx", 0)) if ch_ext is not None else xf[2]
    chh = float(ch_ext.get("cy", 0)) if ch_ext is not None else xf[3]
    sx = cx / chw if chw else 1.0
    sy = cy / chh if chh else 1.0
    return _children(group, lambda x, y: (x0 + (x - chx) * sx, y0 + (y - chy) * sy), how=how)


def _children(parent: Any, transform: Transform, how: str) -> list[Shape]:
    shapes: list[Shape] = []
    for child in parent:
        if child.tag == _q("wps:wsp"):
            shape = _wsp(child, transform, box=None, how=how)
            if shape is not None:
                shapes.append(shape)
        elif child.tag in (_q("wpg:grpSp"), _q("wpg:wgp")):
            props = child.find(_q("wpg:grpSpPr"))
            xf = _xfrm(props) if props is not None else None
            if xf is None:
                shapes.extend(_children(child, transform, how))
                continue
            ax, ay = transform(xf[0], xf[1])
            bx, by = transform(xf[0] + xf[2], xf[1] + xf[3])
            shapes.extend(_group(child, (ax, ay, bx - ax, by - ay), how))
    return shapes


def _wsp(
    wsp: Any, transform: Transform, *, box: tuple[float, float, float, float] | None, how: str
) -> Shape | None:
    props = wsp.find(_q("wps:spPr"))
    geometry = props.find(_q("a:prstGeom")) if props is not None else None
    preset = geometry.get("prst", "") if geometry is not None else ""
    connector = wsp.find(_q("wps:cNvCnPr")) is not None or bool(CONNECTOR_PRESETS.match(preset))
    text = clean(" ".join(t.text or "" for t in wsp.iter(W_T)))
    xf = _xfrm(props) if props is not None else None
    flip_h, flip_v = (xf[4], xf[5]) if xf else (False, False)
    if box is None:
        if xf is None:
            return None
        ax, ay = transform(xf[0], xf[1])
        bx, by = transform(xf[0] + xf[2], xf[1] + xf[3])
    else:
        ax, ay, bx, by = box
    kind = shape_kind(preset, text, connector=connector)
    if kind == ShapeKind.OTHER and wsp.find(_q("wps:txbx")) is not None and text and geometry is not None:
        kind = ShapeKind.PROCESS
    shape = Shape(
        kind=kind, x0=min(ax, bx), y0=min(ay, by), x1=max(ax, bx), y1=max(ay, by), text=text, how=how
    )
    if kind == ShapeKind.CONNECTOR:
        shape.arrow = _arrow(props)
        shape.start, shape.end = line_ends(
            (ax, ay, bx, by), flip_h=flip_h, flip_v=flip_v, rotation=rotation_of(xf[6] if xf else None)
        )
        links = wsp.find(_q("wps:cNvCnPr"))
        if links is not None:
            start, end = links.find(_q("a:stCxn")), links.find(_q("a:endCxn"))
            shape.start_link = start.get("id", "") if start is not None else ""
            site = start.get("idx") if start is not None else None
            shape.start_site = int(site) if site is not None and site.isdigit() else None
            shape.end_link = end.get("id", "") if end is not None else ""
    own_id = wsp.find(_q("wps:cNvPr"))
    shape.ident = own_id.get("id", "") if own_id is not None else ""
    return shape


def _arrow(props: Any) -> str:
    line = props.find(_q("a:ln")) if props is not None else None
    if line is None:
        return ""
    head, tail = line.find(_q("a:headEnd")), line.find(_q("a:tailEnd"))
    at_start = head is not None and head.get("type", "none") != "none"
    at_end = tail is not None and tail.get("type", "none") != "none"
    return "both" if at_start and at_end else "start" if at_start else "end" if at_end else ""


# -------------------------------------------------------------------------------------------- VML

_VML_UNITS = {"pt": EMU_PER_PT, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "emu": 1, "pc": 152400}
_VML_TYPE_KIND = {
    "110": ShapeKind.DECISION,
    "4": ShapeKind.DECISION,
    "109": ShapeKind.PROCESS,
    "1": ShapeKind.PROCESS,
    "112": ShapeKind.PROCESS,
    "116": ShapeKind.TERMINATOR,
    "176": ShapeKind.TERMINATOR,
    "2": ShapeKind.TERMINATOR,
    "3": ShapeKind.TERMINATOR,
    "177": ShapeKind.OFFPAGE,
    "120": ShapeKind.OFFPAGE,
    "32": ShapeKind.CONNECTOR,
    "33": ShapeKind.CONNECTOR,
    "34": ShapeKind.CONNECTOR,
    "38": ShapeKind.CONNECTOR,
    "20": ShapeKind.CONNECTOR,
    "202": ShapeKind.OTHER,
}
_V_TAGS = {_q(f"v:{t}") for t in ("shape", "rect", "roundrect", "oval", "line", "polyline", "group")}


def _style(element: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (element.get("style") or "").split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            out[key.strip().lower()] = value.strip()
    return out


def _length(value: str | None, default_unit: str = "px") -> float:
    if not value:
        return 0.0
    match = re.fullmatch(r"\s*(-?[0-9.]+)\s*([a-z]*)\s*", value)
    if not match:
        return 0.0
    try:
        number = float(match.group(1))
    except ValueError:
        return 0.0
    return number * _VML_UNITS.get(match.group(2) or default_unit, 9525)


def _vml(pict: Any, origin: _Origin) -> list[Shape]:
    shapes: list[Shape] = []
    for element in pict:
        if element.tag not in _V_TAGS:
            continue
        style = _style(element)
        h_rel = style.get("mso-position-horizontal-relative", "text")
        v_rel = style.get("mso-position-vertical-relative", "text")
        if h_rel in ("text", "char"):
            base_x = origin.x + DEFAULT_CELL_MARGIN
        elif h_rel == "margin":
            base_x = -origin.indent + DEFAULT_CELL_MARGIN
        else:
            base_x = -origin.indent - origin.left_margin + DEFAULT_CELL_MARGIN
        known = v_rel in ("text", "line", "paragraph")
        left = _length(style.get("margin-left") or style.get("left"), "pt")
        top = _length(style.get("margin-top") or style.get("top"), "pt")
        width = _length(style.get("width"), "pt")
        height = _length(style.get("height"), "pt")
        base_y = origin.paragraph_y if known else origin.y + max(0.0, (origin.height - height) / 2) - top

        def place(x: float, y: float, bx: float = base_x, by: float = base_y) -> tuple[float, float]:
            return bx + x, by + y

        if element.tag == _q("v:group"):
            shapes.extend(_vml_group(element, (left, top, width, height), place))
        else:
            shape = _vml_shape(element, place, (left, top, width, height), unit="pt")
            if shape is not None:
                shapes.append(shape)
    for shape in shapes:
        shape.row, shape.col = origin.row, origin.col
        if shape.how == "vml" and not _known(pict):
            shape.how = "vml+row"
    return shapes


def _known(pict: Any) -> bool:
    for element in pict:
        if element.tag in _V_TAGS:
            rel = _style(element).get("mso-position-vertical-relative", "text")
            return rel in ("text", "line", "paragraph")
    return True


def _vml_group(group: Any, box: tuple[float, float, float, float], place: Transform) -> list[Shape]:
    left, top, width, height = box
    size = [float(v) for v in re.findall(r"-?[0-9.]+", group.get("coordsize", "1000,1000"))] or [1000, 1000]
    origin = [float(v) for v in re.findall(r"-?[0-9.]+", group.get("coordorigin", "0,0"))] or [0, 0]
    cw, ch = ([*size, 1000.0])[:2]
    ox, oy = ([*origin, 0.0])[:2]
    sx = width / cw if cw else 1.0
    sy = height / ch if ch else 1.0

    def inner(x: float, y: float) -> tuple[float, float]:
        return place(left + (x - ox) * sx, top + (y - oy) * sy)

    shapes: list[Shape] = []
    for element in group:
        if element.tag not in _V_TAGS:
            continue
        style = _style(element)
        child_box = (
            float(_number(style.get("left") or style.get("margin-left"))),
            float(_number(style.get("top") or style.get("margin-top"))),
            float(_number(style.get("width"))),
            float(_number(style.get("height"))),
        )
        if element.tag == _q("v:group"):
            cl, ct, cw2, ch2 = child_box
            a = inner(cl, ct)
            b = inner(cl + cw2, ct + ch2)

            def shifted(x: float, y: float, ax: float = a[0], ay: float = a[1]) -> tuple[float, float]:
                return ax + x, ay + y

            shapes.extend(_vml_group(element, (0.0, 0.0, b[0] - a[0], b[1] - a[1]), shifted))
        else:
            shape = _vml_shape(element, inner, child_box, unit="")
            if shape is not None:
                shape.how = "vml-group"
                shapes.append(shape)
    return shapes


def _number(value: str | None) -> float:
    if not value:
        return 0.0
    match = re.match(r"\s*(-?[0-9.]+)", value)
    return float(match.group(1)) if match else 0.0


def _vml_shape(
    element: Any, place: Transform, box: tuple[float, float, float, float], unit: str
) -> Shape | None:
    tag = etree.QName(element).localname
    text = clean(" ".join(t.text or "" for t in element.iter(W_T)))
    left, top, width, height = box
    if tag in ("line", "polyline") or element.get(_q("o:connectortype")):
        points = _line_points(element, unit) if tag == "line" else None
        if points is None:
            points = ((left, top), (left + width, top + height))
        start = place(*points[0])
        end = place(*points[1])
        stroke = element.find(_q("v:stroke"))
        at_end = stroke is not None and stroke.get("endarrow", "none") != "none"
        at_start = stroke is not None and stroke.get("startarrow", "none") != "none"
        arrow = "both" if at_start and at_end else "start" if at_start else "end" if at_end else ""
        return Shape(
            kind=ShapeKind.CONNECTOR,
            x0=min(start[0], end[0]),
            y0=min(start[1], end[1]),
            x1=max(start[0], end[0]),
            y1=max(start[1], end[1]),
            text=text,
            how="vml",
            start=start,
            end=end,
            arrow=arrow,
        )
    kind = ShapeKind.OTHER
    if tag == "roundrect" or tag == "oval":
        kind = ShapeKind.TERMINATOR
    elif tag == "rect":
        kind = ShapeKind.PROCESS
    else:
        number = (element.get(_q("o:spt")) or "").split(".")[0]
        if not number:
            match = re.search(r"_x0000_t(\d+)", element.get("type", ""))
            number = match.group(1) if match else ""
        kind = _VML_TYPE_KIND.get(number, ShapeKind.OTHER)
    if MARK_TEXT.match(text) and kind not in (ShapeKind.CONNECTOR, ShapeKind.OFFPAGE):
        kind = ShapeKind.LABEL
    elif kind == ShapeKind.OTHER and element.find(_q("v:textbox")) is not None and text:
        kind = ShapeKind.OTHER
    a = place(left, top)
    b = place(left + width, top + height)
    return Shape(
        kind=kind,
        x0=min(a[0], b[0]),
        y0=min(a[1], b[1]),
        x1=max(a[0], b[0]),
        y1=max(a[1], b[1]),
        text=text,
        how="vml",
    )


def _line_points(element: Any, unit: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    def point(value: str | None) -> tuple[float, float] | None:
        if not value:
            return None
        parts = value.split(",")
        if len(parts) != 2:
            return None
        if unit:
            return _length(parts[0], unit), _length(parts[1], unit)
        return _number(parts[0]), _number(parts[1])

    start, end = point(element.get("from")), point(element.get("to"))
    if start is None or end is None:
        return None
    return start, end
