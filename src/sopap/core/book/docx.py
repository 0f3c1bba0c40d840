"""The Buku SOP and the Keputusan as DOCX: real Word text, to be edited before signing.

The book's own pages (cover, Kata Pengantar, Daftar Isi, Bab I, Penutup, Keputusan) are Word paragraphs
and tables written here, in the wording and order of the PDF (:mod:`.layout`). Each SOP is the single
DOCX render (identity sheet, then the procedure sheet with the flowchart as Word shapes), each distinct
SOP drawn once, on every core where forking is safe, in a scratch document of its own (writing every SOP
into one large document makes python-docx search an ever longer body on each insert). Its tables are
written as XML text (:class:`.docx_ooxml.XmlTable`) and stay text on their way into the book: the book
parses only the identity table (it gets the Daftar Isi's fields, it holds the logo) and the paragraphs
that end a section; the rest is written into the saved document.xml as it came (:func:`_document_xml`).
The pages each render laid out give the book its page numbers, so no SOP is laid out twice.

The Daftar Isi is a Word TOC field built from TC fields placed at each heading and at each SOP, so Word
brings its page numbers up to date on opening (``w:updateFields``); until then it shows the entries with
the page numbers of the PDF layout, which is the written list of SOPs. Page numbers follow the PDF: the
front matter in lower-case roman, the body from 1; each procedure sheet counts its own pages ("Halaman 1
dari 2") as the single render does, and the section after it takes up the book's numbering again.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from sopap.core.book.content import Book
from sopap.core.book.flow import BODY_SIZE, HEADING_SIZE, MARGINS, SMALL_SIZE, number_of
from sopap.core.book.layout import (
    BLANK_NUMBER,
    WORDS,
    _date_or_blank,
    _symbol_cell,
    layout_book,
    symbol_definitions,
)
from sopap.core.book.pdf import _check_logo
from sopap.core.book.settings import Penandatangan, UnitOrganisasi
from sopap.core.dates import format_date
from sopap.core.layout.blocks import LEADING
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Page
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.logo import Logo
from sopap.core.model import SOP
from sopap.core.renderers.docx import new_document
from sopap.core.renderers.docx_identity import write_identity
from sopap.core.renderers.docx_ooxml import (
    FONT,
    NS,
    XmlTable,
    cell_props,
    insert_table,
    new_table,
    page_setup,
    paragraph,
    picture_run,
    tables_as_text,
    twips,
    w_element,
)
from sopap.core.renderers.docx_procedure import write_procedure

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

SIGNATURE_W = 230.0
W = f"{{{NS['w']}}}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


class _Writer:
    """The book's document and its sections: each part starts a section with its own page setup, page
    numbering and footer."""

    def __init__(self, book: Book, options: RenderOptions) -> None:
        self.book = book
        self.options = options
        self.words = WORDS(options.lang)
        self.document: DocxDocument = new_document(options)
        self.body = self.document.element.body
        self.sect_pr = self.body.find(f"{W}sectPr")
        self.pending = False
        """Whether the open section (the body's sectPr) holds anything yet."""
        self._rendered: dict[str, tuple[list[Any], list[list[Any] | None]]] = {}
        self._uses: dict[str, int] = {}
        """How many more times each drawn SOP (by its JSON) is spliced in."""
        self._logo_rid: str | None = None
        self.fragments: list[bytes] = []
        """The parts of the SOPs the book only holds (see :func:`_parse`): each is written in place of the
        comment ``sopap-fragment <its index>`` when the document is saved."""
        _, right, _, left = MARGINS
        self.width = options.portrait[0] - left - right

    # ------------------------------------------------------------------------------------ sections

    def start(self, *, numbering: str | None = "decimal", start: int | None = None) -> None:
        """A new portrait section, its footer the page number in ``numbering`` (none if None)."""
        from docx.enum.section import WD_SECTION

        if self.pending:
            self.document.add_section(WD_SECTION.NEW_PAGE)
        section = self.document.sections[-1]
        top, right, bottom, left = MARGINS
        page_setup(
            section, self.options.portrait, landscape=False, top=top, bottom=bottom, left=left, right=right
        )
        _page_numbers(section._sectPr, start, numbering or "decimal")
        _footer(section, numbered=numbering is not None)
        self.pending = True

    def _single(self, sop: SOP) -> tuple[list[Any], list[list[Any] | None]]:
        """The SOP's single DOCX render: its body's elements, the last one ending the procedure sheet's
        section, and each section's footer (None: none of its own). Each SOP is drawn once (beforehand on
        every core, see :meth:`prepare`); one met again is copied, its last use takes the drawn one."""
        key = sop.model_dump_json()
        cached = self._rendered.get(key)
        if cached is None:
            cached = _parse(_render_parts(sop, self.options)[0])
            self._rendered[key] = cached
        self._uses[key] = left = self._uses.get(key, 1) - 1
        children, footers = cached
        if left <= 0:
            del self._rendered[key]
            return children, footers
        return copy.deepcopy(children), [None if f is None else copy.deepcopy(f) for f in footers]

    def prepare(self, sops: Sequence[SOP]) -> list[list[Page]]:
        """Draw the distinct SOPs, on every core this process may use where forking is safe; returns the
        pages each SOP's render laid out, identity sheet then procedure sheet, empty (they give the book
        its page numbers)."""
        import multiprocessing

        from sopap.core.renderers.batch import default_workers

        keys = [sop.model_dump_json() for sop in sops]
        distinct = dict(zip(keys, sops, strict=True))
        for key in keys:
            self._uses[key] = self._uses.get(key, 0) + 1
        workers = min(default_workers(), len(distinct))
        jobs = [(sop, self.options) for sop in distinct.values()]
        if workers < 2:
            parts = [_render_parts(*job) for job in jobs]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.starmap(_render_parts, jobs, chunksize=1)
        pages = {}
        for key, (part, laid) in zip(distinct, parts, strict=True):
            self._rendered[key] = _parse(part)
            pages[key] = laid
        return [pages[key] for key in keys]

    def splice_sop(self, sop: SOP, start: int | None) -> Any:
        """The SOP's single DOCX render moved in, ending with its procedure sheet's own section; returns
        its first element (the identity table)."""
        from docx.enum.section import WD_SECTION
        from docx.section import Section
        from lxml import etree

        if self.pending:
            self.document.add_section(WD_SECTION.NEW_PAGE)
        children, footers = self._single(sop)
        moved_sect_prs = []
        for child in children:
            if isinstance(child, bytes):
                self.sect_pr.addprevious(etree.Comment(f"{FRAGMENT}{len(self.fragments)}"))
                self.fragments.append(child)
                continue
            self._own_pictures(child)
            self.sect_pr.addprevious(child)
            found = child.find(f".//{W}sectPr")
            if found is not None:
                moved_sect_prs.append(found)
        for index, (sect_pr, content) in enumerate(zip(moved_sect_prs, footers, strict=True)):
            for ref in sect_pr.findall(f"{W}footerReference") + sect_pr.findall(f"{W}headerReference"):
                sect_pr.remove(ref)
            section = Section(sect_pr, self.document.part)
            if content is None:
                _page_numbers(sect_pr, start if index == 0 else None, "decimal")
                _footer(section, numbered=True)
            else:
                section.footer.is_linked_to_previous = False
                footer = section.footer._element
                for old in list(footer):
                    footer.remove(old)
                for element in content:
                    footer.append(element)
        self.pending = False
        return children[0]

    def _own_pictures(self, element: Any) -> None:
        """Point the pictures of a spliced SOP (its logo, the only one an SOP has) at the book's own copy:
        their relationship ids were the single render's."""
        blips = list(element.iter(_q("a:blip")))
        if not blips:
            return
        logo = self.options.logo
        assert logo is not None and logo.kind == "png"
        if self._logo_rid is None:
            self._logo_rid, _ = self.document.part.get_or_add_image(io.BytesIO(logo.data))
        for blip in blips:
            blip.set(R_EMBED, self._logo_rid)

    # -------------------------------------------------------------------------------------- text

    def text(self, text: str, **kwargs: Any) -> Any:
        kwargs.setdefault("size", BODY_SIZE)
        kwargs.setdefault("line", kwargs["size"] * LEADING)
        return paragraph(self.document, text, **kwargs)

    def heading(self, text: str, level: int, *, size: float = HEADING_SIZE, after: float = 16) -> Any:
        p = self.text(text, size=size, bold=True, align="center", after=after)
        _tc(p, text, level)
        return p

    def labelled(
        self,
        text: str,
        labels: Sequence[str],
        stops: Sequence[float],
        *,
        bold: bool = False,
        after: float = 4,
        size: float = BODY_SIZE,
    ) -> Any:
        """``labels`` then ``text``, each at its tab stop; the text's next lines hang at the last stop."""
        p = self.text("\t".join([*labels, text]) if labels else text, size=size, bold=bold, after=after)
        fmt = p.paragraph_format
        _tabs(p, stops)
        from docx.shared import Pt

        fmt.left_indent = Pt(stops[-1]) if stops else None
        fmt.first_line_indent = Pt(-stops[-1]) if stops else None
        return p

    def signature(
        self,
        heading: Sequence[str],
        jabatan: str | None,
        nama: str | None,
        details: Sequence[str],
        *,
        bold_jabatan: bool = False,
    ) -> None:
        indent = self.width - SIGNATURE_W
        right = 0.0
        for line in heading:
            self.text(line, align="center", indent=indent, right_indent=right)
        if jabatan:
            self.text(jabatan, align="center", indent=indent, bold=bold_jabatan)
        self.text(nama or "", align="center", indent=indent, bold=True, underline=bool(nama), before=56)
        for line in details:
            self.text(line, align="center", indent=indent)

    def table(
        self,
        widths: Sequence[float],
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        indent: float = 0.0,
        align: Sequence[str] = (),
    ) -> Any:
        table = new_table(1 + len(rows), widths, indent=indent + 5.4, margin=5.4)
        for row_index, values in enumerate([list(header), *rows]):
            cells = table.rows[row_index].cells
            for col, value in enumerate(values):
                cell = cells[col]
                cell_props(
                    cell, width=widths[col], shade="D9E2F3" if row_index == 0 else None, valign="center"
                )
                if callable(value):
                    value(cell)
                    continue
                paragraph(
                    cell,
                    str(value),
                    first=True,
                    bold=row_index == 0,
                    align="center" if row_index == 0 else (align[col] if col < len(align) else "left"),
                    size=SMALL_SIZE,
                    before=2,
                    after=2,
                )
        _repeat_header(table)
        return insert_table(self.document, table)


# ------------------------------------------------------------------------------------------ helpers


_Parts = tuple[list[bytes], list[list[bytes] | None]]

_SCRATCH = threading.local()
"""Per thread and language (``documents``), a document to draw single SOPs in and its empty body's
section properties: making a new python-docx document for each SOP (reading its template) cost as much
as drawing the SOP."""


def _scratch(options: RenderOptions) -> DocxDocument:
    """The language's scratch document, as :func:`.docx.new_document` leaves it: its body emptied, the
    footers and pictures of the SOP drawn before dropped from its relationships."""
    from docx.oxml import parse_xml
    from lxml import etree

    documents: dict[str, tuple[DocxDocument, bytes, set[str]]] = _SCRATCH.__dict__.setdefault("documents", {})
    held = documents.get(options.lang)
    if held is None:
        document = new_document(options)
        sect_pr = etree.tostring(document.element.body.find(f"{W}sectPr"))
        held = document, sect_pr, set(document.part.rels)
        documents[options.lang] = held
    document, sect_pr, rels = held
    body = document.element.body
    body.clear()  # (removing the children one by one moves each into a document of its own: slow)
    body.append(parse_xml(sect_pr))
    for r_id in [r_id for r_id in document.part.rels if r_id not in rels]:
        document.part.rels.pop(r_id)
    return document


def _render_parts(sop: SOP, options: RenderOptions) -> tuple[_Parts, list[Page]]:
    """The single DOCX render of ``sop`` as XML: the body's elements, the procedure sheet's section
    properties closing them in a paragraph, and each section's footer; bytes, so a worker can send them.
    With them, the pages the render laid out (identity sheet, then procedure sheet) without what is on
    them: the book's page numbers need only how many there are (and sending the items costs)."""
    from lxml import etree

    identity = layout_identity(sop, options)
    procedure = layout_procedure(sop, options)
    single = _scratch(options)
    with tables_as_text() as tables:
        write_identity(single, sop, options, identity)
        write_procedure(single, sop, options, procedure)
    body = single.element.body
    final = body.find(f"{W}sectPr")
    footers = [
        None if s.footer.is_linked_to_previous else [etree.tostring(e) for e in s.footer._element]
        for s in single.sections
    ]
    children = [
        tables[int(c.text.split()[1])].encode() if c.tag is etree.Comment else etree.tostring(c)
        for c in body
        if c is not final
    ]
    ending = w_element("<w:p><w:pPr/></w:p>")
    ending[0].append(final)
    children.append(etree.tostring(ending))
    return (children, footers), [replace(p, items=()) for p in [*identity.pages, *procedure.pages]]


def _parse(parts: _Parts) -> tuple[list[Any], list[list[Any] | None]]:
    """The parts of a single render as the book takes them: parsed where the book changes something (the
    identity table, which gets the Daftar Isi's fields and holds the logo; the paragraphs ending a
    section), the rest, most of the SOP, kept as XML text to be written out as it is."""
    from docx.oxml import parse_xml

    children, footers = parts
    return [
        parse_xml(c) if i == 0 or b"sectPr" in c or b"blip" in c else c for i, c in enumerate(children)
    ], [None if f is None else [parse_xml(e) for e in f] for f in footers]


FRAGMENT = "sopap-fragment "
_FRAGMENT = re.compile(rb"<!--sopap-fragment (\d+)-->")
_DOC_PR = re.compile(rb'<wp:docPr id="\d+"')


def _document_xml(xml: bytes, fragments: Sequence[bytes]) -> bytes:
    """The book's document.xml: each SOP fragment written in place of its comment, then every drawing
    numbered in order (each SOP's render numbered its own from 1; Word wants them unique)."""
    xml = _FRAGMENT.sub(lambda m: fragments[int(m.group(1))], xml)
    numbers = itertools.count(1)
    return _DOC_PR.sub(lambda m: b'<wp:docPr id="%d"' % next(numbers), xml)


def _with_fragments(part: Any, fragments: Sequence[bytes]) -> None:
    """Make the book's document part write its XML with the SOP fragments in (:func:`_document_xml`)."""
    from docx.parts.document import DocumentPart

    class _BookDocumentPart(DocumentPart):
        @property
        def blob(self) -> bytes:
            return _document_xml(super().blob, fragments)

    part.__class__ = _BookDocumentPart


def _tabs(p: Any, stops: Sequence[float]) -> None:
    from docx.shared import Pt

    for stop in stops:
        p.paragraph_format.tab_stops.add_tab_stop(Pt(stop))


def _repeat_header(table: XmlTable) -> None:
    row = table.rows[0]
    row.tr_pr = (row.tr_pr or "") + '<w:tblHeader w:val="true"/>'


def _field_runs(instruction: str, shown: str = "") -> list[Any]:
    """The runs of a complex field: begin, its instruction, separate, what it shows, end."""
    runs = [
        w_element('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'),
        w_element(f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'),
        w_element('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
    ]
    if shown:
        runs.append(w_element(f'<w:r><w:t xml:space="preserve">{escape(shown)}</w:t></w:r>'))
    runs.append(w_element('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    return runs


def _tc(p: Any, text: str, level: int) -> None:
    """A TC field: an entry of the Daftar Isi at this place, hidden in print."""
    quoted = text.replace('"', "'")
    begin, instruction = _field_runs(f'TC "{quoted}" \\l {level + 1}')[:2]
    for run in (begin, instruction, w_element('<w:r><w:fldChar w:fldCharType="end"/></w:r>')):
        p._p.append(run)


def _page_numbers(sect_pr: Any, start: int | None, fmt: str) -> None:
    for old in sect_pr.findall(f"{W}pgNumType"):
        sect_pr.remove(old)
    attrs = f' w:fmt="{fmt}"' + (f' w:start="{start}"' if start is not None else "")
    element = w_element(f"<w:pgNumType{attrs}/>")
    cols = sect_pr.find(f"{W}cols")
    if cols is not None:
        cols.addprevious(element)
    else:
        sect_pr.append(element)


def _footer(section: Any, *, numbered: bool) -> None:
    """The section's own footer: the page number centred, or nothing."""
    sect_pr = section._sectPr
    for ref in sect_pr.findall(f"{W}footerReference"):
        sect_pr.remove(ref)
    section.footer.is_linked_to_previous = False
    footer = section.footer
    p = footer.paragraphs[0]
    for old in list(p._p):
        p._p.remove(old)
    if not numbered:
        return
    p._p.append(w_element('<w:pPr><w:jc w:val="center"/></w:pPr>'))
    props = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="18"/></w:rPr>'
    p._p.append(
        w_element(
            f'<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r>{props}<w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _symbol_png(kind: str) -> bytes:
    from sopap.core.layout.geometry import Page, Rect
    from sopap.core.renderers.png import draw_page

    cell = Rect(0, 0, 110.0, 48.0)
    page = Page((cell.w, cell.h), tuple(_symbol_cell(kind)(cell)), 1, "portrait")
    buffer = io.BytesIO()
    draw_page(page, 4.0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _signature_details(signer: Penandatangan, words: dict[str, str]) -> list[str]:
    details = [signer.pangkat] if signer.pangkat else []
    if signer.nip:
        details.append(words["nip"].format(nip=signer.nip))
    return details


# -------------------------------------------------------------------------------------------- parts


def _cover(w: _Writer, logo: Logo | None) -> None:
    from docx.shared import Pt

    book, words = w.book, w.words
    w.start(numbering=None)
    w.text(words["sop"], size=20, bold=True, align="center", before=90, after=10)
    if book.judul:
        w.text(book.judul.upper(), size=15, bold=True, align="center", after=6)
    if logo is not None and logo.kind == "png":
        p = w.text("", align="center", before=70, line=None)
        p.add_run().add_picture(io.BytesIO(logo.data), height=Pt(130))
    elif logo is not None:  # an SVG logo: Word needs a raster twin, which the core does not draw
        w.text("", size=12, align="center", before=70, line=130)
    else:
        w.text(words["logo"], size=12, align="center", before=70, line=130)
    first = True
    for text in (book.perangkat_daerah, book.pemerintah):
        if text:
            w.text(text.upper(), size=15, bold=True, align="center", before=80 if first else 0, after=4)
            first = False
    w.text(words["tahun"].format(tahun=book.tahun), size=15, bold=True, align="center", before=10)


def _kata_pengantar(w: _Writer) -> None:
    book, words, lang = w.book, w.words, w.options.lang
    w.start(numbering="lowerRoman", start=1)
    w.heading(words["kata_pengantar"], 0)
    for text in book.kata_pengantar:
        w.text(text, after=8, align="left")
    place = f"{book.tempat}, {format_date(book.tanggal, lang)}" if book.tanggal else f"{book.tempat},"
    signer = book.penandatangan
    w.text("", after=14)
    w.signature([place], signer.jabatan, signer.nama, _signature_details(signer, words))


def _toc(w: _Writer, entries: Sequence[tuple[int, str, str]]) -> None:
    """The Daftar Isi: a TOC field whose shown result is our own list with the PDF's page numbers."""
    words = w.words
    p = w.text(words["daftar_isi"], size=HEADING_SIZE, bold=True, align="center", after=16, page_break=True)
    _tc(p, words["daftar_isi"], 0)
    right = twips(w.width)
    paragraphs = []
    for level, text, label in entries:
        entry = w.text("", after=2, indent=18.0 * level + 0.01, hanging=0.0)
        entry._p.get_or_add_pPr().append(
            w_element(f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs>')
        )
        bold = ("<w:b/>" if level == 0 else "") + f'<w:sz w:val="{round(BODY_SIZE * 2)}"/>'
        entry._p.append(
            w_element(f'<w:r><w:rPr>{bold}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
        )
        entry._p.append(w_element(f"<w:r><w:rPr>{bold}</w:rPr><w:tab/><w:t>{escape(label)}</w:t></w:r>"))
        paragraphs.append(entry)
    begin, instruction, separate, end = _field_runs('TOC \\f \\l "1-3" \\h \\z')
    first = paragraphs[0]._p
    p_pr = first.find(f"{W}pPr")
    for run in (separate, instruction, begin):
        p_pr.addnext(run)
    paragraphs[-1]._p.append(end)


def _structure(w: _Writer, units: Sequence[UnitOrganisasi], depth: int, indent: float) -> None:
    for i, unit in enumerate(units):
        label = f"{number_of(i, 'a' if depth == 0 else '1')}."
        w.labelled(unit.nama, [label], [indent + 20], after=2)
        if unit.unit:
            _structure(w, unit.unit, depth + 1, indent + 20)


def _items(
    w: _Writer, texts: Sequence[str], indent: float, *, size: float = BODY_SIZE, after: float = 2
) -> None:
    for i, text in enumerate(texts):
        p = w.labelled(text, [f"{i + 1}."], [indent + 18], size=size, after=after)
        if indent:
            from docx.shared import Pt

            p.paragraph_format.left_indent = Pt(indent + 18)
            p.paragraph_format.first_line_indent = Pt(-18)


def _bab1(w: _Writer) -> None:
    book, words = w.book, w.words
    w.start(numbering="decimal", start=1)
    w.heading(words["bab1"], 0)
    letters = iter("ABCDEFGHIJ")

    def section(title: str) -> None:
        text = f"{next(letters)}. {title}"
        p = w.labelled(title, [text.split(" ")[0]], [18], bold=True, after=6)
        p.paragraph_format.space_before = _pt(6)
        p.paragraph_format.keep_with_next = True
        _tc(p, text, 1)

    def texts(values: Sequence[str]) -> None:
        for value in values:
            w.text(value, indent=18, after=6)

    section(words["latar"])
    texts(book.latar_belakang)
    section(words["lingkup"])
    texts(book.ruang_lingkup)
    if book.struktur:
        w.text(words["susunan"].format(perangkat_daerah=book.perangkat_daerah), indent=18, after=4)
        _structure(w, book.struktur, 0, 18)
    section(words["landasan"])
    _items(w, book.landasan_hukum, 18)
    section(words["maksud"])
    texts(book.maksud)
    if book.tujuan:
        w.text(words["tujuan_intro"], indent=18, after=4)
        _items(w, book.tujuan, 18)
    section(words["manfaat"])
    w.text(words["manfaat_intro"], indent=18, after=4)
    _items(w, book.manfaat, 18)
    section(words["simbol"])
    w.text(words["simbol_intro"], indent=18, after=8)
    rows = symbol_definitions(words)

    def picture(kind: str, pending: int) -> Any:
        def put(cell: Any) -> None:
            picture = picture_run(w.document.part, _symbol_png(kind), width=100, pending=pending)
            paragraph(cell, "", first=True, align="center", before=4, after=4, extra=picture)

        return put

    widths = [110.0, 110.0, w.width - 18 - 220.0]
    w.table(
        widths,
        [words[k] for k in ("kolom_simbol", "kolom_sebutan", "kolom_definisi")],
        [[picture(kind, i), name, text] for i, (kind, name, text) in enumerate(rows)],
        indent=18,
        align=("center", "center", "left"),
    )


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _bab2_divider(w: _Writer) -> None:
    w.start(numbering="decimal")
    p = w.text(w.words["bab2"], size=16, bold=True, align="center", before=300)
    _tc(p, w.words["bab2"], 0)


def _penutup(w: _Writer, start: int | None) -> None:
    w.start(numbering="decimal", start=start)
    w.heading(w.words["bab3"], 0)
    for text in w.book.penutup:
        w.text(text, after=8)


def _keputusan(w: _Writer, *, start: int | None, in_book: bool) -> None:
    book, words, lang = w.book, w.words, w.options.lang
    k = book.keputusan
    w.start(numbering="decimal", start=start)
    title = w.text(f"{words['keputusan']} {k.jabatan}", bold=True, align="center")
    if in_book:
        _tc(title, f"{words['keputusan']} {k.jabatan}", 0)
    w.text(f"{words['nomor']}: {k.nomor or BLANK_NUMBER}", bold=True, align="center", after=10)
    w.text(words["tentang"], bold=True, align="center", after=10)
    w.text(k.tentang, bold=True, align="center", after=14)
    w.text(f"{k.jabatan},", bold=True, align="center", after=14)
    head, colon, body = 0.0, 78.0, 88.0

    def clause(name: str, texts: Sequence[str], numbering: str | None) -> None:
        for i, text in enumerate(texts):
            labels = [name, ":"] if i == 0 else ["", ""]
            if numbering is None:
                w.labelled(text, labels, [colon, body])
            else:
                w.labelled(text, [*labels, f"{number_of(i, numbering)}."], [colon, body, body + 18])
        w.text("", size=4, line=8)

    del head
    clause(words["menimbang"], k.menimbang, "a")
    clause(words["mengingat"], k.mengingat, "1")
    w.text(words["memutuskan"], bold=True, align="center", after=10)
    clause(words["menetapkan"], [f"{words['keputusan']} {k.jabatan} {words['tentang']} {k.tentang}."], None)
    for diktum in k.diktum:
        w.labelled(diktum.text, [diktum.label, ":"], [colon, body], after=6)
    w.text("", after=16)
    signer = k.penandatangan
    w.signature(
        [
            words["ditetapkan_di"].format(tempat=k.tempat),
            words["pada_tanggal"].format(tanggal=_date_or_blank(k.tanggal, lang)),
            "",
        ],
        (signer.jabatan or k.jabatan).upper(),
        signer.nama,
        _signature_details(signer, words),
        bold_jabatan=True,
    )
    if k.tembusan:
        w.text(words["tembusan"], size=SMALL_SIZE, before=20, after=2)
        _items(w, k.tembusan, 0, size=SMALL_SIZE, after=1)
    # The Lampiran, on a new page.
    box = w.width * 0.45
    first = w.text(f"{words['lampiran_keputusan']} {k.jabatan}", size=SMALL_SIZE, indent=box, page_break=True)
    if in_book:
        _tc(first, words["lampiran_keputusan"], 1)
    for name, value in (
        (words["nomor"], k.nomor or BLANK_NUMBER),
        (words["tanggal"], _date_or_blank(k.tanggal, lang)),
        (words["tentang"], k.tentang),
    ):
        p = w.labelled(value, [name, ":"], [box + 56, box + 64], size=SMALL_SIZE, after=2)
        p.paragraph_format.left_indent = _pt(box + 64)
        p.paragraph_format.first_line_indent = _pt(-64)
    w.text(words["daftar_sop"], bold=True, align="center", before=16, after=10)
    widths = [28.0, 100.0, w.width - 128.0 - 150.0, 150.0]
    w.table(
        widths,
        [words[key] for key in ("no", "nomor_sop", "nama_sop", "unit")],
        [[str(i), sop.nomor or "-", sop.nama, book.unit_of(sop)] for i, sop in enumerate(k.sops, start=1)],
        align=("center", "left", "left", "left"),
    )
    w.text("", after=20)
    w.signature(
        [],
        (signer.jabatan or k.jabatan).upper(),
        signer.nama,
        _signature_details(signer, words),
        bold_jabatan=True,
    )


def _finish(w: _Writer, title: str) -> bytes:
    document = w.document
    _with_fragments(document.part, w.fragments)
    settings = document.settings.element
    settings.append(w_element('<w:updateFields w:val="true"/>'))
    props = document.core_properties
    props.title = title
    props.author = w.book.perangkat_daerah
    props.comments = "sopap"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_book_docx(
    book: Book, options: RenderOptions | None = None, *, keputusan: bool = True, logo: Path | None = None
) -> bytes:
    """The Buku SOP as a DOCX, in the order and with the page numbers of :func:`.pdf.render_book_pdf`."""
    options = options or RenderOptions()
    chosen = _check_logo(logo) if logo is not None else options.logo
    if chosen is not None and options.logo is not chosen:
        options = replace(options, logo=chosen)
    w = _Writer(book, options)
    pages = w.prepare(book.sops)
    layout = layout_book(book, options, keputusan=keputusan, logo=chosen is not None, sops=pages)
    labels = {text: label for _, text, label in layout.toc}
    _cover(w, chosen)
    _kata_pengantar(w)
    _toc(w, layout.toc)
    _bab1(w)
    _bab2_divider(w)
    unit = None
    for i, sop in enumerate(book.sops):
        mark = w.splice_sop(sop, _int(layout.labels[layout.sop_pages[i]]))
        # The first paragraph of the identity table's first cell is empty (room for the logo).
        target = mark.find(f".//{W}p")
        holder = _Para(target)
        unit_name = book.unit_of(sop)
        if unit_name != unit:
            unit = unit_name
            _tc(holder, unit_name, 1)
        _tc(holder, f"{sop.nomor} {sop.nama}" if sop.nomor else sop.nama, 2)
    _penutup(w, _int(labels.get(w.words["bab3"])))
    if keputusan:
        _keputusan(
            w, start=_int(labels.get(f"{w.words['keputusan']} {book.keputusan.jabatan}")), in_book=True
        )
    return _finish(w, book.judul or f"Standar Operasional Prosedur {book.perangkat_daerah} {book.tahun}")


def render_keputusan_docx(book: Book, options: RenderOptions | None = None) -> bytes:
    """The Keputusan alone, as text to edit before it is signed."""
    options = options or RenderOptions()
    w = _Writer(book, options)
    _keputusan(w, start=1, in_book=False)
    return _finish(w, f"Keputusan {book.keputusan.jabatan.title()}")


class _Para:
    """Just enough of a python-docx paragraph for :func:`_tc`."""

    def __init__(self, p: Any) -> None:
        self._p = p


def _int(label: str | None) -> int | None:
    return int(label) if label and label.isdigit() else None
