"""The flowchart shapes drawn in the cells of a Word table, read as :class:`~sopap.core.importers.tables.Shape`.

Shapes come in several dialects, all handled here:

* DrawingML `wps:wsp` anchored (`wp:anchor`) or inline (`wp:inline`) in a cell paragraph;
* a group `wpg:wgp` or a drawing canvas `wpc:wpc` holding the whole flowchart, anchored once;
* legacy VML (`v:shape`, `v:rect`, `v:roundrect`, `v:oval`, `v:line`, `v:group`) in `w:pict`;
* `mc:AlternateContent`, where Word writes the DrawingML as the Choice and VML as the Fallback:
  only one of them is read, so no shape is counted twice.

Every shape gets a box in EMU relative to its table's top-left corner, computed from the table grid
(`w:tblGrid`), row heights (`w:trHeight`, else estimated from the text) and the anchor's offsets: the
table reader (:mod:`~sopap.core.importers.docx_reader`) gives the anchor cell as an :class:`Origin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from sopap.core.importers.docx_xml import (
    DEFAULT_CELL_MARGIN,
    EMU_PER_PT,
    MC_CHOICE,
    MC_FALLBACK,
    W_DRAWING,
    W_PICT,
    W_T,
    W_TXBX,
    qn,
)
from sopap.core.importers.tables import (
    CONNECTOR_PRESETS,
    MARK_TEXT,
    Shape,
    ShapeKind,
    line_ends,
    rotation_of,
    shape_kind,
)
from sopap.core.importers.text import clean


class Origin:
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


def drawings(p: Any) -> Iterator[Any]:
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


def shapes_of(container: Any, origin: Origin) -> list[Shape]:
    if container.tag == W_DRAWING:
        return _drawingml(container, origin)
    return _vml(container, origin)


def _drawingml(drawing: Any, origin: Origin) -> list[Shape]:
    anchor = drawing.find(qn("wp:anchor"))
    inline = anchor is None
    if inline:
        anchor = drawing.find(qn("wp:inline"))
        if anchor is None:
            return []
    extent = anchor.find(qn("wp:extent"))
    cx = float(extent.get("cx", 0)) if extent is not None else 0.0
    cy = float(extent.get("cy", 0)) if extent is not None else 0.0
    if inline:
        x0 = origin.x + (origin.width - cx) / 2
        y0 = origin.y + max(0.0, (origin.height - cy) / 2)
        vertical_known = True
    else:
        x0 = _anchor_x(anchor, origin, cx)
        y0, vertical_known = _anchor_y(anchor, origin, cy)
    data = anchor.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    if data is None:
        return []
    shapes: list[Shape] = []
    doc_pr = anchor.find(qn("wp:docPr"))
    for child in data:
        if child.tag == qn("wps:wsp"):
            shape = _wsp(child, lambda x, y: (x, y), box=(x0, y0, x0 + cx, y0 + cy), how="drawingml")
            if shape is not None:
                shape.alt = clean(doc_pr.get("descr") or "") if doc_pr is not None else ""
                shapes.append(shape)
        elif child.tag == qn("wpg:wgp"):
            shapes.extend(_group(child, (x0, y0, cx, cy), how="drawingml-group"))
        elif child.tag == qn("wpc:wpc"):

            def canvas(x: float, y: float, ox: float = x0, oy: float = y0) -> tuple[float, float]:
                return ox + x, oy + y

            shapes.extend(_children(child, canvas, how="drawingml-canvas"))
        elif child.tag == qn("pic:pic"):
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


def _anchor_x(anchor: Any, origin: Origin, width: float) -> float:
    position = anchor.find(qn("wp:positionH"))
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


def _anchor_y(anchor: Any, origin: Origin, height: float) -> tuple[float, bool]:
    position = anchor.find(qn("wp:positionV"))
    relative = position.get("relativeFrom", "paragraph") if position is not None else "paragraph"
    if relative in ("paragraph", "line"):
        return origin.paragraph_y + _offset(position, origin.height, height), True
    # Relative to the page or margin: where the table sits on the page is unknown; keep the anchor row.
    return origin.y + max(0.0, (origin.height - height) / 2), False


def _offset(position: Any, span: float, size: float) -> float:
    if position is None:
        return 0.0
    offset = position.find(qn("wp:posOffset"))
    if offset is not None and offset.text:
        try:
            return float(offset.text)
        except ValueError:
            return 0.0
    align = position.find(qn("wp:align"))
    word = align.text if align is not None and align.text else "left"
    if word == "center":
        return (span - size) / 2
    if word in ("right", "bottom", "outside"):
        return span - size
    return 0.0


def _xfrm(element: Any) -> tuple[float, float, float, float, bool, bool, Any] | None:
    xfrm = element.find(qn("a:xfrm"))
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
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
    props = group.find(qn("wpg:grpSpPr"))
    xf = _xfrm(props) if props is not None else None
    x0, y0, cx, cy = box
    if xf is None:
        return _children(group, lambda x, y: (x0 + x, y0 + y), how=how)
    xfrm = xf[6]
    ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
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
        if child.tag == qn("wps:wsp"):
            shape = _wsp(child, transform, box=None, how=how)
            if shape is not None:
                shapes.append(shape)
        elif child.tag in (qn("wpg:grpSp"), qn("wpg:wgp")):
            props = child.find(qn("wpg:grpSpPr"))
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
    props = wsp.find(qn("wps:spPr"))
    geometry = props.find(qn("a:prstGeom")) if props is not None else None
    preset = geometry.get("prst", "") if geometry is not None else ""
    connector = wsp.find(qn("wps:cNvCnPr")) is not None or bool(CONNECTOR_PRESETS.match(preset))
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
    if kind == ShapeKind.OTHER and wsp.find(qn("wps:txbx")) is not None and text and geometry is not None:
        kind = ShapeKind.PROCESS
    shape = Shape(
        kind=kind, x0=min(ax, bx), y0=min(ay, by), x1=max(ax, bx), y1=max(ay, by), text=text, how=how
    )
    if kind == ShapeKind.CONNECTOR:
        shape.arrow = _arrow(props)
        shape.start, shape.end = line_ends(
            (ax, ay, bx, by), flip_h=flip_h, flip_v=flip_v, rotation=rotation_of(xf[6] if xf else None)
        )
        links = wsp.find(qn("wps:cNvCnPr"))
        if links is not None:
            start, end = links.find(qn("a:stCxn")), links.find(qn("a:endCxn"))
            shape.start_link = start.get("id", "") if start is not None else ""
            site = start.get("idx") if start is not None else None
            shape.start_site = int(site) if site is not None and site.isdigit() else None
            shape.end_link = end.get("id", "") if end is not None else ""
    own_id = wsp.find(qn("wps:cNvPr"))
    shape.ident = own_id.get("id", "") if own_id is not None else ""
    return shape


def _arrow(props: Any) -> str:
    line = props.find(qn("a:ln")) if props is not None else None
    if line is None:
        return ""
    head, tail = line.find(qn("a:headEnd")), line.find(qn("a:tailEnd"))
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
_V_TAGS = {qn(f"v:{t}") for t in ("shape", "rect", "roundrect", "oval", "line", "polyline", "group")}


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


def _vml(pict: Any, origin: Origin) -> list[Shape]:
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

        if element.tag == qn("v:group"):
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
        if element.tag == qn("v:group"):
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
    if tag in ("line", "polyline") or element.get(qn("o:connectortype")):
        points = _line_points(element, unit) if tag == "line" else None
        if points is None:
            points = ((left, top), (left + width, top + height))
        start = place(*points[0])
        end = place(*points[1])
        stroke = element.find(qn("v:stroke"))
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
        number = (element.get(qn("o:spt")) or "").split(".")[0]
        if not number:
            match = re.search(r"_x0000_t(\d+)", element.get("type", ""))
            number = match.group(1) if match else ""
        kind = _VML_TYPE_KIND.get(number, ShapeKind.OTHER)
    if MARK_TEXT.match(text) and kind not in (ShapeKind.CONNECTOR, ShapeKind.OFFPAGE):
        kind = ShapeKind.LABEL
    elif kind == ShapeKind.OTHER and element.find(qn("v:textbox")) is not None and text:
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
