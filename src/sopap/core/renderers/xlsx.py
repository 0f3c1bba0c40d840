"""XLSX output: the identity sheet and the procedure table as real cells, the flowchart as a picture over them.

Sheet "Identitas" holds the identity as label / value rows. Sheet "Prosedur" holds the procedure table
(No, Uraian Prosedur, one column per actor, Kelengkapan, Waktu, Output, Ket.) with the merged group
headers "Pelaksana" and "Mutu Baku", one row per step. Each actor cell of a step holds a mark (● for a
terminator, ■ for a process, ◆ for a decision), so the table alone still says who does what; the
flowchart (drawn by :mod:`sopap.core.renderers.png` from the unpaged geometry) is placed over the actor
columns, its rows the same height as the table's.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from sopap.core.dates import format_date
from sopap.core.layout.blocks import WORDS
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Page, TableGrid
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import BULLET
from sopap.core.renderers.cells import HEADER_FOOTER_CHARS, header_footer_text, write

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from sopap.core.model import SOP

FONT = "Arial"
SHADE = "E6ECF2"
MARKS = {"terminator": "\u25cf", "process": "\u25a0", "decision": "\u25c6"}
"""The mark in an actor cell: ● terminator, ■ process, ◆ decision (box-like characters an importer reads)."""
IMAGE_SCALE = 3.0
"""The flowchart picture is drawn at 3 px per point (216 dpi) and shown at 96 dpi, so it prints sharply."""
MAX_IMAGE_PIXELS = 30_000_000
"""The sheet is drawn whole before the flowchart is cut out of it: 90 MB of pixels at most. A 40-step SOP
(some 3,000 points tall) is drawn at :data:`IMAGE_SCALE`; a longer one at a lower resolution instead of
running out of memory (150 steps with tall rows would need 300 million pixels)."""
PX_PER_PT = 96 / 72
HEADER_ROW = 4
"""The first of the two header rows of the "Prosedur" sheet (rows 1-2: title, 3: blank)."""
PAPER = {"a4": 9, "f4": 14}
"""Excel's paper sizes: 9 = A4, 14 = Folio 8.5 x 13 in (the nearest to F4, 215 x 330 mm)."""


def _width_chars(points: float) -> float:
    """Excel column width (characters of the default font, Calibri 11: 7 px a digit) for ``points``."""
    pixels = points * PX_PER_PT
    return max(1.0, round((pixels - 5) / 7, 2))


def _items(values: list[str]) -> str:
    if len(values) > 1:
        return "\n".join(BULLET + v for v in values)
    return "\n".join(values)


def render_xlsx(sop: SOP, options: RenderOptions | None = None) -> bytes:
    """The workbook: sheets "Identitas" and "Prosedur" (with the flowchart picture)."""
    from openpyxl import Workbook

    options = options or RenderOptions()
    workbook = Workbook()
    procedure = workbook.active
    assert procedure is not None
    procedure.title = "Prosedur" if options.lang == "id" else "Procedure"
    identity = workbook.create_sheet("Identitas" if options.lang == "id" else "Identity", 0)
    _identity(identity, sop, options)
    _procedure(procedure, sop, options)
    workbook.active = 1
    workbook.properties.title = sop.nama
    workbook.properties.creator = "sopap"
    workbook.properties.subject = f"SOP AP {sop.nomor}" if sop.nomor else "SOP AP"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------- styles


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "fill": PatternFill("solid", fgColor=SHADE),
        "body": Font(name=FONT, size=8),
        "bold": Font(name=FONT, size=8, bold=True),
        "title": Font(name=FONT, size=11, bold=True),
        "subtitle": Font(name=FONT, size=8.5),
        "mark": Font(name=FONT, size=10),
        "wrap": Alignment(wrap_text=True, vertical="center"),
        "wrap_top": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, horizontal="center", vertical="center"),
    }


# ------------------------------------------------------------------------------------------- identity


