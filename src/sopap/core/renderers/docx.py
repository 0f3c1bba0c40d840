"""DOCX output: an editable Word document drawn from the same geometry as the PDF.

Section 1 (portrait) holds the identity sheet as one real table; section 2 (landscape) the procedure
sheet: one table per page of the geometry (its two header rows marked ``w:tblHeader``, every row
``w:trHeight w:hRule="exact"`` at the geometry's height and ``w:cantSplit``), so the page breaks, the rows
and the flowchart fall where the PDF has them.

The flowchart is native Word shapes (DrawingML ``wps:wsp``), so a person can still move them in Word:

* every step symbol (``flowChartTerminator`` / ``flowChartProcess`` / ``flowChartDecision``) and every
  off-page connector (``flowChartOffpageConnector``) is a ``wp:anchor`` in the first paragraph of the cell
  of its step's row in its actor's column (``layoutInCell="1"``, ``wrapNone``), positioned
  ``relativeFrom="column"`` / ``relativeFrom="paragraph"`` with offsets in EMU from that cell's text
  area (cell left edge + the cell's left margin, :data:`ACTOR_CELL_MARGIN`) and top edge;
* every connector is a chain of straight segments (``straightConnector1`` with ``wps:cNvCnPr``), one
  shape per segment, its direction given by ``flipH``/``flipV``; the last segment of an arrow ends in
  ``a:tailEnd type="triangle"``. A segment is anchored in the actor cell where it starts;
* "Ya" / "Tidak" are small text boxes (``wps:cNvSpPr txBox="1"``) beside the decision's branches.

Each shape is wrapped in ``mc:AlternateContent`` with a VML fallback (``v:rect``, ``v:roundrect``,
``v:shape``, ``v:line``) as Word writes it, so older readers still show it.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from sopap.core.dates import format_date
from sopap.core.i18n import N_, Words, tr
from sopap.core.layout.engine import (
    BODY,
    HEADER_FONT,
    LEADING,
    SHADE,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    WORDS,
    layout_procedure,
)
from sopap.core.layout.geometry import Connector, Label, Page, Rect, TableGrid, TextBlock
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.model import SOP

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell

EMU_PER_PT = 12700
TWIPS_PER_PT = 20
FONT = "Arial"
ACTOR_CELL_MARGIN = 5.4
"""Left/right margin of the actor cells in points (108 twips, Word's default): shape offsets start there."""
TEXT_CELL_MARGIN = 3.0
"""Left/right margin of the text cells, a little under the geometry's padding, so Word never wraps more."""
SYMBOL_LINE = 0.9
CONNECTOR_LINE = 0.75
LABEL_GREY = "555555"
SHADE_HEX = SHADE.lstrip("#").upper()

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
_NSDECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items())

PRESETS = {
    "terminator": "flowChartTerminator",
    "process": "flowChartProcess",
    "decision": "flowChartDecision",
    "offpage": "flowChartOffpageConnector",
}
"""The DrawingML preset of each geometry symbol kind (the importer maps them back)."""

_KIND_WORDS = Words(
    {
        "terminator": N_("terminator"),
        "process": N_("proses"),
        "decision": N_("keputusan"),
        "offpage": N_("penghubung"),
    }
)


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def _twips(points: float) -> int:
    return round(points * TWIPS_PER_PT)


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


# ------------------------------------------------------------------------------------------- shapes


@dataclass
class _Ids:
    """Unique drawing ids and z-order, across the document."""

    next_id: int = 1
    z: int = 251659264
    used: list[int] = field(default_factory=list)

    def take(self) -> tuple[int, int]:
        shape_id, z = self.next_id, self.z
        self.next_id += 1
        self.z += 1
        return shape_id, z


def _txbx(text: str, *, size: float, bold: bool = False, color: str = "000000", align: str = "center") -> str:
    props = (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:color w:val="{color}"/><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    )
    return (
        "<w:txbxContent><w:p><w:pPr>"
        f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/>'
        f"<w:rPr>{props}</w:rPr></w:pPr>"
        f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        "</w:p></w:txbxContent>"
    )


@dataclass(frozen=True)
class _Shape:
    """One native shape, in points relative to its anchor's origin (the cell's text area, top-left)."""

    name: str
    descr: str
    x: float
    y: float
    w: float
    h: float
    preset: str
    fill: str | None = "FFFFFF"
    line: float | None = SYMBOL_LINE
    text: str = ""
    text_size: float = 7.5
    text_bold: bool = False
    text_color: str = LABEL_GREY
    connector: bool = False
    text_box: bool = False
    flip_h: bool = False
    flip_v: bool = False
    arrow: bool = False
    kind: str = ""  # terminator | process | decision | offpage | line | label


