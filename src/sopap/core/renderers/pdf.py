"""PDF output with ReportLab: vector drawing of the geometry, fonts embedded, text selectable."""

from __future__ import annotations

import io
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sopap.core.layout.engine import layout_identity, layout_procedure
from sopap.core.layout.geometry import Box, Connector, Page, Rule, Symbol, TextBlock
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import FONT_NAMES, font_path
from sopap.core.model import SOP

LINE = 0.75
SYMBOL_LINE = 0.9
LABEL_GREY = (0.33, 0.33, 0.33)


@cache
def register_fonts() -> dict[str, str]:
    """Register the embedded faces with ReportLab once per process."""
    for style, name in FONT_NAMES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(style))))
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
    for page in pages:
        canvas.setPageSize(page.size)
        draw_page(canvas, page, fonts)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_page(canvas: Canvas, page: Page, fonts: dict[str, str]) -> None:
    height = page.height
    canvas.setLineJoin(0)
    canvas.setLineCap(0)
    for item in page.items:
        if isinstance(item, Rule):
            canvas.setStrokeColorRGB(*_rgb(item.color))
            canvas.setLineWidth(item.width)
            canvas.line(item.start[0], height - item.start[1], item.end[0], height - item.end[1])
        elif isinstance(item, Box):
            _box(canvas, item, height)
        elif isinstance(item, TextBlock):
            _text(canvas, item, height, fonts)
        elif isinstance(item, Connector):
            _connector(canvas, item, height, fonts)
        elif isinstance(item, Symbol):
            _symbol(canvas, item, height, fonts)


def _box(canvas: Canvas, box: Box, height: float) -> None:
    r = box.rect
    if box.fill:
        canvas.setFillColorRGB(*_rgb(box.fill))
    if box.stroke:
        canvas.setStrokeColorRGB(*_rgb(box.stroke))
        canvas.setLineWidth(box.stroke_width)
        if box.dashed:
            canvas.setDash(2, 2)
    canvas.rect(r.x, height - r.bottom, r.w, r.h, stroke=1 if box.stroke else 0, fill=1 if box.fill else 0)
    if box.dashed:
        canvas.setDash()
    canvas.setFillColorRGB(0, 0, 0)


def _text(canvas: Canvas, block: TextBlock, height: float, fonts: dict[str, str]) -> None:
    if block.role == "logo-text":
        canvas.setFillColorRGB(0.6, 0.64, 0.69)
    else:
        canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts[block.style], block.size)
    for line in block.lines:
        canvas.drawString(line.x, height - line.baseline, line.text)
    if block.role == "identity-signer":
        canvas.setLineWidth(0.5)
        for line in block.lines:
            y = height - line.baseline - 1.2
            canvas.line(line.x, y, line.x + line.width, y)
    canvas.setFillColorRGB(0, 0, 0)


def _connector(canvas: Canvas, c: Connector, height: float, fonts: dict[str, str]) -> None:
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(LINE)
    path = canvas.beginPath()
    points = c.line_points()
    path.moveTo(points[0][0], height - points[0][1])
    for x, y in points[1:]:
        path.lineTo(x, height - y)
    canvas.drawPath(path, stroke=1, fill=0)
    head = c.arrowhead()
    if head:
        tri = canvas.beginPath()
        tri.moveTo(head[0][0], height - head[0][1])
        for x, y in head[1:]:
            tri.lineTo(x, height - y)
        tri.close()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(tri, stroke=0, fill=1)
    if c.label is not None:
        canvas.setFont(fonts["regular"], c.label.size)
        canvas.drawString(c.label.rect.x, height - c.label.baseline, c.label.text)


def _symbol(canvas: Canvas, s: Symbol, height: float, fonts: dict[str, str]) -> None:
    r = s.rect
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setLineWidth(SYMBOL_LINE)
    if s.kind == "terminator":
        canvas.roundRect(r.x, height - r.bottom, r.w, r.h, r.h / 2, stroke=1, fill=1)
    elif s.kind == "process":
        canvas.rect(r.x, height - r.bottom, r.w, r.h, stroke=1, fill=1)
    else:
        points = s.outline()
        path = canvas.beginPath()
        path.moveTo(points[0][0], height - points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, height - y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    if s.label:
        if s.kind == "offpage":
            canvas.setFillColorRGB(0, 0, 0)
            font = fonts["bold"]
            cy = r.y + r.h * 0.42
        else:
            canvas.setFillColorRGB(*LABEL_GREY)
            font = fonts["regular"]
            cy = r.cy
        canvas.setFont(font, s.label_size)
        canvas.drawCentredString(r.cx, height - (cy + s.label_size * 0.35), s.label)
    canvas.setFillColorRGB(0, 0, 0)
