"""Charts drawn on the server as SVG: readable without JavaScript, printed as they are shown, each with the
table of its numbers beside it in the page (the chart is a picture of the table, never the only copy).

Every piece of text is escaped; sizes are in the SVG's own units and the chart scales to its box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
ROW = 26
LABEL_WIDTH = 220
VALUE_WIDTH = 60
BAR_HEIGHT = 16
# Colours of the series, in order; dark enough against white for text beside them, told apart by place
# and by the table too (never by colour alone).
SERIES_COLOURS = ("#0b4f8a", "#c7772b", "#5f8f3e", "#8b3a62", "#6b6b6b")


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series; a plain bar chart has one


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    bars: Sequence[Bar], *, title: str, series: Sequence[str] = (), maximum: int | None = None
) -> SafeString:
    """Horizontal bars, stacked when a bar has several values (``series`` names them, in order)."""
    top = 8
    legend = 22 if len(series) > 1 else 0
    height = top + legend + ROW * max(len(bars), 1) + 4
    largest: float = maximum or max((sum(b.values) for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="chart" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    if legend:
        x: float = LABEL_WIDTH
        for index, name in enumerate(series):
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            parts.append(f'<rect x="{x}" y="{top}" width="10" height="10" fill="{colour}"/>')
            parts.append(f'<text x="{x + 14}" y="{top + 9}" class="legend">{escape(name)}</text>')
            x += 24 + 7 * len(name)
    for row, bar in enumerate(bars):
        y = top + legend + row * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" class="label">'
            f"<title>{escape(bar.label)}</title>{escape(_shorten(bar.label))}</text>"
        )
        x = LABEL_WIDTH
        for index, value in enumerate(bar.values):
            width = span * value / largest
            if width > 0:
                colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
                name = series[index] if index < len(series) else ""
                tip = f"{bar.label}: {name + ' ' if name else ''}{value}"
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}">'
                    f"<title>{escape(tip)}</title></rect>"
                )
                x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT - 3}" class="value">{sum(bar.values)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
