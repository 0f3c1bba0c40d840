"""The procedure sheet's table as drawn: its columns and grid (header cells, rows), the texts of a page
(title, header, body, footer), the rules of the grid and the signature block under the last page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sopap.core.layout.blocks import (
    BODY,
    FOOTER_H,
    GRID,
    HEADER_FONT,
    INNER_RULE,
    MARGIN,
    MIN_FONT,
    OUTER_RULE,
    SHADE,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    WORDS,
    lines_height,
    text_block,
)
from sopap.core.layout.framing import Frame
from sopap.core.layout.geometry import Box, Column, HeaderCell, Item, Rect, Row, Rule, TableGrid
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.planning import ColumnPlan, RowSlice
from sopap.core.layout.text import wrap

if TYPE_CHECKING:
    from sopap.core.model import SOP


def place_columns(plans: list[ColumnPlan]) -> tuple[Column, ...]:
    x = MARGIN
    out = []
    for p in plans:
        lines = tuple(wrap(p.label, "bold", HEADER_FONT, p.width - 2 * 2.5))
        out.append(Column(p.key, x, x + p.width, p.label, lines, p.actor))
        x += p.width
    return tuple(out)


def table_grid(columns: tuple[Column, ...], frame: Frame, rows: tuple[Row, ...], x0: float) -> TableGrid:
    e0, e1, e2 = frame.header_edges
    cells = []
    lanes = [i for i, c in enumerate(columns) if c.key == "actor"]
    mutu = [i for i, c in enumerate(columns) if c.key in ("kelengkapan", "waktu", "output")]
    words_group = {"lanes": columns[lanes[0]], "mutu": columns[mutu[0]]}
    del words_group
    for i, c in enumerate(columns):
        if c.key in ("no", "kegiatan", "keterangan"):
            cells.append(HeaderCell(Rect(c.x0, e0, c.width, e2 - e0), c.label, i, i, 0))
        else:
            cells.append(HeaderCell(Rect(c.x0, e1, c.width, e2 - e1), c.label, i, i, 1))
    return TableGrid(x0, columns[-1].x1, columns, frame.header_edges, tuple(cells), rows)


def _group_cells(grid: TableGrid, lang: str) -> list[HeaderCell]:
    words = WORDS(lang)
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(grid.columns) if c.key in ("kelengkapan", "waktu", "output")]
    e0, e1, _ = grid.header_edges
    out = []
    for label, idx in ((words["pelaksana"], lanes), (words["mutu"], mutu)):
        a, b = grid.columns[idx[0]], grid.columns[idx[-1]]
        out.append(HeaderCell(Rect(a.x0, e0, b.x1 - a.x0, e1 - e0), label, idx[0], idx[-1], 0))
    return out


def page_items(
    sop: SOP,
    options: RenderOptions,
    frame: Frame,
    grid: TableGrid,
    slices: list[RowSlice],
    index: int,
    total: int,
    body_text: bool = True,
) -> list[Item]:
    """The table and texts of page ``index`` (of ``total``), in drawing order; the flowchart comes on top."""
    words = WORDS(options.lang)
    page_w, _ = frame.size
    content = Rect(MARGIN, 0, page_w - 2 * MARGIN, 0)
    items: list[Item] = _title_items(sop, frame, content)
    items.append(grid)
    e0, _e1, e2 = grid.header_edges
    items.append(Box(Rect(grid.x0, e0, grid.x1 - grid.x0, e2 - e0), SHADE, None, role="header-shade"))
    items.extend(_header_items(grid, options.lang))
    placed: list[tuple[RowSlice, Row]] = list(zip(slices, grid.rows, strict=True)) if body_text else []
    for s, row in placed:
        items.extend(_body_items(s, row, grid, words))
    items.extend(_grid_rules(grid))
    items.extend(_footer_items(sop, frame, content, words, index, total))
    return items


def _title_items(sop: SOP, frame: Frame, content: Rect) -> list[Item]:
    y = frame.title_top
    title_h = len(frame.title_lines) * TITLE_SIZE * 1.25
    title = text_block(
        Rect(content.x, y, content.w, title_h),
        [(t, 0.0) for t in frame.title_lines],
        style="bold",
        size=TITLE_SIZE,
        align="center",
        role="title",
        paragraphs=(sop.nama,),
        pad_y=0,
    )
    y += title_h
    sub_h = len(frame.subtitle_lines) * SUBTITLE_SIZE * 1.3
    subtitle = text_block(
        Rect(content.x, y, content.w, sub_h),
        [(t, 0.0) for t in frame.subtitle_lines],
        size=SUBTITLE_SIZE,
        align="center",
        role="subtitle",
        paragraphs=(sop.instansi,),
        pad_y=0,
    )
    return [title, subtitle]


def _header_items(grid: TableGrid, lang: str) -> list[Item]:
    """The header's texts: one per column, then the groups above the lanes and the mutu columns."""
    items: list[Item] = []
    for cell in (*grid.header_cells, *_group_cells(grid, lang)):
        col = grid.columns[cell.first_column]
        if cell.first_column == cell.last_column:
            header_lines = list(col.label_lines)
        else:
            header_lines = wrap(cell.label, "bold", HEADER_FONT, cell.rect.w - 5)
        items.append(
            text_block(
                cell.rect,
                [(t, 0.0) for t in header_lines],
                style="bold",
                size=HEADER_FONT,
                align="center",
                role="header",
                paragraphs=(cell.label,),
                column=cell.first_column,
                pad_x=2.5,
            )
        )
    return items


