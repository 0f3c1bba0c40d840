"""Reading an Excel workbook (.xlsx): each sheet becomes one grid, its drawing's shapes placed on it.

openpyxl reads the cells and merged ranges; it drops shapes, so the drawing part of each sheet
(`xl/drawings/drawingN.xml`, found through the sheet's relationships) is parsed here: `xdr:twoCellAnchor`
(from/to cell and offset), `xdr:oneCellAnchor`, `xdr:absoluteAnchor`, and groups `xdr:grpSp`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from typing import Any

from lxml import etree

from sopap.core.i18n import Text
from sopap.core.importers.tables import (
    CONNECTOR_PRESETS,
    Block,
    Cell,
    Shape,
    ShapeKind,
    Table,
    line_ends,
    rotation_of,
    shape_kind,
)
from sopap.core.importers.text import clean

NS = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}
EMU_PER_PX = 9525
EMU_PER_PT = 12700
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def read_xlsx(
    data: bytes, archive: zipfile.ZipFile, *, step: Callable[[int, int], None] | None = None
) -> list[Block]:
    """A table per sheet of a workbook given as bytes; ``step(sheet, sheets)`` after each sheet."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    drawings = _sheet_drawings(archive)
    blocks: list[Block] = []
    for index, sheet in enumerate(workbook.worksheets):
        table = _sheet_table(sheet)
        if table is not None:
            path = drawings.get(index)
            if path:
                table.shapes.extend(_shapes(archive, path, table))
            blocks.append(table)
        if step is not None:
            step(index + 1, len(workbook.worksheets))
    return blocks


def _sheet_table(sheet: Any) -> Table | None:
    from openpyxl.utils import get_column_letter

    max_row, max_col = sheet.max_row or 0, sheet.max_column or 0
    if max_row == 0 or max_col == 0:
        return None
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
    grid: list[list[Cell | None]] = [[None] * max_col for _ in range(max_row)]
    origins: dict[tuple[int, int], Cell] = {}
    for r in range(1, max_row + 1):
        for c in range(1, max_col + 1):
            top = merged.get((r, c))
            key = (top[0], top[1]) if top else (r, c)
            cell = origins.get(key)
            if cell is None:
                value = sheet.cell(row=key[0], column=key[1]).value
                text = "" if value is None else str(value)
                paragraphs = text.replace("\r\n", "\n").split("\n") if text else []
                rowspan = top[2] - top[0] + 1 if top else 1
                colspan = top[3] - top[1] + 1 if top else 1
                cell = Cell(
                    paragraphs=paragraphs, row=key[0] - 1, col=key[1] - 1, rowspan=rowspan, colspan=colspan
                )
                origins[key] = cell
            grid[r - 1][c - 1] = cell
    default_width = sheet.sheet_format.defaultColWidth or 8.43
    default_height = sheet.sheet_format.defaultRowHeight or 15
    # Excel saves equal adjacent widths as one `<col min max>` range, kept under its first column only.
    ranges = {}
    for dim in sheet.column_dimensions.values():
        low, high = dim.min or 0, dim.max or 0
        for c in range(max(1, low), min(high, max_col) + 1):
            ranges[c] = dim
    col_bounds = [0.0]
    for c in range(1, max_col + 1):
        dim = sheet.column_dimensions.get(get_column_letter(c)) or ranges.get(c)
        width = dim.width if dim is not None and dim.width else default_width
        if dim is not None and dim.hidden:
            width = 0
        col_bounds.append(col_bounds[-1] + _width_px(width) * EMU_PER_PX)
    row_bounds = [0.0]
    for r in range(1, max_row + 1):
        dim = sheet.row_dimensions.get(r)
        height = dim.height if dim is not None and dim.height else default_height
        row_bounds.append(row_bounds[-1] + float(height) * EMU_PER_PT)
    return Table(
        grid=grid,
        col_bounds=col_bounds,
        row_bounds=row_bounds,
        where=Text("lembar “{name}”", name=sheet.title),
    )


