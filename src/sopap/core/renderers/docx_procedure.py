"""The procedure sheet of the DOCX output: the landscape section, one table per page of the geometry
with the flowchart's shapes in its actor cells, the footer with its page fields, and the signature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from sopap.core.layout.blocks import BODY, HEADER_FONT, LEADING, SUBTITLE_SIZE, TITLE_SIZE, WORDS
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Column, Page, ProcedureLayout, Row, TableGrid, TextBlock
from sopap.core.layout.options import RenderOptions
from sopap.core.renderers.docx_ooxml import (
    FONT,
    NS,
    SHADE_HEX,
    XmlCell,
    XmlRow,
    bullet_list,
    cell_props,
    insert_table,
    merge_row,
    new_table,
    page_setup,
    paragraph,
    row_props,
    twips,
    w_element,
)
from sopap.core.renderers.docx_shapes import ACTOR_CELL_MARGIN, Shape, ShapeIds, page_shapes, shape_run_xml

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from sopap.core.model import SOP

TEXT_CELL_MARGIN = 3.0
"""Left/right margin of the text cells, a little under the geometry's padding, so Word never wraps more."""


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


def write_procedure(
    document: DocxDocument, sop: SOP, options: RenderOptions, layout: ProcedureLayout | None = None
) -> None:
    """The procedure sheet in a new landscape section; ``layout``: the sheet's, when laid out already."""
    from docx.enum.section import WD_SECTION

    words = WORDS(options.lang)
    layout = layout or layout_procedure(sop, options)
    size = options.landscape
    first_page = layout.pages[0]
    grid0 = first_page.grid
    assert grid0 is not None
    title = next((t for t in first_page.texts if t.role == "title"), None)
    title_top = title.rect.y if title else 22.0
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(
        section, size, landscape=True, top=title_top, bottom=28.0, left=grid0.x0, right=size[0] - grid0.x1
    )
    _footer(section, sop, words, len(layout.pages))
    ids = ShapeIds()
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
            paragraph(
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
            paragraph(
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
        paragraph(document, "", size=2, line=2)


def _footer(section: Any, sop: SOP, words: dict[str, str], total: int) -> None:
    from docx.oxml import parse_xml

    section.footer.is_linked_to_previous = False
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    left = sop.nama if not sop.nomor else f"{sop.nomor} \u2014 {sop.nama}"
    usable = section.page_width.pt - section.left_margin.pt - section.right_margin.pt
    p_pr = p._p.get_or_add_pPr()
    # One right tab at the right margin; the Footer style's centre and right tabs (Letter size) cleared.
    tabs = w_element(
        '<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
        f'<w:tab w:val="right" w:pos="{twips(usable)}"/></w:tabs>'
    )
    style = p_pr.find(f"{{{NS['w']}}}pStyle")
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
                f'<w:r xmlns:w="{NS["w"]}">{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            )
        )

    def tab() -> None:
        p._p.append(parse_xml(f'<w:r xmlns:w="{NS["w"]}">{run_props}<w:tab/></w:r>'))

    def fld(code: str, shown: str) -> None:
        p._p.append(
            parse_xml(
                f'<w:fldSimple xmlns:w="{NS["w"]}" w:instr=" {code} \\* MERGEFORMAT "><w:r>{run_props}'
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
    existing = sect_pr.find(f"{{{NS['w']}}}pgNumType")
    if existing is None:
        pg = w_element('<w:pgNumType w:start="1"/>')
        # pgNumType goes after pgMar/paperSrc/pgBorders/lnNumType and before cols.
        cols = sect_pr.find(f"{{{NS['w']}}}cols")
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
    ids: ShapeIds,
    lang: str,
    split: set[int],
) -> None:
    """One page of the procedure sheet as a table; ``split`` are the steps whose row the geometry cut."""
    columns = grid.columns
    widths = [c.width for c in columns]
    table = new_table(2 + len(grid.rows), widths, indent=TEXT_CELL_MARGIN, margin=TEXT_CELL_MARGIN)
    rows = table.rows
    _header_rows(rows[0], rows[1], grid, widths, words)
    texts = _texts_by_cell(page)
    shapes = page_shapes(page, grid, sop, lang)
    by_cell: dict[tuple[int, int], list[Shape]] = {}
    for anchored in shapes:
        by_cell.setdefault((anchored.row, anchored.column), []).append(anchored.shape)
    for r, grid_row in enumerate(grid.rows):
        row = rows[2 + r]
        row_props(row, grid_row.height)
        for k, cell in enumerate(row.cells):
            block = texts.get((grid_row.step, k))
            _body_cell(cell, columns[k], grid_row, block, by_cell.get((r, k), []), ids, split)
    insert_table(document, table)


def _header_spans(grid: TableGrid, words: dict[str, str]) -> list[tuple[int, int, str | None]]:
    """(first column, span, label) of the cells of the first header row: the groups "Pelaksana" and
    "Mutu Baku" above the lane and mutu columns, one cell (merged downwards) for each other column."""
    columns = grid.columns
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(columns) if c.key in ("kelengkapan", "waktu", "output")]
    spans: list[tuple[int, int, str | None]] = []
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
    return spans


def _header_rows(
    top: XmlRow, bottom: XmlRow, grid: TableGrid, widths: list[float], words: dict[str, str]
) -> None:
    """The two header rows (repeated on every page Word breaks the table over)."""
    columns = grid.columns
    e0, e1, e2 = grid.header_edges
    spans = _header_spans(grid, words)
    row_props(top, e1 - e0, header=True)
    row_props(bottom, e2 - e1, header=True)
    top_cells = merge_row(top, [s for _, s, _ in spans])
    for cell, (first, span, group) in zip(top_cells, spans, strict=True):
        width = sum(widths[first : first + span])
        label = group if group is not None else columns[first].label
        cell_props(cell, width=width, shade=SHADE_HEX, span=span, vmerge=None if group else "restart")
        paragraph(cell, label, bold=True, size=HEADER_FONT, align="center", first=True)
    for k, cell in enumerate(bottom.cells):
        column = columns[k]
        merged = column.key in ("no", "kegiatan", "keterangan")
        cell_props(
            cell, width=column.width, shade=SHADE_HEX, vmerge="continue" if merged else None, margin=2.5
        )
        paragraph(
            cell, "" if merged else column.label, bold=True, size=HEADER_FONT, align="center", first=True
        )


def _body_cell(
    cell: XmlCell,
    column: Column,
    grid_row: Row,
    block: TextBlock | None,
    shapes: list[Shape],
    ids: ShapeIds,
    split: set[int],
) -> None:
    """One cell of a step's row: an actor lane holds its shapes, a text column the step's text."""
    is_lane = column.key == "actor"
    cell_props(
        cell,
        width=column.width,
        margin=ACTOR_CELL_MARGIN if is_lane else TEXT_CELL_MARGIN,
        valign="top" if is_lane or grid_row.step in split else "center",
    )
    if is_lane:
        runs = "".join(shape_run_xml(shape, ids, declare=False) for shape in shapes)
        paragraph(cell, "", first=True, line=1.0, size=1, extra=runs)
        return
    if block is None:
        paragraph(cell, "", first=True)
        return
    align = "center" if column.key in ("no", "waktu") else "left"
    if grid_row.step in split:
        # A row cut across pages: the text the geometry put on this page, its wrapped lines
        # joined back into paragraphs (a bullet starts a new list item).
        for j, text in enumerate(_rejoin(block)):
            paragraph(cell, text, first=j == 0, align=align)
    elif block.bullet:
        bullet_list(cell, list(block.paragraphs), first=True)
    else:
        for j, text in enumerate(block.paragraphs):
            paragraph(cell, text, first=j == 0, align=align)
