"""SVG output: the whole procedure sheet, or the flowchart alone (the web editor redraws it per keystroke).

Deterministic (same SOP, same bytes) and fast: a straight walk over the geometry into a list of strings.
Accessible: ``role="img"`` with a ``<title>`` (the SOP's name) and a ``<desc>`` (the steps in words).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from sopap.core.i18n import tr
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.geometry import Box, Connector, Item, Page, Rect, Rule, Symbol, TextBlock
from sopap.core.layout.options import RenderOptions
from sopap.core.renderers.svg_style import STYLESHEET

if TYPE_CHECKING:
    from sopap.core.model import SOP

FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"
PAGE_GAP = 24.0
_WEIGHT = {"regular": "", "bold": ' font-weight="bold"', "italic": ' font-style="italic"'}


@lru_cache(maxsize=1 << 15)
def _n(value: float) -> str:
    # Memoised: a sheet repeats the same few hundred coordinates (lane edges, row lines) many times.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def render_svg(sop: SOP, options: RenderOptions | None = None, *, flowchart_only: bool = False) -> str:
    """The procedure sheet as one SVG (pages stacked), or with ``flowchart_only`` the lanes alone, unpaged."""
    options = options or RenderOptions()
    if flowchart_only:
        layout = layout_procedure(sop, options, continuous=True, body_text=False)
        page = layout.pages[0]
        grid = page.grid
        assert grid is not None
        lanes = [grid.columns[i] for i in grid.lanes]
        crop = Rect(
            lanes[0].x0, grid.header_edges[0], lanes[-1].x1 - lanes[0].x0, grid.bottom - grid.header_edges[0]
        )
        body = _page(_cropped(page.items, crop), 0.0)
        x, y, w, h = crop.x - 2, crop.y - 2, crop.w + 4, crop.h + 4
    else:
        layout = layout_procedure(sop, options)
        parts = []
        offset = 0.0
        w = max(p.width for p in layout.pages)
        for page in layout.pages:
            parts.append(
                f'<g class="page" data-page="{page.number}" transform="translate(0 {_n(offset)})">'
                f'<rect width="{_n(page.width)}" height="{_n(page.height)}" fill="#fff"/>'
            )
            parts.append(_page(page.items, 0.0))
            parts.append("</g>")
            offset += page.height + PAGE_GAP
        body = "".join(parts)
        x, y, h = 0.0, 0.0, offset - PAGE_GAP
    title = escape(sop.nama)
    desc = escape(_description(sop, options.lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="sop-title sop-desc" '
        f'viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" width="{_n(w)}pt" height="{_n(h)}pt" '
        f'font-family="{FONT_FAMILY}">'
        f'<title id="sop-title">{title}</title><desc id="sop-desc">{desc}</desc>'
        f"<defs><style>{STYLESHEET}</style></defs>"
        f"{body}</svg>\n"
    )


def _description(sop: SOP, lang: str) -> str:
    steps = "; ".join(
        f"{n}. {s.kegiatan} ({', '.join(s.pelaksana)})" for n, s in enumerate(sop.langkah, start=1)
    )
    return tr("Diagram alir {nama}: {steps}", lang, nama=sop.nama, steps=steps)


def _cropped(items: tuple[Item, ...], crop: Rect) -> list[Item]:
    """The items inside the lanes; table rules are clipped to them."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Symbol | Connector):
            out.append(item)
        elif isinstance(item, Rule):
            (x0, y0), (x1, y1) = item.start, item.end
            if y0 == y1 and crop.y <= y0 <= crop.bottom:
                a, b = max(min(x0, x1), crop.x), min(max(x0, x1), crop.right)
                if a < b:
                    out.append(Rule((a, y0), (b, y1), item.width, item.color))
            elif x0 == x1 and crop.x - 0.01 <= x0 <= crop.right + 0.01:
                out.append(Rule((x0, max(min(y0, y1), crop.y)), (x1, max(y0, y1)), item.width, item.color))
        elif isinstance(item, TextBlock):
            if item.role == "header" and crop.contains(item.rect, 0.5):
                out.append(item)
        elif isinstance(item, Box) and item.role == "header-shade":
            r = item.rect
            out.append(
                Box(Rect(crop.x, r.y, crop.w, r.h), item.fill, item.stroke, item.stroke_width, item.role)
            )
    return out


