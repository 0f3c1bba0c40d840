"""Measuring and wrapping text with the metrics of the embedded font (Liberation Sans, Arial's metrics).

The widths per character come from ``fonts/metrics.json``, generated from the TTF files by
``scripts/font_metrics.py`` (a test checks it still matches them): reading it takes about a millisecond,
where parsing the three TTF files took about 40 ms in every new process. Measuring a string is a sum over
a dictionary in C;
widths and wrapped lines are memoised per (string, face, size[, width]), as the same texts come back on
every redraw of the web editor and on every page of a document.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sopap.core.layout.geometry import FontStyle

FONT_DIR = Path(__file__).resolve().parent.parent / "renderers" / "fonts"
FONT_FILES: dict[FontStyle, str] = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
}
METRICS_FILE = FONT_DIR / "metrics.json"
FONT_NAMES: dict[FontStyle, str] = {
    "regular": "LiberationSans",
    "bold": "LiberationSans-Bold",
    "italic": "LiberationSans-Italic",
}
ASCENT = 0.905  # of the em, Liberation Sans / Arial
DESCENT = 0.212

BULLET = "\u2022 "


def font_path(style: FontStyle) -> Path:
    return FONT_DIR / FONT_FILES[style]


def face_metrics(style: FontStyle) -> dict[str, Any]:
    """The advance widths of face ``style`` read from its TTF file (slow; for ``fonts/metrics.json``).

    ``runs`` are [first code point, [widths of it and the code points after it]], so that the table
    loads as a few C-level calls rather than one Python step per character.
    """
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(font_path(style)))
    runs: list[list[Any]] = []
    for code, width in sorted(face.charWidths.items()):
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(float(width))
        else:
            runs.append([code, [float(width)]])
    return {"file": FONT_FILES[style], "default": float(face.defaultWidth), "runs": runs}


@cache
def _metrics() -> dict[str, Any]:
    with METRICS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


class _Widths(dict[str, float]):
    """Advance widths per character in 1/1000 em; a character the face lacks has the default width."""

    default = 0.0

    def __missing__(self, key: str) -> float:
        return self.default


@cache
def _widths(style: FontStyle) -> _Widths:
    face = _metrics()[style]
    widths = _Widths()
    for first, run in face["runs"]:
        widths.update(zip(map(chr, range(first, first + len(run))), run, strict=True))
    widths.default = float(face["default"])
    return widths


@lru_cache(maxsize=1 << 16)
def text_width(text: str, style: FontStyle, size: float) -> float:
    """Width of ``text`` in points, in face ``style`` at ``size`` points."""
    return sum(map(_widths(style).__getitem__, text)) * size / 1000.0


def _break_word(word: str, style: FontStyle, size: float, width: float) -> list[str]:
    """Split a word longer than the column into pieces that fit, each but the last ending in a hyphen.

    A piece never ends with a lone letter before the hyphen's break if it can be helped: the break moves
    back so that at least two letters go on to the next line ("Pengelola-an", not "Pengelolaa-n").
    """
    hyphen = text_width("-", style, size)
    pieces: list[str] = []
    current = ""
    rest = word
    while rest:
        current = ""
        for ch in rest:
            if current and text_width(current + ch, style, size) + hyphen > width:
                break
            current += ch
        if len(current) == len(rest):
            pieces.append(current)
            break
        if len(rest) - len(current) < 2 and len(current) > 2:
            current = current[:-1]
        pieces.append(current + "-")
        rest = rest[len(current) :]
    return pieces


def wrap(text: str, style: FontStyle, size: float, width: float) -> list[str]:
    """Greedy word wrap to ``width`` points; explicit newlines are kept; over-long words are broken."""
    return list(_wrap(text, style, size, width))


@lru_cache(maxsize=1 << 14)
def _wrap(text: str, style: FontStyle, size: float, width: float) -> tuple[str, ...]:
    out: list[str] = []
    space = text_width(" ", style, size)
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            out.append("")
            continue
        line = ""
        line_w = 0.0
        for word in words:
            w = text_width(word, style, size)
            if w > width:
                if line:
                    out.append(line)
                pieces = _break_word(word, style, size, width)
                out.extend(pieces[:-1])
                line = pieces[-1]
                line_w = text_width(line, style, size)
                continue
            if not line:
                line, line_w = word, w
            elif line_w + space + w <= width:
                line += " " + word
                line_w += space + w
            else:
                out.append(line)
                line, line_w = word, w
        out.append(line)
    return tuple(out)


def wrap_items(
    items: list[str], style: FontStyle, size: float, width: float, *, bullets: bool
) -> list[tuple[str, float]]:
    """Wrap list items; with ``bullets`` each item starts with "•" and its next lines hang under the text.

    Returns (line, indent) pairs, the indent in points from the left of the text box.
    """
    return list(_wrap_items(tuple(items), style, size, width, bullets))


@lru_cache(maxsize=1 << 14)
def _wrap_items(
    items: tuple[str, ...], style: FontStyle, size: float, width: float, bullets: bool
) -> tuple[tuple[str, float], ...]:
    if not bullets:
        lines: list[tuple[str, float]] = []
        for item in items:
            lines.extend((line, 0.0) for line in _wrap(item, style, size, width))
        return tuple(lines)
    indent = text_width(BULLET, style, size)
    lines = []
    for item in items:
        wrapped = _wrap(item, style, size, max(width - indent, size))
        for i, line in enumerate(wrapped):
            lines.append((BULLET + line if i == 0 else line, 0.0 if i == 0 else indent))
    return tuple(lines)