def _width_px(width: float) -> float:
    return int(((256 * width + int(128 / 7)) / 256) * 7) if width else 0


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = etree.fromstring(archive.read(rels_path), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for rel in root.findall(_q("rel:Relationship")):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = (
            posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        )
        out[rel.get("Id", "")] = path
    return out


def _sheet_drawings(archive: zipfile.ZipFile) -> dict[int, str]:
    """Sheet index (workbook order) -> drawing part path."""
    try:
        workbook = etree.fromstring(archive.read("xl/workbook.xml"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    book_rels = _rels(archive, "xl/workbook.xml")
    out: dict[int, str] = {}
    for index, sheet in enumerate(workbook.iter(_q("m:sheet"))):
        part = book_rels.get(sheet.get(_q("r:id"), ""))
        if not part:
            continue
        try:
            root = etree.fromstring(archive.read(part), _PARSER)
        except (KeyError, etree.XMLSyntaxError):
            continue
        drawing = root.find(_q("m:drawing"))
        if drawing is None:
            continue
        target = _rels(archive, part).get(drawing.get(_q("r:id"), ""))
        if target:
            out[index] = target
    return out


def _point(marker: Any, table: Table) -> tuple[float, float]:
    col = int(marker.findtext(_q("xdr:col")) or 0)
    row = int(marker.findtext(_q("xdr:row")) or 0)
    col_off = float(marker.findtext(_q("xdr:colOff")) or 0)
    row_off = float(marker.findtext(_q("xdr:rowOff")) or 0)
    x = _bound(table.col_bounds, col, 8.43 * 7 * EMU_PER_PX) + col_off
    y = _bound(table.row_bounds, row, 15 * EMU_PER_PT) + row_off
    return x, y


def _bound(bounds: list[float], index: int, step: float) -> float:
    if index < len(bounds):
        return bounds[index]
    return bounds[-1] + (index - len(bounds) + 1) * step


def _shapes(archive: zipfile.ZipFile, path: str, table: Table) -> list[Shape]:
    try:
        root = etree.fromstring(archive.read(path), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return []
    shapes: list[Shape] = []
    for anchor in root:
        local = etree.QName(anchor).localname
        if local == "twoCellAnchor":
            start, end = anchor.find(_q("xdr:from")), anchor.find(_q("xdr:to"))
            if start is None or end is None:
                continue
            x0, y0 = _point(start, table)
            x1, y1 = _point(end, table)
        elif local == "oneCellAnchor":
            start, ext = anchor.find(_q("xdr:from")), anchor.find(_q("xdr:ext"))
            if start is None or ext is None:
                continue
            x0, y0 = _point(start, table)
            x1, y1 = x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))
        elif local == "absoluteAnchor":
            pos, ext = anchor.find(_q("xdr:pos")), anchor.find(_q("xdr:ext"))
            if pos is None or ext is None:
                continue
            x0, y0 = float(pos.get("x", 0)), float(pos.get("y", 0))
            x1, y1 = x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))
        else:
            continue
        for child in anchor:
            name = etree.QName(child).localname
            if name in ("sp", "cxnSp"):
                shape = _shape(child, (x0, y0, x1, y1), None)
                if shape is not None:
                    shapes.append(shape)
            elif name == "grpSp":
                shapes.extend(_group(child, (x0, y0, x1, y1)))
            elif name == "pic":
                shapes.append(Shape(ShapeKind.PICTURE, x0, y0, x1, y1, how="xlsx"))
    return shapes


def _xfrm(element: Any) -> tuple[Any, float, float, float, float] | None:
    xfrm = element.find(f".//{_q('a:xfrm')}")
    if xfrm is None:
        return None
    off, ext = xfrm.find(_q("a:off")), xfrm.find(_q("a:ext"))
    if off is None or ext is None:
        return None
    return (
        xfrm,
        float(off.get("x", 0)),
        float(off.get("y", 0)),
        float(ext.get("cx", 0)),
        float(ext.get("cy", 0)),
    )


