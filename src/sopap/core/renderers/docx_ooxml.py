"""The WordprocessingML building blocks of the DOCX output: units, namespaces, paragraphs and lists with
exact spacing, page setup, and tables with fixed widths, row heights and cell properties."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sopap.core.layout.blocks import BODY, SHADE

TWIPS_PER_PT = 20
FONT = "Arial"
SHADE_HEX = SHADE.lstrip("#").upper()

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}

NSDECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())


def twips(points: float) -> int:
    return round(points * TWIPS_PER_PT)


def w_element(xml: str) -> Any:
    """Parse one w: element written without its namespace declaration."""
    import re

    from docx.oxml import parse_xml

    declaration = f'xmlns:w="{NS["w"]}"'
    return parse_xml(re.sub(r"^<(w:[A-Za-z]+)", rf"<\1 {declaration}", xml, count=1))


def paragraph_xml(
    texts: Sequence[tuple[str, dict[str, Any]]] | str,
    *,
    size: float = BODY,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: str = "left",
    line: float | None = None,
    before: float = 0.0,
    after: float = 0.0,
    indent: float = 0.0,
    hanging: float = 0.0,
    right_indent: float = 0.0,
    page_break: bool = False,
    extra: str = "",
) -> tuple[str, str]:
    """A paragraph with exact spacing as WordprocessingML text (its ``w:`` prefix not declared), and its
    plain text; ``extra`` is more runs, as XML, after the text's."""
    spacing = f'w:before="{twips(before)}" w:after="{twips(after)}" ' + (
        f'w:lineRule="exact" w:line="{twips(line)}"' if line is not None else 'w:line="240" w:lineRule="auto"'
    )
    ind = ""
    if indent or hanging or right_indent:
        attrs = []
        if indent or hanging:
            attrs.append(f'w:left="{twips(indent)}"')
            if hanging > 0:
                attrs.append(f'w:hanging="{twips(hanging)}"')
            elif hanging < 0:
                attrs.append(f'w:firstLine="{twips(-hanging)}"')
            else:
                attrs.append('w:firstLine="0"')
        if right_indent:
            attrs.append(f'w:right="{twips(right_indent)}"')
        ind = f"<w:ind {' '.join(attrs)}/>"
    parts = [
        "<w:p><w:pPr>",
        "<w:pageBreakBefore/>" if page_break else '<w:pageBreakBefore w:val="0"/>',
        f"<w:spacing {spacing}/>",
        ind,
        f'<w:jc w:val="{_ALIGN[align]}"/></w:pPr>',
    ]
    runs = [(texts, {})] if isinstance(texts, str) else list(texts)
    shown = []
    for text, more in runs:
        if not text:
            continue
        shown.append(text)
        props = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>']
        if more.get("bold", bold):
            props.append("<w:b/>")
        if more.get("italic", italic):
            props.append("<w:i/>")
        props.append(f'<w:sz w:val="{round(more.get("size", size) * 2)}"/>')
        if more.get("underline", underline):
            props.append('<w:u w:val="single"/>')
        body = "<w:br/>".join(_text_xml(piece) for piece in text.split("\n"))
        parts.append(f"<w:r><w:rPr>{''.join(props)}</w:rPr>{body}</w:r>")
    parts.append(extra)
    parts.append("</w:p>")
    return "".join(parts), "".join(shown)


def paragraph(
    container: Any,
    texts: Sequence[tuple[str, dict[str, Any]]] | str,
    *,
    first: bool = False,
    **style: Any,
) -> Any:
    """Add a paragraph (or fill the container's first, empty one) with exact spacing; ``style`` as
    :func:`paragraph_xml` takes it.

    In an :class:`XmlCell` the paragraph stays text, written out with its table; elsewhere it is parsed
    once and placed: python-docx's property setters, each finding its place among the element's
    children, made this the slowest part of a DOCX render."""
    xml, text = paragraph_xml(texts, **style)
    if isinstance(container, XmlCell):
        if first and container.paragraphs and not container.paragraphs[0][1]:
            container.paragraphs[0] = (xml, text)
        else:
            container.paragraphs.append((xml, text))
        return None
    from docx.oxml import parse_xml
    from docx.text.paragraph import Paragraph

    p = parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{NS["w"]}">', 1))
    if first and container.paragraphs and not container.paragraphs[0].text:
        old = container.paragraphs[0]._p
        old.addnext(p)
        old.getparent().remove(old)
    else:
        append_block(container, p)
    return Paragraph(p, container)


