"""The flowchart as native Word shapes (DrawingML ``wps:wsp``, with a VML fallback), each anchored in the
actor cell of the procedure table that holds it (see :mod:`.docx` for the layout of the document)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from sopap.core.i18n import N_, Words, tr
from sopap.core.layout.geometry import Connector, Label, Page, Rect, TableGrid
from sopap.core.renderers.docx_ooxml import FONT, NSDECLS

if TYPE_CHECKING:
    from sopap.core.model import SOP

EMU_PER_PT = 12700
ACTOR_CELL_MARGIN = 5.4
"""Left/right margin of the actor cells in points (108 twips, Word's default): shape offsets start there."""

SYMBOL_LINE = 0.9

CONNECTOR_LINE = 0.75

LABEL_GREY = "555555"

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


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


@dataclass
class ShapeIds:
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
class Shape:
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


def _drawingml(shape: Shape, shape_id: int, z: int) -> str:
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


def _shape_text(shape: Shape) -> str:
    """The paragraphs inside a shape, the same for its DrawingML and its VML form."""
    return _txbx(
        shape.text,
        size=shape.text_size,
        bold=shape.text_bold,
        color=shape.text_color,
        align="left" if shape.text_box else "center",
    )


def _vml(shape: Shape, z: int) -> str:
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


def shape_run_xml(shape: Shape, ids: ShapeIds, *, declare: bool = True) -> str:
    """The shape as a run; ``declare``: with the declarations of the namespaces it uses (none when it goes
    into XML that declares them, as :class:`.docx_ooxml.XmlTable` does)."""
    shape_id, z = ids.take()
    return (
        (f"<w:r {NSDECLS}>" if declare else "<w:r>")
        + '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        + _drawingml(shape, shape_id, z)
        + "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
        + _vml(shape, z)
        + "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


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
class Anchored:
    row: int
    column: int
    shape: Shape


def page_shapes(page: Page, grid: TableGrid, sop: SOP, lang: str) -> list[Anchored]:
    """The native shapes of one page, each placed relative to the cell it is anchored in."""
    out: list[Anchored] = []
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
            Anchored(
                row,
                col,
                Shape(
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


def _connector_shapes(connector: Connector, grid: TableGrid, origin: Any, lang: str) -> list[Anchored]:
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
            Anchored(
                row,
                col,
                Shape(
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


def _label_shape(label: Label, connector: Connector, grid: TableGrid, origin: Any) -> Anchored:
    r = label.rect
    row, col = _row_at(grid, r.cy), _lane_at(grid, r.x)
    ox, oy = origin(row, col)
    # A little wider and taller than the measured text, so no reader wraps or clips it.
    box = Rect(r.x - 0.5, r.y - 1.0, r.w + 3.0, r.h + 2.0)
    return Anchored(
        row,
        col,
        Shape(
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