def _identity(ws: Worksheet, sop: SOP, options: RenderOptions) -> None:
    words = WORDS(options.lang)
    s = _styles()
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    row = 1
    for text, size in (
        *(((sop.pemerintah.upper(), 11),) if sop.pemerintah else ()),
        (sop.instansi.upper(), 11),
        *((u.upper(), 9) for u in sop.unit),
    ):
        from openpyxl.styles import Alignment, Font

        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = write(ws, row, 1, text)
        cell.font = Font(name=FONT, size=size, bold=True)
        cell.alignment = Alignment(horizontal="center")
        row += 1
    row += 1
    signer = sop.disahkan_oleh
    signer_text = "-"
    if signer is not None:
        parts = [
            (signer.jabatan or "").upper(),
            signer.nama or "",
            f"{words['nip']} {signer.nip}" if signer.nip else "",
        ]
        signer_text = "\n".join(p for p in parts if p) or "-"
    rows: list[tuple[str, str]] = [
        (words["nomor"], sop.nomor or "-"),
        (words["pembuatan"], format_date(sop.tanggal_pembuatan, options.lang)),
        (words["revisi"], format_date(sop.tanggal_revisi, options.lang)),
        (words["efektif"], format_date(sop.tanggal_efektif, options.lang)),
        (words["disahkan"], signer_text),
        (words["nama"], sop.nama),
        (words["dasar_hukum"], _items(sop.dasar_hukum) or "-"),
        (words["kualifikasi"], _items(sop.kualifikasi_pelaksana) or "-"),
        (words["keterkaitan"], _items(sop.keterkaitan) or "-"),
        (words["peralatan"], _items(sop.peralatan) or "-"),
        (words["peringatan"], _items(sop.peringatan) or "-"),
        (words["pencatatan"], _items(sop.pencatatan) or "-"),
    ]
    for label, value in rows:
        a = write(ws, row, 1, label)
        b = write(ws, row, 2, value)
        a.font, a.fill, a.alignment, a.border = s["bold"], s["fill"], s["wrap_top"], s["border"]
        b.font = s["bold"] if label == words["nama"] else s["body"]
        b.alignment, b.border = s["wrap_top"], s["border"]
        lines = sum(max(1, len(line) // 95 + 1) for line in value.split("\n"))
        ws.row_dimensions[row].height = max(15.0, lines * 11.0 + 4)
        row += 1
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = PAPER[options.paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# ------------------------------------------------------------------------------------------ procedure


def _procedure(ws: Worksheet, sop: SOP, options: RenderOptions) -> None:
    from openpyxl.utils import get_column_letter

    words = WORDS(options.lang)
    s = _styles()
    # The cells hold the text; the geometry gives their sizes and the picture (body_text=False: the
    # picture is cut from the lanes, which hold no table text).
    layout = layout_procedure(sop, options, continuous=True, body_text=False)
    page = layout.pages[0]
    grid = page.grid
    assert grid is not None
    columns = grid.columns
    n = len(columns)
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(columns) if c.key in ("kelengkapan", "waktu", "output")]
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width_chars(column.width)
    # Title.
    title = f"{words['sop']} - {sop.nama.upper()}"
    subtitle = sop.instansi + (f"  \u2022  {words['nomor']}: {sop.nomor}" if sop.nomor else "")
    for r, (text, font) in enumerate(((title, s["title"]), (subtitle, s["subtitle"])), start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        cell = write(ws, r, 1, text)
        cell.font, cell.alignment = font, s["center"]
    ws.row_dimensions[1].height = 18
    # Header: two rows; groups above the lanes and the mutu baku columns, the rest merged down.
    h0, h1 = HEADER_ROW, HEADER_ROW + 1
    e0, e1, e2 = grid.header_edges
    ws.row_dimensions[h0].height = round(e1 - e0, 2)
    ws.row_dimensions[h1].height = round(e2 - e1, 2)
    for i, column in enumerate(columns, start=1):
        for r in (h0, h1):
            cell = ws.cell(r, i)
            cell.fill, cell.border, cell.font, cell.alignment = s["fill"], s["border"], s["bold"], s["center"]
        if column.key in ("no", "kegiatan", "keterangan"):
            write(ws, h0, i, column.label)
            ws.merge_cells(start_row=h0, start_column=i, end_row=h1, end_column=i)
        else:
            # An actor's column is headed by its name, as typed.
            write(ws, h1, i, column.label)
    for label, group in ((words["pelaksana"], lanes), (words["mutu"], mutu)):
        write(ws, h0, group[0] + 1, label)
        ws.merge_cells(start_row=h0, start_column=group[0] + 1, end_row=h0, end_column=group[-1] + 1)
    # Body: one row per step, as tall as the geometry's row, so the picture's rows meet the table's.
    first = h1 + 1
    kinds = {(sym.step, sym.actor): sym.kind for sym in page.symbols if sym.kind != "offpage"}
    for index, grid_row in enumerate(grid.rows):
        r = first + index
        step = sop.langkah[grid_row.step - 1]
        ws.row_dimensions[r].height = round(grid_row.height, 2)
        values: dict[str, str] = {
            "no": f"{grid_row.step}.",
            "kegiatan": step.kegiatan,
            "kelengkapan": _items(list(step.kelengkapan)),
            "waktu": step.waktu or "",
            "output": _items(list(step.output)),
            "keterangan": step.keterangan or "",
        }
        for i, column in enumerate(columns, start=1):
            cell = ws.cell(r, i)
            cell.border = s["border"]
            if column.key == "actor":
                kind = kinds.get((grid_row.step, column.actor))
                if kind is not None:
                    write(ws, r, i, MARKS[kind])
                cell.font, cell.alignment = s["mark"], s["center"]
                continue
            text = values[column.key]
            if text:
                write(ws, r, i, text)
            cell.font = s["body"]
            cell.alignment = s["center"] if column.key in ("no", "waktu") else s["wrap"]
    last = first + len(grid.rows) - 1
    _picture(ws, page, grid, first, lanes[0] + 1)
    # Signature under the table.
    signer = sop.disahkan_oleh
    if signer is not None and (signer.nama or signer.jabatan):
        col = mutu[0] + 1
        r = last + 2
        for text, font in (
            ((signer.jabatan or "").upper(), s["body"]),
            ("", s["body"]),
            ("", s["body"]),
            (signer.nama or "", s["bold"]),
            (f"{words['nip']} {signer.nip}" if signer.nip else "", s["body"]),
        ):
            ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=n)
            cell = write(ws, r, col, text or None)
            cell.font, cell.alignment = font, s["center"]
            if text and len(text) > 60:
                ws.row_dimensions[r].height = 22
            r += 1
    ws.freeze_panes = ws.cell(first, 3)
    ws.print_title_rows = f"{h0}:{h1}"
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER[options.paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    pages = "Halaman &P dari &N" if options.lang == "id" else "Page &P of &N"
    ws.oddFooter.right.text = pages
    name = sop.nama if not sop.nomor else f"{sop.nomor} \u2014 {sop.nama}"
    # openpyxl writes the footer as `&L` left `&R` right: the two parts share Excel's 255 characters.
    ws.oddFooter.left.text = header_footer_text(name, HEADER_FOOTER_CHARS - len(pages) - 4)


def _picture(ws: Worksheet, page: Page, grid: TableGrid, first_row: int, first_col: int) -> None:
    """The flowchart (lanes of the body) as a PNG, anchored at the first step's first actor cell."""
    from openpyxl.drawing.image import Image as XLImage
    from openpyxl.utils import get_column_letter

    from sopap.core.renderers.png import draw_page

    area = grid.flow_area
    scale = min(IMAGE_SCALE, (MAX_IMAGE_PIXELS / (page.width * page.height)) ** 0.5)
    image = draw_page(page, scale)
    box = (
        round(area.x * scale),
        round(area.y * scale),
        round(area.right * scale),
        round(area.bottom * scale),
    )
    cropped = image.crop(box)
    buffer = io.BytesIO()
    cropped.save(buffer, format="PNG")
    buffer.seek(0)
    picture = XLImage(buffer)
    # Displayed at 96 dpi: one point of the geometry is 4/3 px, the same as the rows and columns.
    picture.width = round(area.w * PX_PER_PT)
    picture.height = round(area.h * PX_PER_PT)
    ws.add_image(picture, f"{get_column_letter(first_col)}{first_row}")