def append_block(container: Any, block: Any) -> None:
    """Add ``block`` (a paragraph or table element) at the end of ``container``; in a document, at the end
    of its body, before the closing section properties."""
    element = container._element
    if element.tag == f"{{{NS['w']}}}document":
        element = element.body
    sect_pr = element.find(f"{{{NS['w']}}}sectPr")
    if sect_pr is not None:
        sect_pr.addprevious(block)
    else:
        element.append(block)


def picture_run(
    part: Any, data: bytes, *, width: float | None = None, height: float | None = None, pending: int = 0
) -> str:
    """A run holding the picture ``data`` (stored in ``part``) at ``width``/``height`` points (either
    alone keeps its aspect), as XML, as python-docx's ``add_picture`` writes it; ``pending``: how many
    pictures made before it are not in the document yet (each takes the next drawing id)."""
    import io

    from docx.shared import Pt
    from lxml import etree

    inline = part.new_pic_inline(
        io.BytesIO(data), Pt(width) if width is not None else None, Pt(height) if height is not None else None
    )
    if pending:
        shape_id = int(inline.docPr.get("id")) + pending
        inline.docPr.set("id", str(shape_id))
        inline.docPr.set("name", f"Picture {shape_id}")
    return f"<w:r><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"


_ALIGN = {"left": "left", "center": "center", "right": "right"}


def _text_xml(text: str) -> str:
    """One line of a run: its tabs as ``w:tab``, the rest as ``w:t`` keeping spaces."""
    from xml.sax.saxutils import escape

    pieces = text.split("\t")
    out = []
    for i, piece in enumerate(pieces):
        if i:
            out.append("<w:tab/>")
        if piece:
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(out)


def bullet_list(
    cell: Any, values: list[str], *, first: bool = False, before: float = 0.0, size: float = BODY
) -> None:
    """List items as separate paragraphs: "•" with a hanging indent when there are several, else plain."""
    from sopap.core.layout.text import BULLET, text_width

    if not values:
        paragraph(cell, "-", first=first, before=before, size=size)
        return
    bullet = len(values) > 1
    hang = text_width(BULLET, "regular", size) if bullet else 0.0
    for i, value in enumerate(values):
        paragraph(
            cell,
            (BULLET if bullet else "") + value,
            first=first and i == 0,
            before=before if i == 0 else 0,
            indent=hang,
            hanging=hang,
            size=size,
        )


def page_setup(
    section: Any,
    size: tuple[float, float],
    *,
    landscape: bool,
    top: float,
    bottom: float,
    left: float,
    right: float,
) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Pt(size[0])
    section.page_height = Pt(size[1])
    section.top_margin = Pt(top)
    section.bottom_margin = Pt(bottom)
    section.left_margin = Pt(left)
    section.right_margin = Pt(right)
    section.header_distance = Pt(min(top, 14))
    section.footer_distance = Pt(14)


class XmlCell:
    """A table cell kept as text until its table is written: its properties and its paragraphs (XML and
    plain text), at first one empty paragraph as a new Word cell has."""

    def __init__(self) -> None:
        self.tc_pr: str | None = None
        self.span = 1
        self.paragraphs: list[tuple[str, str]] = [("<w:p/>", "")]

    @property
    def grid_span(self) -> int:
        """The columns the cell spans, as its properties written so far say."""
        return self.span

    def xml(self, width: float) -> str:
        props = self.tc_pr if self.tc_pr is not None else f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>'
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(p for p, _ in self.paragraphs)}</w:tc>"


class XmlRow:
    """A table row kept as text: its properties (None: none) and its cells."""

    def __init__(self, columns: int) -> None:
        self.tr_pr: str | None = None
        self.cells = [XmlCell() for _ in range(columns)]


