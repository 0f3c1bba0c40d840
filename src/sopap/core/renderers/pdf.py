"""PDF output with ReportLab: vector drawing of the geometry, fonts embedded, text selectable.

ReportLab writes the file (objects, font subsets, cross-reference), but the pages' content streams are
written here, straight from the geometry, as one string per page: the canvas's per-call drawing API
(a text object per string, a path object per line) cost more than everything else together. The fonts are
registered once per process, and the embedded font subsets (the same for most SOPs: ASCII plus a few
marks) are built and compressed once per process and reused by every document.
"""

from __future__ import annotations

import io
import math
import zlib
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

from sopap.core.layout.blocks import WORDS
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Box, Connector, FontStyle, Page, Picture, Rect, Rule, Symbol, TextBlock
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import FONT_NAMES, font_path, text_width
from sopap.core.logo import Logo, logo_drawing

if TYPE_CHECKING:
    from sopap.core.model import SOP

LINE = 0.75
SYMBOL_LINE = 0.9
LABEL_GREY = (0.33, 0.33, 0.33)
LOGO_GREY = (0.6, 0.64, 0.69)
KAPPA = 0.5522847498

# Compressed font subsets, per (font file, subset's characters): (compressed bytes, uncompressed length).
_SUBSETS: dict[tuple[str, tuple[int, ...]], tuple[bytes, int]] = {}


def _cached_subset_objects(face: Any, doc: Any, fontname: str, subset: list[int]) -> Any:
    """ReportLab's ``TTFontFace.addSubsetObjects``, with the subset's font file built once per process."""
    key = (face.filename, tuple(subset))
    cached = _SUBSETS.get(key)
    if cached is None:
        raw = face.makeSubset(subset)
        cached = (zlib.compress(raw, 6), len(raw))
        if len(_SUBSETS) > 256:
            _SUBSETS.clear()
        _SUBSETS[key] = cached
    data, length = cached
    font_file = pdfdoc.PDFStream()
    font_file.content = data
    font_file.dictionary["Length1"] = length
    if doc.compression:
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    else:
        font_file.content = zlib.decompress(data)
    font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
    flags = (face.flags & ~(1 << 5)) | (1 << 2)  # symbolic, not non-symbolic
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": face.defaultWidth,
        }
    )
    return doc.Reference(descriptor, "fontDescriptor:" + fontname)


class _Raw(pdfdoc.PDFObject):  # type: ignore[misc]
    """Bytes already formatted as PDF."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


# Per (font, subset): the formatted widths array and the compressed ToUnicode map.
_FONT_PARTS: dict[tuple[str, tuple[int, ...]], tuple[bytes, bytes]] = {}


def _font_parts(font: Any, base_name: str, subset: list[int]) -> tuple[bytes, bytes]:
    key = (base_name, tuple(subset))
    parts = _FONT_PARTS.get(key)
    if parts is None:
        # Formatted by ReportLab itself, so the numbers are exactly those its own embedding writes.
        array = pdfdoc.PDFArray(map(font.face.getCharWidth, subset)).format(None)
        cmap = zlib.compress(makeToUnicodeCMap(base_name, subset).encode("latin-1"), 6)
        parts = (array, cmap)
        if len(_FONT_PARTS) > 256:
            _FONT_PARTS.clear()
        _FONT_PARTS[key] = parts
    return parts


def _add_font_objects(font: Any, doc: Any) -> None:
    """ReportLab's ``TTFont.addObjects`` with the per-subset parts (widths, ToUnicode map, font file)
    made once per process rather than once per document. It follows ReportLab's private state (``state``,
    ``_asciiReadable``): tests/core/renderers/test_pdf_fast_path.py checks the result against ReportLab's
    own embedding, and pyproject.toml bounds reportlab to the releases it passed on."""
    state = font.state.get(doc)
    if state is None:
        state = font.state[doc] = TTFont.State(font._asciiReadable)
    state.frozen = 1
    for n, subset in enumerate(state.subsets):
        internal = font.getSubsetInternalName(n, doc)[1:]
        base_name = b"".join((SUBSETN(n), b"+", font.face.name, font.face.subfontNameX)).decode("pdfdoc")
        widths, cmap = _font_parts(font, base_name, subset)
        pdf_font = pdfdoc.PDFTrueTypeFont()
        pdf_font.Name = internal
        pdf_font.BaseFont = base_name
        pdf_font.FirstChar = 0
        pdf_font.LastChar = len(subset) - 1
        pdf_font.Widths = _Raw(widths)
        stream = pdfdoc.PDFStream()
        if doc.compression:
            stream.content = cmap
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        else:
            stream.content = zlib.decompress(cmap)
        pdf_font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base_name)
        pdf_font.FontDescriptor = _cached_subset_objects(font.face, doc, base_name, subset)
        doc.Reference(pdf_font, internal)
        doc.idToObject["BasicFonts"].dict[internal] = pdf_font
    del font.state[doc]


@cache
def _font(style: str) -> Any:
    """The face ``style``, registered with ReportLab on first use (once per process)."""
    name = FONT_NAMES[style]  # type: ignore[index]
    font = TTFont(name, str(font_path(style)))  # type: ignore[arg-type]
    font.addObjects = lambda doc, font=font: _add_font_objects(font, doc)
    pdfmetrics.registerFont(font)
    return font


def register_fonts() -> dict[str, str]:
    """The embedded faces' names by style; each is registered with ReportLab when first drawn with."""
    return {str(style): name for style, name in FONT_NAMES.items()}


