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
  area (cell left edge + the cell's left margin, :data:`.docx_shapes.ACTOR_CELL_MARGIN`) and top edge;
* every connector is a chain of straight segments (``straightConnector1`` with ``wps:cNvCnPr``), one
  shape per segment, its direction given by ``flipH``/``flipV``; the last segment of an arrow ends in
  ``a:tailEnd type="triangle"``. A segment is anchored in the actor cell where it starts;
* "Ya" / "Tidak" are small text boxes (``wps:cNvSpPr txBox="1"``) beside the decision's branches.

Each shape is wrapped in ``mc:AlternateContent`` with a VML fallback (``v:rect``, ``v:roundrect``,
``v:shape``, ``v:line``) as Word writes it, so older readers still show it.

This module makes the document and its sections; the pieces are in :mod:`.docx_ooxml` (paragraphs,
tables, units), :mod:`.docx_identity` (the identity sheet), :mod:`.docx_procedure` (the procedure sheet's
tables, footer and signature) and :mod:`.docx_shapes` (the flowchart as shapes).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from sopap.core.layout.blocks import BODY
from sopap.core.layout.options import RenderOptions
from sopap.core.renderers.docx_identity import write_identity
from sopap.core.renderers.docx_ooxml import FONT, NS, page_setup, w_element
from sopap.core.renderers.docx_procedure import write_procedure

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from sopap.core.model import SOP


def new_document(options: RenderOptions) -> DocxDocument:
    """An empty document with the styles every DOCX output shares: Arial, no spacing, the language."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(f"{{{NS['w']}}}rFonts")
    if fonts is None:
        fonts = w_element("<w:rFonts/>")
        r_pr.insert(0, fonts)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{{{NS['w']}}}{attr}", FONT)
    # The document defaults too, so text boxes and table text without a style are Arial.
    defaults = document.styles.element.find(f"{{{NS['w']}}}docDefaults")
    if defaults is not None:
        for default_fonts in defaults.iter(f"{{{NS['w']}}}rFonts"):
            for attr in list(default_fonts.attrib):
                del default_fonts.attrib[attr]
            for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                default_fonts.set(f"{{{NS['w']}}}{attr}", FONT)
        for spacing in defaults.iter(f"{{{NS['w']}}}spacing"):
            spacing.set(f"{{{NS['w']}}}after", "0")
            spacing.set(f"{{{NS['w']}}}line", "240")
    lang = "id-ID" if options.lang == "id" else "en-US"
    for element in document.styles.element.iter(f"{{{NS['w']}}}lang"):
        element.set(f"{{{NS['w']}}}val", lang)
    return document


def _mark_draft(document: DocxDocument, options: RenderOptions) -> None:
    """ "DRAF" in the header of every section: a line of text, which Word, LibreOffice and a printer all
    keep, where a diagonal watermark would need VML that not every reader draws."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    from sopap.core.layout.blocks import WORDS

    word = WORDS(options.lang)["draf"]
    for section in document.sections:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(word)
        run.bold = True
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0x8C, 0x8C, 0x8C)


def render_docx(sop: SOP, options: RenderOptions | None = None, *, identity: bool = True) -> bytes:
    """The identity sheet (portrait section) then the procedure sheet (landscape section), as a .docx."""
    options = options or RenderOptions()
    document = new_document(options)
    if identity:
        write_identity(document, sop, options)
    else:
        first = document.sections[0]
        page_setup(first, options.portrait, landscape=False, top=34, bottom=34, left=34, right=34)
    write_procedure(document, sop, options)
    if options.draft:
        _mark_draft(document, options)
    if not identity:
        # Drop the empty portrait section the template starts with.
        body = document.element.body
        first_p = body.find(f"{{{NS['w']}}}p")
        if first_p is not None and first_p.find(f".//{{{NS['w']}}}sectPr") is not None:
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