class XmlTable:
    """A table with fixed layout, single black borders and the given column widths (points), filled as
    text and parsed once by :func:`insert_table`: building it cell by cell through python-docx was most of
    the time a DOCX took."""

    def __init__(self, rows: int, widths: Sequence[float], *, indent: float, margin: float) -> None:
        self.widths = list(widths)
        self.indent = indent
        self.margin = margin
        self.rows = [XmlRow(len(self.widths)) for _ in range(rows)]

    def xml(self) -> str:
        m = twips(self.margin)
        borders = "".join(
            f'<w:{edge} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
            for edge, sz in (
                ("top", 8),
                ("left", 8),
                ("bottom", 8),
                ("right", 8),
                ("insideH", 4),
                ("insideV", 4),
            )
        )
        parts = [
            f"<w:tbl {NSDECLS} "
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:tblPr>'
            f'<w:tblW w:w="{twips(sum(self.widths))}" w:type="dxa"/>'
            f'<w:tblInd w:w="{twips(self.indent)}" w:type="dxa"/>'
            f"<w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{twips(width)}"/>' for width in self.widths),
            "</w:tblGrid>",
        ]
        for row in self.rows:
            parts.append("<w:tr>")
            if row.tr_pr is not None:
                parts.append(f"<w:trPr>{row.tr_pr}</w:trPr>")
            parts.extend(cell.xml(width) for cell, width in zip(row.cells, self.widths, strict=False))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)


def new_table(rows: int, widths: Sequence[float], *, indent: float, margin: float) -> XmlTable:
    """A table with fixed layout, single black borders, the given column widths (points); fill its cells,
    then :func:`insert_table` it."""
    return XmlTable(rows, widths, indent=indent, margin=margin)


_DEFERRED = threading.local()


@contextmanager
def tables_as_text() -> Iterator[list[str]]:
    """While open (in this thread), :func:`insert_table` leaves each table as text in the list it gives,
    and in the document a comment ``sopap-table <index in the list>`` where it goes: for a caller that
    sends the tables elsewhere as XML anyway, parsing them here would be lost time."""
    previous = getattr(_DEFERRED, "tables", None)
    tables: list[str] = []
    _DEFERRED.tables = tables
    try:
        yield tables
    finally:
        _DEFERRED.tables = previous


def insert_table(container: Any, table: XmlTable) -> Any:
    """Parse ``table`` once and add it at the end of ``container`` (a document: before its closing section
    properties); returns its ``w:tbl`` element (in :func:`tables_as_text`, the comment in its place)."""
    from docx.oxml import parse_xml
    from lxml import etree

    deferred: list[str] | None = getattr(_DEFERRED, "tables", None)
    if deferred is not None:
        tbl = etree.Comment(f"sopap-table {len(deferred)}")
        deferred.append(table.xml())
    else:
        tbl = parse_xml(table.xml())
    append_block(container, tbl)
    return tbl


def row_props(
    row: XmlRow, height: float, *, rule: str = "exact", header: bool = False, cant_split: bool = True
) -> None:
    row.tr_pr = (
        ("<w:cantSplit/>" if cant_split else "")
        + f'<w:trHeight w:val="{twips(height)}" w:hRule="{rule}"/>'
        + ("<w:tblHeader/>" if header else "")
    )


def cell_props(
    cell: XmlCell,
    *,
    width: float,
    shade: str | None = None,
    valign: str = "center",
    margin: float | None = None,
    span: int = 1,
    vmerge: str | None = None,
) -> None:
    props = [f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge is not None:
        props.append('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>")
    if shade:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    if margin is not None:
        m = twips(margin)
        props.append(
            f'<w:tcMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tcMar>'
        )
    props.append(f'<w:vAlign w:val="{valign}"/>')
    cell.tc_pr = "".join(props)
    cell.span = span


def merge_row(row: XmlRow, spans: Sequence[int]) -> list[XmlCell]:
    """Keep one cell per span (``gridSpan``), removing the cells it covers; returns the kept cells."""
    kept = []
    index = 0
    for span in spans:
        kept.append(row.cells[index])
        index += span
    row.cells = kept
    return kept
