"""The identity sheet of the DOCX output: one real table in the portrait section, its column edges taken
from the identity sheet's geometry."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sopap.core.dates import format_date
from sopap.core.layout.blocks import BODY, LEADING, WORDS
from sopap.core.layout.geometry import IdentityLayout
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.renderers.docx_ooxml import (
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
    picture_run,
    row_props,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from sopap.core.model import SOP


@dataclass(frozen=True)
class _Edges:
    """Column edges of the identity table, from the page's left margin: left block | label | value, and the
    middle where the lists below split into two halves."""

    xl: float
    xv: float
    half: float
    width: float

    @property
    def all(self) -> list[float]:
        return sorted({0.0, self.xl, self.half, self.xv, self.width})

    def span(self, a: float, b: float) -> int:
        """How many grid columns lie between edges ``a`` and ``b``."""
        edges = self.all
        return edges.index(b) - edges.index(a)


def write_identity(
    document: DocxDocument, sop: SOP, options: RenderOptions, layout: IdentityLayout | None = None
) -> None:
    """The identity sheet in the first (portrait) section: six rows beside the agency's block, then the
    lists (legal basis, qualifications, ...) in pairs of halves; ``layout``: the sheet's, when laid out
    already."""
    words = WORDS(options.lang)
    layout = layout or layout_identity(sop, options)
    page = layout.pages[0]
    margin = 34.0
    page_w, page_h = options.portrait
    section = document.sections[-1]
    page_setup(
        section, (page_w, page_h), landscape=False, top=margin, bottom=margin, left=margin, right=margin
    )
    width = page_w - 2 * margin
    labels = [t for t in page.texts if t.role == "identity-label"]
    # Column edges from the geometry: left block | label | value; the lists below are two halves.
    xl = labels[0].rect.x - margin if labels else width * 0.46
    xv = labels[0].rect.right - margin if labels else width * 0.65
    edges = _Edges(xl, xv, width / 2, width)
    widths = [b - a for a, b in itertools.pairwise(edges.all)]
    top_rows = labels[:6]
    pairs = [
        ((words["dasar_hukum"], sop.dasar_hukum), (words["kualifikasi"], sop.kualifikasi_pelaksana)),
        ((words["keterkaitan"], sop.keterkaitan), (words["peralatan"], sop.peralatan)),
        ((words["peringatan"], sop.peringatan), (words["pencatatan"], sop.pencatatan)),
    ]
    table = new_table(6 + 2 * len(pairs), widths, indent=5.4, margin=5.4)
    rows = table.rows
    for i in range(6):
        height = top_rows[i].rect.h if i < len(top_rows) else 22.0
        _top_row(rows[i], i, height, edges, sop, options, document.part)
    r = 6
    for pair in pairs:
        _list_rows(rows[r], rows[r + 1], pair, edges)
        r += 2
    insert_table(document, table)


def _top_row(
    row: XmlRow, i: int, height: float, edges: _Edges, sop: SOP, options: RenderOptions, part: Any
) -> None:
    """Row ``i`` of the six beside the agency's block (the block itself is in the first, merged down)."""
    lang = options.lang
    words = WORDS(lang)
    top_values: list[list[tuple[str, dict[str, Any]]]] = [
        [(sop.nomor or "-", {})],
        [(format_date(sop.tanggal_pembuatan, lang), {})],
        [(format_date(sop.tanggal_revisi, lang), {})],
        [(format_date(sop.tanggal_efektif, lang), {})],
        [],
        [(sop.nama, {"bold": True, "size": BODY + 1})],
    ]
    top_labels = [words[k] for k in ("nomor", "pembuatan", "revisi", "efektif", "disahkan", "nama")]
    xl, xv, width = edges.xl, edges.xv, edges.width
    span = edges.span
    row_props(row, height, rule="atLeast", cant_split=True)
    left, label, value = merge_row(row, [span(0.0, xl), span(xl, xv), span(xv, width)])
    cell_props(left, width=xl, vmerge="restart" if i == 0 else "continue", valign="top", span=span(0.0, xl))
    cell_props(label, width=xv - xl, shade=SHADE_HEX, span=span(xl, xv))
    cell_props(value, width=width - xv, span=span(xv, width), valign="top" if i == 4 else "center")
    paragraph(label, [(top_labels[i], {})], bold=True, first=True)
    if i == 4:
        _signer_cell(value, sop, height, words)
    else:
        paragraph(value, top_values[i], first=True)
    if i == 0:
        _agency_block(left, sop, options, part)
    else:
        paragraph(left, "", first=True)


def _signer_cell(value: XmlCell, sop: SOP, height: float, words: dict[str, str]) -> None:
    """The "Disahkan oleh" cell: the signer's position, room to sign, then name and NIP at the bottom."""
    signer = sop.disahkan_oleh
    if signer is None:
        paragraph(value, "-", first=True)
        return
    paragraph(value, (signer.jabatan or "").upper(), first=True, before=3)
    space = max(0.0, height - 3 * BODY * LEADING - 8)
    if signer.nama:
        paragraph(value, [(signer.nama, {"bold": True, "underline": True})], before=space)
        space = 0.0
    if signer.nip:
        paragraph(value, f"{words['nip']} {signer.nip}", before=space)


def _agency_block(left: XmlCell, sop: SOP, options: RenderOptions, part: Any) -> None:
    """The logo (a raster one: Word's SVG pictures need a raster twin anyway), or room for it on a draft,
    then the government, agency and units, centred."""
    logo = options.logo
    if logo is not None and logo.kind == "png":
        scale = min(58.0 / logo.width, 58.0 / logo.height)
        picture = picture_run(part, logo.data, width=logo.width * scale)
        paragraph(left, "", first=True, align="center", before=6, after=6, extra=picture)
    elif options.draft or logo is not None:
        paragraph(left, "", first=True, line=68.0)
    groups: list[tuple[str, float]] = []
    if sop.pemerintah:
        groups.append((sop.pemerintah.upper(), 10.0))
    groups.append((sop.instansi.upper(), 10.0))
    groups.extend((u.upper(), 8.5) for u in sop.unit)
    for text, size in groups:
        paragraph(left, [(text, {"size": size, "bold": True})], align="center", after=6)


def _list_rows(
    label_row: XmlRow,
    value_row: XmlRow,
    pair: tuple[tuple[str, list[str]], tuple[str, list[str]]],
    edges: _Edges,
) -> None:
    """Two lists side by side: their captions in a shaded row, their items in the row below."""
    half, width, span = edges.half, edges.width, edges.span
    label_h = BODY * LEADING + 2 * 3.5 + 1
    row_props(label_row, label_h, rule="atLeast")
    row_props(value_row, 36.0, rule="atLeast", cant_split=False)
    spans = [span(0.0, half), span(half, width)]
    label_cells = merge_row(label_row, spans)
    value_cells = merge_row(value_row, spans)
    for k, (caption, values) in enumerate(pair):
        cell_props(label_cells[k], width=half, shade=SHADE_HEX, span=spans[k])
        paragraph(label_cells[k], [(caption, {})], bold=True, first=True)
        cell_props(value_cells[k], width=half, valign="top", span=spans[k])
        bullet_list(value_cells[k], list(values), first=True, before=2)