def _group(group: Any, box: tuple[float, float, float, float]) -> list[Shape]:
    props = group.find(_q("xdr:grpSpPr"))
    xf = _xfrm(props) if props is not None else None
    x0, y0, x1, y1 = box
    chx = chy = 0.0
    chw, chh = x1 - x0, y1 - y0
    if xf is not None:
        xfrm = xf[0]
        ch_off, ch_ext = xfrm.find(_q("a:chOff")), xfrm.find(_q("a:chExt"))
        if ch_off is not None and ch_ext is not None:
            chx, chy = float(ch_off.get("x", 0)), float(ch_off.get("y", 0))
            chw, chh = float(ch_ext.get("cx", 0)) or chw, float(ch_ext.get("cy", 0)) or chh
    sx = (x1 - x0) / chw if chw else 1.0
    sy = (y1 - y0) / chh if chh else 1.0

    def place(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - chx) * sx, y0 + (y - chy) * sy

    shapes: list[Shape] = []
    for child in group:
        name = etree.QName(child).localname
        if name in ("sp", "cxnSp"):
            cxf = _xfrm(child.find(_q("xdr:spPr")) if child.find(_q("xdr:spPr")) is not None else child)
            if cxf is None:
                continue
            a = place(cxf[1], cxf[2])
            b = place(cxf[1] + cxf[3], cxf[2] + cxf[4])
            shape = _shape(child, (a[0], a[1], b[0], b[1]), cxf[0])
            if shape is not None:
                shape.how = "xlsx-group"
                shapes.append(shape)
        elif name == "grpSp":
            gxf = _xfrm(child.find(_q("xdr:grpSpPr")))
            if gxf is None:
                continue
            a = place(gxf[1], gxf[2])
            b = place(gxf[1] + gxf[3], gxf[2] + gxf[4])
            shapes.extend(_group(child, (a[0], a[1], b[0], b[1])))
    return shapes


def _shape(element: Any, box: tuple[float, float, float, float], xfrm: Any) -> Shape | None:
    x0, y0, x1, y1 = box
    props = element.find(_q("xdr:spPr"))
    geometry = props.find(_q("a:prstGeom")) if props is not None else None
    preset = geometry.get("prst", "") if geometry is not None else ""
    text = clean(" ".join(t.text or "" for t in element.iter(_q("a:t"))))
    connector = etree.QName(element).localname == "cxnSp" or bool(CONNECTOR_PRESETS.match(preset))
    kind = shape_kind(preset, text, connector=connector)
    shape = Shape(
        kind=kind, x0=min(x0, x1), y0=min(y0, y1), x1=max(x0, x1), y1=max(y0, y1), text=text, how="xlsx"
    )
    if connector:
        own = xfrm if xfrm is not None else (props.find(_q("a:xfrm")) if props is not None else None)
        flip_h = own is not None and own.get("flipH") in ("1", "true")
        flip_v = own is not None and own.get("flipV") in ("1", "true")
        line = props.find(_q("a:ln")) if props is not None else None
        if line is not None:
            head, tail = line.find(_q("a:headEnd")), line.find(_q("a:tailEnd"))
            at_start = head is not None and head.get("type", "none") != "none"
            at_end = tail is not None and tail.get("type", "none") != "none"
            shape.arrow = "both" if at_start and at_end else "start" if at_start else "end" if at_end else ""
        shape.start, shape.end = line_ends(
            (x0, y0, x1, y1), flip_h=flip_h, flip_v=flip_v, rotation=rotation_of(own)
        )
        links = element.find(f"{_q('xdr:nvCxnSpPr')}/{_q('xdr:cNvCxnSpPr')}")
        if links is not None:
            start, end = links.find(_q("a:stCxn")), links.find(_q("a:endCxn"))
            shape.start_link = start.get("id", "") if start is not None else ""
            site = start.get("idx") if start is not None else None
            shape.start_site = int(site) if site is not None and site.isdigit() else None
            shape.end_link = end.get("id", "") if end is not None else ""
    own_id = element.find(f"./*/{_q('xdr:cNvPr')}")
    shape.ident = own_id.get("id", "") if own_id is not None else ""
    return shape