@cache
def _rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def render_pdf(sop: SOP, options: RenderOptions | None = None, *, identity: bool = True) -> bytes:
    """The identity sheet (portrait) then the procedure sheet (landscape), as one PDF."""
    options = options or RenderOptions()
    fonts = register_fonts()
    pages: list[Page] = []
    if identity:
        pages.extend(layout_identity(sop, options).pages)
    pages.extend(layout_procedure(sop, options).pages)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pages[0].size, pageCompression=1, invariant=1)
    canvas.setTitle(sop.nama)
    canvas.setAuthor(sop.instansi)
    canvas.setSubject(f"SOP AP {sop.nomor}" if sop.nomor else "SOP AP")
    canvas.setCreator("sopap")
    canvas.setKeywords(["SOP", "SOP AP", sop.instansi])
    watermark = WORDS(options.lang)["draf"] if options.draft else None
    for page in pages:
        canvas.setPageSize(page.size)
        draw_page(canvas, page, fonts, logo=options.logo)
        if watermark:
            draw_watermark(canvas, page, watermark)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_logo(canvas: Canvas, page: Page, rect: Rect, logo: Logo) -> None:
    """``logo`` fitted inside ``rect`` (page coordinates, y down) and centred, keeping its proportions."""
    scale = min(rect.w / logo.width, rect.h / logo.height)
    w, h = logo.width * scale, logo.height * scale
    x = rect.x + (rect.w - w) / 2
    y = page.height - rect.bottom + (rect.h - h) / 2
    if logo.kind == "svg":
        from reportlab.graphics import renderPDF

        drawing = logo_drawing(logo)
        if drawing is None:
            return
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(w / drawing.width, h / drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
        return
    canvas.drawImage(_image_reader(logo), x, y, w, h, mask="auto")


@lru_cache(maxsize=8)
def _image_reader(logo: Logo) -> Any:
    """One reader per logo and process: it keeps the decoded pixels, so the many identity sheets of a book
    or of a batch decode the picture once."""
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(logo.data))


def draw_watermark(canvas: Canvas, page: Page, text: str) -> None:
    """``text`` across the page's diagonal, large, pale and see-through, over everything drawn."""
    font = _font("bold")
    diagonal = math.hypot(page.width, page.height)
    size = diagonal * 0.55 / max(text_width(text, "bold", 1.0), 1e-6)
    canvas.saveState()
    canvas.setFillColorRGB(0.55, 0.55, 0.55)
    canvas.setFillAlpha(0.16)
    canvas.translate(page.width / 2, page.height / 2)
    canvas.rotate(math.degrees(math.atan2(page.height, page.width)))
    canvas.setFont(font.fontName, size)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.restoreState()


