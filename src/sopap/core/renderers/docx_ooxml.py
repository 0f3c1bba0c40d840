"""The WordprocessingML building blocks of the DOCX output: units, namespaces, paragraphs and lists with
exact spacing, page setup, and tables with fixed widths, row heights and cell properties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sopap.core.layout.blocks import BODY, SHADE

if TYPE_CHECKING:
    from docx.table import Table, _Cell

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


def paragraph(
    container: Any,
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
    first: bool = False,
) -> Any:
    """Add a paragraph (or fill the container's first, empty one) with exact spacing.

    The paragraph is written as one piece of XML and parsed once: python-docx's property setters, each
    finding its place among the element's children, made this the slowest part of a DOCX render."""
    from docx.text.paragraph import Paragraph

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
        f'<w:p xmlns:w="{NS["w"]}"><w:pPr>',
        "<w:pageBreakBefore/>" if page_break else '<w:pageBreakBefore w:val="0"/>',
        f"<w:spacing {spacing}/>",
        ind,
        f'<w:jc w:val="{_ALIGN[align]}"/></w:pPr>',
    ]
    runs = [(texts, {})] if isinstance(texts, str) else list(texts)
    for text, extra in runs:
        if not text:
            continue
        props = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>']
        if extra.get("bold", bold):
            props.append("<w:b/>")
        if extra.get("italic", italic):
            props.append("<w:i/>")
        props.append(f'<w:sz w:val="{round(extra.get("size", size) * 2)}"/>')
        if extra.get("underline", underline):
            props.append('<w:u w:val="single"/>')
        body = "<w:br/>".join(_text_xml(piece) for piece in text.split("\n"))
        parts.append(f"<w:r><w:rPr>{''.join(props)}</w:rPr>{body}</w:r>")
    parts.append("</w:p>")
    from docx.oxml import parse_xml

    p = parse_xml("".join(parts))
    if first and container.paragraphs and not container.paragraphs[0].text:
        old = container.paragraphs[0]._p
        old.addnext(p)
        old.getparent().remove(old)
    else:
        element = container._element
        if element.tag == f"{{{NS['w']}}}document":  # into its body, before the closing section properties
            element = element.body
        sect_pr = element.find(f"{{{NS['w']}}}sectPr")
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            element.append(p)
    return Paragraph(p, container)


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


def new_table(container: Any, rows: int, widths: Sequence[float], *, indent: float, margin: float) -> Table:
    """A table with fixed layout, single black borders, the given column widths (points)."""
    table: Table = container.add_table(rows=rows, cols=len(widths))
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        if child.tag.endswith("}tblStyle"):
            tbl_pr.remove(child)
    total = sum(widths)
    m = twips(margin)
    for xml in (
        f'<w:tblW w:w="{twips(total)}" w:type="dxa"/>',
        f'<w:tblInd w:w="{twips(indent)}" w:type="dxa"/>',
        "<w:tblBorders>"
        + "".join(
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
        + "</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>',
    ):
        element = w_element(xml)
        existing = tbl_pr.find(element.tag)
        if existing is not None:
            tbl_pr.remove(existing)
        tbl_pr.append(element)
    _order_tbl_pr(tbl_pr)
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(f"{{{NS['w']}}}gridCol"), widths, strict=True):
        col.set(f"{{{NS['w']}}}w", str(twips(width)))
    return table


_TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]


def _order_tbl_pr(tbl_pr: Any) -> None:
    children = list(tbl_pr)
    children.sort(
        key=lambda c: _TBL_PR_ORDER.index(c.tag.split("}")[1]) if c.tag.split("}")[1] in _TBL_PR_ORDER else 99
    )
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def row_props(
    row: Any, height: float, *, rule: str = "exact", header: bool = False, cant_split: bool = True
) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for child in list(tr_pr):
        tr_pr.remove(child)
    if cant_split:
        tr_pr.append(w_element("<w:cantSplit/>"))
    tr_pr.append(w_element(f'<w:trHeight w:val="{twips(height)}" w:hRule="{rule}"/>'))
    if header:
        tr_pr.append(w_element("<w:tblHeader/>"))


def cell_props(
    cell: _Cell,
    *,
    width: float,
    shade: str | None = None,
    valign: str = "center",
    margin: float | None = None,
    span: int = 1,
    vmerge: str | None = None,
) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for child in list(tc_pr):
        tc_pr.remove(child)
    tc_pr.append(w_element(f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>'))
    if span > 1:
        tc_pr.append(w_element(f'<w:gridSpan w:val="{span}"/>'))
    if vmerge is not None:
        tc_pr.append(w_element('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"))
    if shade:
        tc_pr.append(w_element(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'))
    if margin is not None:
        m = twips(margin)
        tc_pr.append(
            w_element(
                f'<w:tcMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
                f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tcMar>'
            )
        )
    tc_pr.append(w_element(f'<w:vAlign w:val="{valign}"/>'))


def merge_row(row: Any, spans: Sequence[int]) -> list[_Cell]:
    """Keep one cell per span (``gridSpan``), removing the cells it covers; returns the kept cells."""
    tcs = list(row._tr.tc_lst)
    kept = []
    index = 0
    for span in spans:
        kept.append(tcs[index])
        for tc in tcs[index + 1 : index + span]:
            row._tr.remove(tc)
        index += span
    from docx.table import _Cell

    return [_Cell(tc, row.table) for tc in kept]