def _page(items: tuple[Item, ...] | list[Item], dy: float) -> str:
    out: list[str] = []
    add = out.append
    for item in items:
        if isinstance(item, Rule):
            add(
                f'<line class="r" x1="{_n(item.start[0])}" y1="{_n(item.start[1] + dy)}" x2="{_n(item.end[0])}" '
                f'y2="{_n(item.end[1] + dy)}" stroke-width="{_n(item.width)}"/>'
            )
        elif isinstance(item, Box):
            r = item.rect
            fill = item.fill or "none"
            stroke = f' stroke="{item.stroke}" stroke-width="{_n(item.stroke_width)}"' if item.stroke else ""
            dash = ' stroke-dasharray="2 2"' if item.dashed else ""
            add(
                f'<rect x="{_n(r.x)}" y="{_n(r.y + dy)}" width="{_n(r.w)}" height="{_n(r.h)}" '
                f'fill="{fill}"{stroke}{dash}/>'
            )
        elif isinstance(item, TextBlock):
            weight = _WEIGHT[item.style]
            color = ' fill="#9aa5b1"' if item.role == "logo-text" else ""
            for line in item.lines:
                add(
                    f'<text x="{_n(line.x)}" y="{_n(line.baseline + dy)}" font-size="{_n(item.size)}"'
                    f'{weight}{color} xml:space="preserve">{escape(line.text)}</text>'
                )
        elif isinstance(item, Connector):
            points = " ".join(f"{_n(x)},{_n(y + dy)}" for x, y in item.line_points())
            add(f'<polyline class="c" data-kind="{item.kind}" points="{points}"/>')
            head = item.arrowhead()
            if head:
                add('<polygon points="' + " ".join(f"{_n(x)},{_n(y + dy)}" for x, y in head) + '"/>')
            if item.label is not None:
                lab = item.label
                add(
                    f'<text x="{_n(lab.rect.x)}" y="{_n(lab.baseline + dy)}" font-size="{_n(lab.size)}">'
                    f"{escape(lab.text)}</text>"
                )
        elif isinstance(item, Symbol):
            add(_symbol(item, dy))
    return "".join(out)


def _symbol(s: Symbol, dy: float) -> str:
    r = s.rect
    data = f' data-step="{s.step}"' + (f" data-actor={quoteattr(s.actor)}" if s.actor else "")
    if s.kind == "terminator":
        shape = (
            f'<rect class="s" x="{_n(r.x)}" y="{_n(r.y + dy)}" width="{_n(r.w)}" height="{_n(r.h)}" '
            f'rx="{_n(r.h / 2)}"{data}/>'
        )
    elif s.kind == "process":
        shape = (
            f'<rect class="s" x="{_n(r.x)}" y="{_n(r.y + dy)}" width="{_n(r.w)}" height="{_n(r.h)}"{data}/>'
        )
    else:
        points = " ".join(f"{_n(x)},{_n(y + dy)}" for x, y in s.outline())
        shape = f'<polygon class="s" data-kind="{s.kind}" points="{points}"{data}/>'
    if not s.label:
        return shape
    if s.kind == "offpage":
        cy = r.y + r.h * 0.42
        style = ' font-weight="bold"'
    else:
        cy = r.cy
        style = ' fill="#555"'
    return (
        f'{shape}<text x="{_n(r.cx)}" y="{_n(cy + s.label_size * 0.35 + dy)}" font-size="{_n(s.label_size)}"'
        f' text-anchor="middle"{style}>{escape(s.label)}</text>'
    )


def render_page_svg(page: Page) -> str:
    """One page of any layout as a standalone SVG (used for previews of single pages)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(page.width)} {_n(page.height)}" '
        f'font-family="{FONT_FAMILY}"><defs><style>{STYLESHEET}</style></defs>'
        f'<rect width="{_n(page.width)}" height="{_n(page.height)}" fill="#fff"/>{_page(page.items, 0.0)}</svg>\n'
    )