def _body_items(s: RowSlice, row: Row, grid: TableGrid, words: dict[str, str]) -> list[Item]:
    """The texts of one row: the lines of each cell this slice of the step holds, and "(lanjutan)" in the
    row that continues a step from the page before."""
    items: list[Item] = []
    for body in s.row.cells:
        col = grid.columns[body.column]
        end = None if s.line_count is None else s.first_line + s.line_count
        lines = body.lines[s.first_line : end]
        if s.part > 0 and body.role == "no":
            lines = []
        if not lines:
            continue
        rect = Rect(col.x0, row.y0, col.width, row.height)
        items.append(
            text_block(
                rect,
                lines,
                align=body.align,
                valign="top" if s.line_count else "middle",
                role=body.role,
                paragraphs=body.paragraphs,
                bullet=body.bullet,
                step=s.row.step,
                column=body.column,
            )
        )
    if s.part > 0:
        col = grid.column("kegiatan")
        items.append(
            text_block(
                Rect(col.x0, row.y0, col.width, row.height),
                [(words["continued"], 0.0)],
                style="italic",
                size=MIN_FONT,
                align="right",
                valign="bottom",
                role="continued",
                step=s.row.step,
                pad_y=2,
            )
        )
    return items


def _footer_items(
    sop: SOP, frame: Frame, content: Rect, words: dict[str, str], index: int, total: int
) -> list[Item]:
    """The page number at the right and the SOP's number and name at the left."""
    _, page_h = frame.size
    footer_y = page_h - MARGIN - FOOTER_H + 10
    page_text = words["page"].format(n=index + 1, total=total)
    number = text_block(
        Rect(content.x, footer_y, content.w, FOOTER_H),
        [(page_text, 0.0)],
        size=MIN_FONT,
        align="right",
        role="page-number",
        pad_x=0,
        pad_y=0,
        valign="top",
    )
    left = sop.nama if not sop.nomor else f"{sop.nomor} \u2014 {sop.nama}"
    left_lines = wrap(left, "regular", MIN_FONT, content.w * 0.7)[:1]
    name = text_block(
        Rect(content.x, footer_y, content.w * 0.7, FOOTER_H),
        [(t, 0.0) for t in left_lines],
        size=MIN_FONT,
        role="footer",
        pad_x=0,
        pad_y=0,
        valign="top",
    )
    return [number, name]


def _grid_rules(grid: TableGrid) -> list[Rule]:
    e0, e1, e2 = grid.header_edges
    bottom = grid.bottom
    rules: list[Rule] = []
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(grid.columns) if c.key in ("kelengkapan", "waktu", "output")]
    spans = [
        (grid.columns[lanes[0]].x0, grid.columns[lanes[-1]].x1),
        (grid.columns[mutu[0]].x0, grid.columns[mutu[-1]].x1),
    ]
    # Horizontal: header separator under the groups, header bottom, row separators.
    for a, b in spans:
        rules.append(Rule((a, e1), (b, e1), INNER_RULE, GRID))
    rules.append(Rule((grid.x0, e2), (grid.x1, e2), OUTER_RULE * 0.8, GRID))
    for row in grid.rows[:-1]:
        rules.append(Rule((grid.x0, row.y1), (grid.x1, row.y1), INNER_RULE, GRID))
    # Vertical: column edges; inside a group they start below the group header.
    group_inner = {c.x0 for i, c in enumerate(grid.columns) if i in lanes[1:] or i in mutu[1:]}
    for c in grid.columns[1:]:
        top = e1 if c.x0 in group_inner else e0
        rules.append(Rule((c.x0, top), (c.x0, bottom), INNER_RULE, GRID))
    # The outer frame last, so it sits on top.
    for start, end in (
        ((grid.x0, e0), (grid.x1, e0)),
        ((grid.x0, bottom), (grid.x1, bottom)),
        ((grid.x0, e0), (grid.x0, bottom)),
        ((grid.x1, e0), (grid.x1, bottom)),
    ):
        rules.append(Rule(start, end, OUTER_RULE, GRID))
    return rules


def signature_items(sop: SOP, top: float, right: float, lang: str) -> list[Item]:
    signer = sop.disahkan_oleh
    assert signer is not None
    width = 230.0
    x = right - width
    items: list[Item] = []
    jabatan = wrap((signer.jabatan or "").upper(), "regular", BODY, width)
    y = top
    if jabatan:
        h = lines_height(len(jabatan))
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(t, 0.0) for t in jabatan],
                align="center",
                role="signature",
                pad_y=0,
                pad_x=0,
            )
        )
        y += h
    y += 30
    if signer.nama:
        h = lines_height(1)
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(signature_name(signer.nama), 0.0)],
                style="bold",
                align="center",
                role="signature-name",
                pad_y=0,
                pad_x=0,
            )
        )
        y += h
    if signer.nip:
        h = lines_height(1)
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(f"{WORDS(lang)['nip']} {signer.nip}", 0.0)],
                align="center",
                role="signature",
                pad_y=0,
                pad_x=0,
            )
        )
    return items


def signature_name(nama: str) -> str:
    """The signer's name in capitals, as signed documents print it, with the academic titles after the first
    comma as written: "DR. BUDI SANTOSO, S.Sos., M.Si" (not "M.SI")."""
    name, comma, titles = nama.partition(",")
    return name.upper() + comma + titles
