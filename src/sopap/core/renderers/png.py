"""PNG preview: page 1 of the procedure sheet, drawn with Pillow from the same geometry as the PDF."""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Box, Connector, FontStyle, Page, Rule, Symbol, TextBlock
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.text import font_path

if TYPE_CHECKING:
    from sopap.core.model import SOP

DPI = 110


@cache
def _font(style: FontStyle, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(style)), pixels)


def render_png(sop: SOP, options: RenderOptions | None = None, *, dpi: int = DPI, page: int = 1) -> bytes:
    """Page ``page`` (1-based) of the procedure sheet as a PNG at ``dpi``."""
    options = options or RenderOptions()
    layout = layout_procedure(sop, options)
    chosen = layout.pages[min(max(page, 1), len(layout.pages)) - 1]
    image = draw_page(chosen, dpi / 72)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def draw_page(page: Page, scale: float) -> Image.Image:
    image = Image.new("RGB", (round(page.width * scale), round(page.height * scale)), "white")
    draw = ImageDraw.Draw(image)

    def p(x: float, y: float) -> tuple[float, float]:
        return (x * scale, y * scale)

    def w(width: float) -> int:
        return max(1, round(width * scale))

    for item in page.items:
        if isinstance(item, Rule):
            draw.line([p(*item.start), p(*item.end)], fill=item.color, width=w(item.width))
        elif isinstance(item, Box):
            r = item.rect
            draw.rectangle(
                [p(r.x, r.y), p(r.right, r.bottom)],
                fill=item.fill,
                outline=item.stroke,
                width=w(item.stroke_width) if item.stroke else 0,
            )
        elif isinstance(item, TextBlock):
            font = _font(item.style, max(1, round(item.size * scale)))
            color = "#9aa5b1" if item.role == "logo-text" else "black"
            for line in item.lines:
                draw.text(p(line.x, line.baseline), line.text, fill=color, font=font, anchor="ls")
        elif isinstance(item, Connector):
            draw.line([p(x, y) for x, y in item.line_points()], fill="black", width=w(0.75), joint="curve")
            head = item.arrowhead()
            if head:
                draw.polygon([p(x, y) for x, y in head], fill="black")
            if item.label is not None:
                font = _font("regular", max(1, round(item.label.size * scale)))
                draw.text(
                    p(item.label.rect.x, item.label.baseline),
                    item.label.text,
                    fill="black",
                    font=font,
                    anchor="ls",
                )
        elif isinstance(item, Symbol):
            _symbol(draw, item, scale)
    return image


def _symbol(draw: ImageDraw.ImageDraw, s: Symbol, scale: float) -> None:
    r = s.rect
    box = [(r.x * scale, r.y * scale), (r.right * scale, r.bottom * scale)]
    width = max(1, round(0.9 * scale))
    if s.kind == "terminator":
        draw.rounded_rectangle(box, radius=r.h * scale / 2, fill="white", outline="black", width=width)
    elif s.kind == "process":
        draw.rectangle(box, fill="white", outline="black", width=width)
    else:
        draw.polygon(
            [(x * scale, y * scale) for x, y in s.outline()], fill="white", outline="black", width=width
        )
    if s.label:
        bold = s.kind == "offpage"
        font = _font("bold" if bold else "regular", max(1, round(s.label_size * scale)))
        cy = r.y + r.h * 0.42 if bold else r.cy
        draw.text(
            (r.cx * scale, cy * scale), s.label, fill="black" if bold else "#555555", font=font, anchor="mm"
        )