def _drawingml(shape: _Shape, shape_id: int, z: int) -> str:
    w, h = max(shape.w, 0.0), max(shape.h, 0.0)
    flips = (' flipH="1"' if shape.flip_h else "") + (' flipV="1"' if shape.flip_v else "")
    if shape.connector:
        nv = "<wps:cNvCnPr/>"
    elif shape.text_box:
        nv = '<wps:cNvSpPr txBox="1"/>'
    else:
        nv = "<wps:cNvSpPr/>"
    fill = f'<a:solidFill><a:srgbClr val="{shape.fill}"/></a:solidFill>' if shape.fill else "<a:noFill/>"
    if shape.line is None:
        line = "<a:ln><a:noFill/></a:ln>"
    else:
        tail = '<a:tailEnd type="triangle" w="med" len="med"/>' if shape.arrow else ""
        line = (
            f'<a:ln w="{_emu(shape.line)}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            f'<a:miter lim="800000"/>{tail}</a:ln>'
        )
    text = ""
    body = '<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
    if shape.text:
        text = "<wps:txbx>" + _shape_text(shape) + "</wps:txbx>"
    else:
        body = '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"><a:noAutofit/></wps:bodyPr>'
    return (
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{_emu(shape.x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{_emu(shape.y)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{_emu(w)}" cy="{_emu(h)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        "<wp:wrapNone/>"
        f'<wp:docPr id="{shape_id}" name={quoteattr(shape.name)} descr={quoteattr(shape.descr)}/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp>{nv}<wps:spPr>"
        f'<a:xfrm{flips}><a:off x="0" y="0"/><a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="{shape.preset}"><a:avLst/></a:prstGeom>'
        f"{fill}{line}</wps:spPr>{text}{body}</wps:wsp>"
        "</a:graphicData></a:graphic>"
        "</wp:anchor>"
    )


def _shape_text(shape: _Shape) -> str:
    """The paragraphs inside a shape, the same for its DrawingML and its VML form."""
    return _txbx(
        shape.text,
        size=shape.text_size,
        bold=shape.text_bold,
        color=shape.text_color,
        align="left" if shape.text_box else "center",
    )


def _vml(shape: _Shape, z: int) -> str:
    position = (
        f"position:absolute;margin-left:{_pt(shape.x)};margin-top:{_pt(shape.y)};"
        f"width:{_pt(max(shape.w, 0.0))};height:{_pt(max(shape.h, 0.0))};z-index:{z - 251659264 + 1};"
        "mso-position-horizontal-relative:text;mso-position-vertical-relative:text"
    )
    if shape.kind == "line":
        x0, x1 = (shape.x + shape.w, shape.x) if shape.flip_h else (shape.x, shape.x + shape.w)
        y0, y1 = (shape.y + shape.h, shape.y) if shape.flip_v else (shape.y, shape.y + shape.h)
        arrow = '<v:stroke endarrow="block"/>' if shape.arrow else ""
        return (
            f'<v:line from="{_pt(x0)},{_pt(y0)}" to="{_pt(x1)},{_pt(y1)}" strokeweight="{_pt(CONNECTOR_LINE)}" '
            f'style="position:absolute;z-index:{z - 251659264 + 1};'
            'mso-position-horizontal-relative:text;mso-position-vertical-relative:text">'
            f"{arrow}</v:line>"
        )
    textbox = ""
    if shape.text:
        textbox = '<v:textbox inset="0,0,0,0">' + _shape_text(shape) + "</v:textbox>"
    if shape.kind == "label":
        return f'<v:rect style="{position}" filled="f" stroked="f">{textbox}</v:rect>'
    stroke = f'strokeweight="{_pt(SYMBOL_LINE)}" fillcolor="white"'
    if shape.kind == "terminator":
        return f'<v:roundrect arcsize="50%" style="{position}" {stroke}>{textbox}</v:roundrect>'
    if shape.kind == "decision":
        path = "m10800,l,10800,10800,21600,21600,10800xe"
    elif shape.kind == "offpage":
        path = "m,l21600,r,14040l10800,21600,,14040xe"
    else:
        return f'<v:rect style="{position}" {stroke}>{textbox}</v:rect>'
    return f'<v:shape coordsize="21600,21600" path="{path}" style="{position}" {stroke}>{textbox}</v:shape>'


def _run_xml(shape: _Shape, ids: _Ids) -> str:
    shape_id, z = ids.take()
    return (
        f'<w:r {_NSDECLS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        + _drawingml(shape, shape_id, z)
        + "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
        + _vml(shape, z)
        + "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


# ------------------------------------------------------------------------------------- cell helpers


def _w(xml: str) -> Any:
    """Parse one w: element written without its namespace declaration."""
    import re

    from docx.oxml import parse_xml

    declaration = f'xmlns:w="{_NS["w"]}"'
    return parse_xml(re.sub(r"^<(w:[A-Za-z]+)", rf"<\1 {declaration}", xml, count=1))


def _paragraph(
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
    """Add a paragraph (or fill the container's first, empty one) with exact spacing."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if first and container.paragraphs and not container.paragraphs[0].text:
        p = container.paragraphs[0]
    else:
        p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        from docx.enum.text import WD_LINE_SPACING

        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    else:
        fmt.line_spacing = 1.0
    if indent or hanging:
        fmt.left_indent = Pt(indent)
        fmt.first_line_indent = Pt(-hanging)
    if right_indent:
        fmt.right_indent = Pt(right_indent)
    fmt.page_break_before = page_break
    fmt.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    runs = [(texts, {})] if isinstance(texts, str) else list(texts)
    for text, extra in runs:
        if not text:
            continue
        lines = text.split("\n")
        run = p.add_run(lines[0])
        for more in lines[1:]:
            run.add_break()
            run.add_text(more)
        run.font.size = Pt(extra.get("size", size))
        run.font.bold = extra.get("bold", bold) or None
        run.font.italic = extra.get("italic", italic) or None
        run.font.underline = extra.get("underline", underline) or None
        run.font.name = FONT
    return p


# ------------------------------------------------------------------------------------------ document


def _document(options: RenderOptions) -> DocxDocument:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(f"{{{_NS['w']}}}rFonts")
    if fonts is None:
        fonts = _w("<w:rFonts/>")
        r_pr.insert(0, fonts)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{{{_NS['w']}}}{attr}", FONT)
    # The document defaults too, so text boxes and table text without a style are Arial.
    defaults = document.styles.element.find(f"{{{_NS['w']}}}docDefaults")
    if defaults is not None:
        for default_fonts in defaults.iter(f"{{{_NS['w']}}}rFonts"):
            for attr in list(default_fonts.attrib):
                del default_fonts.attrib[attr]
            for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                default_fonts.set(f"{{{_NS['w']}}}{attr}", FONT)
        for spacing in defaults.iter(f"{{{_NS['w']}}}spacing"):
            spacing.set(f"{{{_NS['w']}}}after", "0")
            spacing.set(f"{{{_NS['w']}}}line", "240")
    lang = "id-ID" if options.lang == "id" else "en-US"
    for element in document.styles.element.iter(f"{{{_NS['w']}}}lang"):
        element.set(f"{{{_NS['w']}}}val", lang)
    return document


def _page_setup(
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


def _table(container: Any, rows: int, widths: Sequence[float], *, indent: float, margin: float) -> Table:
    """A table with fixed layout, single black borders, the given column widths (points)."""
    table: Table = container.add_table(rows=rows, cols=len(widths))
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        if child.tag.endswith("}tblStyle"):
            tbl_pr.remove(child)
    total = sum(widths)
    m = _twips(margin)
    for xml in (
        f'<w:tblW w:w="{_twips(total)}" w:type="dxa"/>',
        f'<w:tblInd w:w="{_twips(indent)}" w:type="dxa"/>',
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
        element = _w(xml)
        existing = tbl_pr.find(element.tag)
        if existing is not None:
            tbl_pr.remove(existing)
        tbl_pr.append(element)
    _order_tbl_pr(tbl_pr)
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(f"{{{_NS['w']}}}gridCol"), widths, strict=True):
        col.set(f"{{{_NS['w']}}}w", str(_twips(width)))
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


def _row_props(
    row: Any, height: float, *, rule: str = "exact", header: bool = False, cant_split: bool = True
) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for child in list(tr_pr):
        tr_pr.remove(child)
    if cant_split:
        tr_pr.append(_w("<w:cantSplit/>"))
    tr_pr.append(_w(f'<w:trHeight w:val="{_twips(height)}" w:hRule="{rule}"/>'))
    if header:
        tr_pr.append(_w("<w:tblHeader/>"))


def _cell_props(
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
    tc_pr.append(_w(f'<w:tcW w:w="{_twips(width)}" w:type="dxa"/>'))
    if span > 1:
        tc_pr.append(_w(f'<w:gridSpan w:val="{span}"/>'))
    if vmerge is not None:
        tc_pr.append(_w('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"))
    if shade:
        tc_pr.append(_w(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'))
    if margin is not None:
        m = _twips(margin)
        tc_pr.append(
            _w(
                f'<w:tcMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
                f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tcMar>'
            )
        )
    tc_pr.append(_w(f'<w:vAlign w:val="{valign}"/>'))


def _merge_row(row: Any, spans: Sequence[int]) -> list[_Cell]:
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


# ------------------------------------------------------------------------------------- identity sheet


def _identity(document: DocxDocument, sop: SOP, options: RenderOptions) -> None:

    words = WORDS(options.lang)
    layout = layout_identity(sop, options)
    page = layout.pages[0]
    margin = 34.0
    page_w, page_h = options.portrait
    section = document.sections[0]
    _page_setup(
        section, (page_w, page_h), landscape=False, top=margin, bottom=margin, left=margin, right=margin
    )
    width = page_w - 2 * margin
    labels = [t for t in page.texts if t.role == "identity-label"]
    # Column edges from the geometry: left block | label | value; the lists below are two halves.
    xl = labels[0].rect.x - margin if labels else width * 0.46
    xv = labels[0].rect.right - margin if labels else width * 0.65
    half = width / 2
    edges = sorted({0.0, xl, half, xv, width})
    widths = [b - a for a, b in itertools.pairwise(edges)]

    def span(a: float, b: float) -> int:
        return edges.index(b) - edges.index(a)

    top_rows = labels[:6]
    signer = sop.disahkan_oleh
    top_values: list[list[tuple[str, dict[str, Any]]]] = [
        [(sop.nomor or "-", {})],
        [(format_date(sop.tanggal_pembuatan, options.lang), {})],
        [(format_date(sop.tanggal_revisi, options.lang), {})],
        [(format_date(sop.tanggal_efektif, options.lang), {})],
        [],
        [(sop.nama, {"bold": True, "size": BODY + 1})],
    ]
    top_labels = [words[k] for k in ("nomor", "pembuatan", "revisi", "efektif", "disahkan", "nama")]
    pairs = [
        ((words["dasar_hukum"], sop.dasar_hukum), (words["kualifikasi"], sop.kualifikasi_pelaksana)),
        ((words["keterkaitan"], sop.keterkaitan), (words["peralatan"], sop.peralatan)),
        ((words["peringatan"], sop.peringatan), (words["pencatatan"], sop.pencatatan)),
    ]
    table = _table(document, 6 + 2 * len(pairs), widths, indent=5.4, margin=5.4)
    table.alignment = None
    rows = table.rows
    label_w = xv - xl
    value_w = width - xv
    for i in range(6):
        row = rows[i]
        height = top_rows[i].rect.h if i < len(top_rows) else 22.0
        _row_props(row, height, rule="atLeast", cant_split=True)
        left, label, value = _merge_row(row, [span(0.0, xl), span(xl, xv), span(xv, width)])
        _cell_props(
            left, width=xl, vmerge="restart" if i == 0 else "continue", valign="top", span=span(0.0, xl)
        )
        _cell_props(label, width=label_w, shade=SHADE_HEX, span=span(xl, xv))
        _cell_props(value, width=value_w, span=span(xv, width), valign="top" if i == 4 else "center")
        _paragraph(label, [(top_labels[i], {})], bold=True, first=True)
        if i == 4:
            if signer is None:
                _paragraph(value, "-", first=True)
            else:
                _paragraph(value, (signer.jabatan or "").upper(), first=True, before=3)
                space = max(0.0, height - 3 * BODY * LEADING - 8)
                if signer.nama:
                    _paragraph(value, [(signer.nama, {"bold": True, "underline": True})], before=space)
                    space = 0.0
                if signer.nip:
                    _paragraph(value, f"{words['nip']} {signer.nip}", before=space)
        else:
            _paragraph(value, top_values[i], first=True)
        if i == 0:
            _paragraph(left, "", first=True, line=68.0)
            groups: list[tuple[str, float]] = []
            if sop.pemerintah:
                groups.append((sop.pemerintah.upper(), 10.0))
            groups.append((sop.instansi.upper(), 10.0))
            groups.extend((u.upper(), 8.5) for u in sop.unit)
            for text, size in groups:
                _paragraph(left, [(text, {"size": size, "bold": True})], align="center", after=6)
        else:
            _paragraph(left, "", first=True)
    r = 6
    label_h = BODY * LEADING + 2 * 3.5 + 1
    for pair in pairs:
        label_row, value_row = rows[r], rows[r + 1]
        _row_props(label_row, label_h, rule="atLeast")
        _row_props(value_row, 36.0, rule="atLeast", cant_split=False)
        label_cells = _merge_row(label_row, [span(0.0, half), span(half, width)])
        value_cells = _merge_row(value_row, [span(0.0, half), span(half, width)])
        for k, (caption, values) in enumerate(pair):
            _cell_props(label_cells[k], width=half, shade=SHADE_HEX, span=label_cells[k].grid_span)
            _paragraph(label_cells[k], [(caption, {})], bold=True, first=True)
            _cell_props(value_cells[k], width=half, valign="top", span=value_cells[k].grid_span)
            _list(value_cells[k], list(values), first=True, before=2)
        r += 2


def _list(
    cell: Any, values: list[str], *, first: bool = False, before: float = 0.0, size: float = BODY
) -> None:
    """List items as separate paragraphs: "•" with a hanging indent when there are several, else plain."""
    from sopap.core.layout.text import BULLET, text_width

    if not values:
        _paragraph(cell, "-", first=first, before=before, size=size)
        return
    bullet = len(values) > 1
    hang = text_width(BULLET, "regular", size) if bullet else 0.0
    for i, value in enumerate(values):
        _paragraph(
            cell,
            (BULLET if bullet else "") + value,
            first=first and i == 0,
            before=before if i == 0 else 0,
            indent=hang,
            hanging=hang,
            size=size,
        )


# ------------------------------------------------------------------------------------ procedure sheet


def _lane_at(grid: TableGrid, x: float) -> int:
    """Index in ``grid.columns`` of the actor lane holding ``x`` (the nearest lane when outside them)."""
    lanes = list(grid.lanes)
    for i in lanes:
        c = grid.columns[i]
        if c.x0 - 0.01 <= x < c.x1:
            return i
    return min(lanes, key=lambda i: min(abs(grid.columns[i].x0 - x), abs(grid.columns[i].x1 - x)))


def _row_at(grid: TableGrid, y: float) -> int:
    for i, row in enumerate(grid.rows):
        if row.y0 - 0.01 <= y < row.y1:
            return i
    return 0 if y < grid.body_top else len(grid.rows) - 1


@dataclass
class _Anchored:
    row: int
    column: int
    shape: _Shape


def _page_shapes(page: Page, grid: TableGrid, sop: SOP, lang: str) -> list[_Anchored]:
    """The native shapes of one page, each placed relative to the cell it is anchored in."""
    out: list[_Anchored] = []
    kind_words = _KIND_WORDS(lang)
    step_word = tr("Langkah", lang)

    def origin(row: int, col: int) -> tuple[float, float]:
        return grid.columns[col].x0 + ACTOR_CELL_MARGIN, grid.rows[row].y0

    # Connectors first (drawn under the symbols), then labels, then symbols, as the geometry orders them.
    for connector in page.connectors:
        out.extend(_connector_shapes(connector, grid, origin, lang))
        if connector.label is not None:
            out.append(_label_shape(connector.label, connector, grid, origin))
    for symbol in page.symbols:
        row = next((i for i, r in enumerate(grid.rows) if r.step == symbol.step and r.part == 0), None)
        if row is None or not (grid.rows[row].y0 - 0.5 <= symbol.rect.cy <= grid.rows[row].y1 + 0.5):
            row = _row_at(grid, symbol.rect.cy)
        col = (
            grid.columns.index(grid.lane_of(symbol.actor)) if symbol.actor else _lane_at(grid, symbol.rect.cx)
        )
        ox, oy = origin(row, col)
        r = symbol.rect
        if symbol.kind == "offpage":
            name = f"{kind_words['offpage']} {symbol.label}"
            descr = f"{name}: {step_word} {symbol.step}"
        else:
            kegiatan = sop.langkah[symbol.step - 1].kegiatan if 0 < symbol.step <= len(sop.langkah) else ""
            name = f"{step_word} {symbol.step} ({symbol.actor})"
            descr = f"{step_word} {symbol.step}, {kind_words[symbol.kind]}: {kegiatan}"
        out.append(
            _Anchored(
                row,
                col,
                _Shape(
                    name=name,
                    descr=descr,
                    x=r.x - ox,
                    y=r.y - oy,
                    w=r.w,
                    h=r.h,
                    preset=PRESETS[symbol.kind],
                    text=symbol.label,
                    text_size=symbol.label_size,
                    text_bold=symbol.kind == "offpage",
                    text_color="000000" if symbol.kind == "offpage" else LABEL_GREY,
                    kind=symbol.kind,
                ),
            )
        )
    return out


# The words of the shapes' names and descriptions (what a screen reader says of them in Word).


def _connector_shapes(connector: Connector, grid: TableGrid, origin: Any, lang: str) -> list[_Anchored]:
    points = [p for i, p in enumerate(connector.points) if i == 0 or p != connector.points[i - 1]]
    segments = list(itertools.pairwise(points))
    out = []
    for index, ((x0, y0), (x1, y1)) in enumerate(segments):
        last = index == len(segments) - 1
        row, col = _row_at(grid, y0), _lane_at(grid, x0)
        ox, oy = origin(row, col)
        target = str(connector.target) if connector.target else tr("selesai", lang)
        name = f"{connector.kind} {connector.source}-{target}" + (
            f" ({index + 1})" if len(segments) > 1 else ""
        )
        out.append(
            _Anchored(
                row,
                col,
                _Shape(
                    name=name,
                    descr=f"{tr('Langkah', lang)} {connector.source} \u2192 {target}",
                    x=min(x0, x1) - ox,
                    y=min(y0, y1) - oy,
                    w=abs(x1 - x0),
                    h=abs(y1 - y0),
                    preset="straightConnector1",
                    fill=None,
                    line=CONNECTOR_LINE,
                    connector=True,
                    flip_h=x1 < x0,
                    flip_v=y1 < y0,
                    arrow=connector.arrow and last,
                    kind="line",
                ),
            )
        )
    return out


def _label_shape(label: Label, connector: Connector, grid: TableGrid, origin: Any) -> _Anchored:
    r = label.rect
    row, col = _row_at(grid, r.cy), _lane_at(grid, r.x)
    ox, oy = origin(row, col)
    # A little wider and taller than the measured text, so no reader wraps or clips it.
    box = Rect(r.x - 0.5, r.y - 1.0, r.w + 3.0, r.h + 2.0)
    return _Anchored(
        row,
        col,
        _Shape(
            name=f"Label {label.text} {connector.source}",
            descr=label.text,
            x=box.x - ox,
            y=box.y - oy,
            w=box.w,
            h=box.h,
            preset="rect",
            fill=None,
            line=None,
            text=label.text,
            text_size=label.size,
            text_color="000000",
            text_box=True,
            kind="label",
        ),
    )


def _rejoin(block: TextBlock) -> list[str]:
    """The paragraphs of the part of ``block`` on its page: wrapped lines joined, one per list item."""
    from sopap.core.layout.text import BULLET

    out: list[str] = []
    for line in block.lines:
        if not out or (block.bullet and line.text.startswith(BULLET)):
            out.append(line.text)
        else:
            out[-1] += " " + line.text
    return out


def _texts_by_cell(page: Page) -> dict[tuple[int, int], TextBlock]:
    out: dict[tuple[int, int], TextBlock] = {}
    for block in page.texts:
        if block.step is not None and block.column is not None and block.role != "continued":
            out.setdefault((block.step, block.column), block)
    return out


def _procedure(document: DocxDocument, sop: SOP, options: RenderOptions) -> None:
    from docx.enum.section import WD_SECTION

    words = WORDS(options.lang)
    layout = layout_procedure(sop, options)
    size = options.landscape
    first_page = layout.pages[0]
    grid0 = first_page.grid
    assert grid0 is not None
    title = next((t for t in first_page.texts if t.role == "title"), None)
    title_top = title.rect.y if title else 22.0
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(
        section, size, landscape=True, top=title_top, bottom=28.0, left=grid0.x0, right=size[0] - grid0.x1
    )
    _footer(section, sop, words, len(layout.pages))
    ids = _Ids()
    split = {r.step for p in layout.pages if p.grid is not None for r in p.grid.rows if r.part > 0}
    for index, page in enumerate(layout.pages):
        grid = page.grid
        assert grid is not None
        # Title and subtitle, with exact line heights so the table starts where the geometry has it.
        for role, size_pt, factor, bold in (
            ("title", TITLE_SIZE, 1.25, True),
            ("subtitle", SUBTITLE_SIZE, 1.3, False),
        ):
            block = next((t for t in page.texts if t.role == role), None)
            if block is None:
                continue
            after = max(0.0, grid.top - block.rect.bottom) if role == "subtitle" else 0.0
            _paragraph(
                document,
                [("\n".join(line.text for line in block.lines), {})],
                size=size_pt,
                bold=bold,
                align="center",
                line=size_pt * factor,
                after=after,
                page_break=role == "title" and index > 0,
            )
        _procedure_table(document, sop, page, grid, words, ids, options.lang, split)
    # The signature under the last page's table, centred in a block at the right, as the geometry has it.
    last = layout.pages[-1]
    signature = [t for t in last.texts if t.role.startswith("signature")]
    grid_last = last.grid
    assert grid_last is not None
    if signature:
        width = max(t.rect.w for t in signature)
        indent = grid_last.x1 - width - grid0.x0
        previous_bottom = grid_last.bottom
        for block in signature:
            _paragraph(
                document,
                [("\n".join(line.text for line in block.lines), {})],
                bold=block.style == "bold",
                align="center",
                indent=indent,
                before=max(0.0, block.rect.y - previous_bottom),
                line=BODY * LEADING,
            )
            previous_bottom = block.rect.bottom
    else:
        _paragraph(document, "", size=2, line=2)


def _footer(section: Any, sop: SOP, words: dict[str, str], total: int) -> None:
    from docx.oxml import parse_xml

    section.footer.is_linked_to_previous = False
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    left = sop.nama if not sop.nomor else f"{sop.nomor} \u2014 {sop.nama}"
    usable = section.page_width.pt - section.left_margin.pt - section.right_margin.pt
    p_pr = p._p.get_or_add_pPr()
    # One right tab at the right margin; the Footer style's centre and right tabs (Letter size) cleared.
    tabs = _w(
        '<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
        f'<w:tab w:val="right" w:pos="{_twips(usable)}"/></w:tabs>'
    )
    style = p_pr.find(f"{{{_NS['w']}}}pStyle")
    if style is not None:
        style.addnext(tabs)
    else:
        p_pr.insert(0, tabs)
    run_props = (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="15"/></w:rPr>'
    )

    def run(text: str) -> None:
        p._p.append(
            parse_xml(
                f'<w:r xmlns:w="{_NS["w"]}">{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            )
        )

    def tab() -> None:
        p._p.append(parse_xml(f'<w:r xmlns:w="{_NS["w"]}">{run_props}<w:tab/></w:r>'))

    def fld(code: str, shown: str) -> None:
        p._p.append(
            parse_xml(
                f'<w:fldSimple xmlns:w="{_NS["w"]}" w:instr=" {code} \\* MERGEFORMAT "><w:r>{run_props}'
                f"<w:t>{shown}</w:t></w:r></w:fldSimple>"
            )
        )

    run(left)
    tab()
    before, _, rest = words["page"].partition("{n}")
    middle, _, after = rest.partition("{total}")
    run(before)
    fld("PAGE", "1")
    run(middle)
    fld("SECTIONPAGES", str(total))  # the cached value is right before any update
    if after:
        run(after)
    # Page numbers of the procedure sheet start at 1.
    sect_pr = section._sectPr
    existing = sect_pr.find(f"{{{_NS['w']}}}pgNumType")
    if existing is None:
        pg = _w('<w:pgNumType w:start="1"/>')
        # pgNumType goes after pgMar/paperSrc/pgBorders/lnNumType and before cols.
        cols = sect_pr.find(f"{{{_NS['w']}}}cols")
        if cols is not None:
            cols.addprevious(pg)
        else:
            sect_pr.append(pg)


def _procedure_table(
    document: DocxDocument,
    sop: SOP,
    page: Page,
    grid: TableGrid,
    words: dict[str, str],
    ids: _Ids,
    lang: str,
    split: set[int],
) -> None:
    """One page of the procedure sheet as a table; ``split`` are the steps whose row the geometry cut."""
    columns = grid.columns
    widths = [c.width for c in columns]
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(columns) if c.key in ("kelengkapan", "waktu", "output")]
    e0, e1, e2 = grid.header_edges
    table = _table(document, 2 + len(grid.rows), widths, indent=TEXT_CELL_MARGIN, margin=TEXT_CELL_MARGIN)
    rows = table.rows
    # Header: groups "Pelaksana" / "Mutu Baku" above the lane and mutu columns; the rest merged downwards.
    spans: list[tuple[int, int, str | None]] = []  # (first column, span, label) of the first header row
    i = 0
    while i < len(columns):
        if i == lanes[0]:
            spans.append((i, len(lanes), words["pelaksana"]))
            i += len(lanes)
        elif i == mutu[0]:
            spans.append((i, len(mutu), words["mutu"]))
            i += len(mutu)
        else:
            spans.append((i, 1, None))
            i += 1
    _row_props(rows[0], e1 - e0, header=True)
    _row_props(rows[1], e2 - e1, header=True)
    top_cells = _merge_row(rows[0], [s for _, s, _ in spans])
    for cell, (first, span, group) in zip(top_cells, spans, strict=True):
        width = sum(widths[first : first + span])
        label = group if group is not None else columns[first].label
        _cell_props(cell, width=width, shade=SHADE_HEX, span=span, vmerge=None if group else "restart")
        _paragraph(cell, label, bold=True, size=HEADER_FONT, align="center", first=True)
    for k, cell in enumerate(rows[1].cells):
        column = columns[k]
        merged = column.key in ("no", "kegiatan", "keterangan")
        _cell_props(
            cell, width=column.width, shade=SHADE_HEX, vmerge="continue" if merged else None, margin=2.5
        )
        _paragraph(
            cell, "" if merged else column.label, bold=True, size=HEADER_FONT, align="center", first=True
        )
    texts = _texts_by_cell(page)
    shapes = _page_shapes(page, grid, sop, lang)
    by_cell: dict[tuple[int, int], list[_Shape]] = {}
    for anchored in shapes:
        by_cell.setdefault((anchored.row, anchored.column), []).append(anchored.shape)
    for r, grid_row in enumerate(grid.rows):
        row = rows[2 + r]
        _row_props(row, grid_row.height)
        for k, cell in enumerate(row.cells):
            column = columns[k]
            is_lane = column.key == "actor"
            _cell_props(
                cell,
                width=column.width,
                margin=ACTOR_CELL_MARGIN if is_lane else TEXT_CELL_MARGIN,
                valign="top" if is_lane or grid_row.step in split else "center",
            )
            block = texts.get((grid_row.step, k))
            if is_lane:
                p = _paragraph(cell, "", first=True, line=1.0, size=1)
                for shape in by_cell.get((r, k), []):
                    from docx.oxml import parse_xml

                    p._p.append(parse_xml(_run_xml(shape, ids)))
                continue
            if block is None:
                _paragraph(cell, "", first=True)
                continue
            align = "center" if column.key in ("no", "waktu") else "left"
            if grid_row.step in split:
                # A row cut across pages: the text the geometry put on this page, its wrapped lines
                # joined back into paragraphs (a bullet starts a new list item).
                for j, text in enumerate(_rejoin(block)):
                    _paragraph(cell, text, first=j == 0, align=align)
            elif block.bullet:
                _list(cell, list(block.paragraphs), first=True)
            else:
                for j, text in enumerate(block.paragraphs):
                    _paragraph(cell, text, first=j == 0, align=align)


# ---------------------------------------------------------------------------------------------- entry


def render_docx(sop: SOP, options: RenderOptions | None = None, *, identity: bool = True) -> bytes:
    """The identity sheet (portrait section) then the procedure sheet (landscape section), as a .docx."""
    options = options or RenderOptions()
    document = _document(options)
    if identity:
        _identity(document, sop, options)
    else:
        first = document.sections[0]
        _page_setup(first, options.portrait, landscape=False, top=34, bottom=34, left=34, right=34)
    _procedure(document, sop, options)
    if not identity:
        # Drop the empty portrait section the template starts with.
        body = document.element.body
        first_p = body.find(f"{{{_NS['w']}}}p")
        if first_p is not None and first_p.find(f".//{{{_NS['w']}}}sectPr") is not None:
            body.remove(first_p)
    props = document.core_properties
    props.title = sop.nama
    props.author = sop.instansi
    props.subject = f"SOP AP {sop.nomor}" if sop.nomor else "SOP AP"
    props.keywords = "SOP; SOP AP"
    props.comments = "sopap"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