def draw_page(canvas: Canvas, page: Page, fonts: dict[str, str], *, logo: Logo | None = None) -> None:
    """Draw ``page`` on the canvas's current page, with ``logo`` in its picture slots."""
    canvas.addLiteral(_Stream(canvas, page.height, fonts).page(page))
    if logo is not None:
        for item in page.items:
            if isinstance(item, Picture):
                draw_logo(canvas, page, item.rect, logo)


def _n(value: float) -> str:
    return f"{value:.2f}"


class _Stream:
    """One page's content stream, with the graphics state tracked so nothing is set twice."""

    def __init__(self, canvas: Canvas, height: float, fonts: dict[str, str]) -> None:
        self.doc = canvas._doc
        self.h = height
        self.fonts = fonts
        self.out: list[str] = []
        self.stroke: tuple[float, float, float] | None = None
        self.fill: tuple[float, float, float] | None = None
        self.width: float | None = None

    # ------------------------------------------------------------------------------------------- state

    def _stroke(self, rgb: tuple[float, float, float]) -> None:
        if rgb != self.stroke:
            self.stroke = rgb
            self.out.append(f"{_n(rgb[0])} {_n(rgb[1])} {_n(rgb[2])} RG")

    def _fill(self, rgb: tuple[float, float, float]) -> None:
        if rgb != self.fill:
            self.fill = rgb
            self.out.append(f"{_n(rgb[0])} {_n(rgb[1])} {_n(rgb[2])} rg")

    def _width(self, width: float) -> None:
        if width != self.width:
            self.width = width
            self.out.append(f"{_n(width)} w")

    # -------------------------------------------------------------------------------------------- text

    def _text(self, style: str, size: float, x: float, baseline: float, text: str) -> None:
        """A string with its left end at ``x`` and its baseline at ``baseline`` (inside BT ... ET)."""
        font = _font(style)
        doc = self.doc
        add = self.out.append
        add(f"1 0 0 1 {_n(x)} {_n(self.h - baseline)} Tm")
        if text.isascii() and text.isprintable():
            # Printable ASCII is subset 0 with its own codes (ReportLab's "asciiReadable" subsets).
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            add(f"{font.getSubsetInternalName(0, doc)} {_n(size)} Tf ({escaped}) Tj")
            return
        current = -1
        for subset, chunk in font.splitString(text, doc):
            if subset != current:
                add(f"{font.getSubsetInternalName(subset, doc)} {_n(size)} Tf")
                current = subset
            add(f"({escapePDF(chunk)}) Tj")

    # ------------------------------------------------------------------------------------------- items

    def page(self, page: Page) -> str:
        add = self.out.append
        add("0 j 0 J")
        h = self.h
        for item in page.items:
            if isinstance(item, Rule):
                self._stroke(_rgb(item.color))
                self._width(item.width)
                (x0, y0), (x1, y1) = item.start, item.end
                add(f"{_n(x0)} {_n(h - y0)} m {_n(x1)} {_n(h - y1)} l S")
            elif isinstance(item, Box):
                self._box(item)
            elif isinstance(item, TextBlock):
                self._block(item)
            elif isinstance(item, Connector):
                self._connector(item)
            elif isinstance(item, Symbol):
                self._symbol(item)
        return "\n".join(self.out)

    def _box(self, box: Box) -> None:
        r = box.rect
        add = self.out.append
        if box.fill:
            self._fill(_rgb(box.fill))
        if box.stroke:
            self._stroke(_rgb(box.stroke))
            self._width(box.stroke_width)
            if box.dashed:
                add("[2 2] 0 d")
        op = "B" if box.fill and box.stroke else ("f" if box.fill else "S")
        add(f"{_n(r.x)} {_n(self.h - r.bottom)} {_n(r.w)} {_n(r.h)} re {op}")
        if box.stroke and box.dashed:
            add("[] 0 d")

    def _block(self, block: TextBlock) -> None:
        if not block.lines:
            return
        self._fill(LOGO_GREY if block.role == "logo-text" else (0.0, 0.0, 0.0))
        self.out.append("BT")
        for line in block.lines:
            self._text(block.style, block.size, line.x, line.baseline, line.text)
        self.out.append("ET")
        if block.role == "identity-signer":
            self._stroke((0.0, 0.0, 0.0))
            self._width(0.5)
            for line in block.lines:
                y = self.h - line.baseline - 1.2
                self.out.append(f"{_n(line.x)} {_n(y)} m {_n(line.x + line.width)} {_n(y)} l S")

    def _connector(self, c: Connector) -> None:
        h = self.h
        add = self.out.append
        self._stroke((0.0, 0.0, 0.0))
        self._width(LINE)
        points = c.line_points()
        path = [f"{_n(points[0][0])} {_n(h - points[0][1])} m"]
        path += [f"{_n(x)} {_n(h - y)} l" for x, y in points[1:]]
        add(" ".join(path) + " S")
        head = c.arrowhead()
        if head:
            self._fill((0.0, 0.0, 0.0))
            (ax, ay), (bx, by), (cx, cy) = head
            add(f"{_n(ax)} {_n(h - ay)} m {_n(bx)} {_n(h - by)} l {_n(cx)} {_n(h - cy)} l h f")
        if c.label is not None:
            self._fill((0.0, 0.0, 0.0))
            add("BT")
            self._text("regular", c.label.size, c.label.rect.x, c.label.baseline, c.label.text)
            add("ET")

    def _symbol(self, s: Symbol) -> None:
        r = s.rect
        h = self.h
        add = self.out.append
        self._stroke((0.0, 0.0, 0.0))
        self._fill((1.0, 1.0, 1.0))
        self._width(SYMBOL_LINE)
        if s.kind == "process":
            add(f"{_n(r.x)} {_n(h - r.bottom)} {_n(r.w)} {_n(r.h)} re B")
        elif s.kind == "terminator":
            add(_capsule(r.x, h - r.bottom, r.right, h - r.y))
        else:
            points = s.outline()
            path = [f"{_n(points[0][0])} {_n(h - points[0][1])} m"]
            path += [f"{_n(x)} {_n(h - y)} l" for x, y in points[1:]]
            add(" ".join(path) + " h B")
        if s.label:
            style: FontStyle
            if s.kind == "offpage":
                self._fill((0.0, 0.0, 0.0))
                style = "bold"
                cy = r.y + r.h * 0.42
            else:
                self._fill(LABEL_GREY)
                style = "regular"
                cy = r.cy
            width = text_width(s.label, style, s.label_size)
            add("BT")
            self._text(style, s.label_size, r.cx - width / 2, cy + s.label_size * 0.35, s.label)
            add("ET")
        self._fill((0.0, 0.0, 0.0))


def _capsule(x0: float, y0: float, x1: float, y1: float) -> str:
    """A rectangle with fully round ends (PDF coordinates, y up), filled and stroked."""
    r = min((y1 - y0) / 2, (x1 - x0) / 2)
    k = KAPPA * r
    return (
        f"{_n(x0 + r)} {_n(y0)} m {_n(x1 - r)} {_n(y0)} l "
        f"{_n(x1 - r + k)} {_n(y0)} {_n(x1)} {_n(y0 + r - k)} {_n(x1)} {_n(y0 + r)} c "
        f"{_n(x1)} {_n(y1 - r)} l "
        f"{_n(x1)} {_n(y1 - r + k)} {_n(x1 - r + k)} {_n(y1)} {_n(x1 - r)} {_n(y1)} c "
        f"{_n(x0 + r)} {_n(y1)} l "
        f"{_n(x0 + r - k)} {_n(y1)} {_n(x0)} {_n(y1 - r + k)} {_n(x0)} {_n(y1 - r)} c "
        f"{_n(x0)} {_n(y0 + r)} l "
        f"{_n(x0)} {_n(y0 + r - k)} {_n(x0 + r - k)} {_n(y0)} {_n(x0 + r)} {_n(y0)} c h B"
    )
