"""Flowcharts pasted as pictures: the symbols drawn in the pictures placed on a page.

A picture's lines are lost, but the symbols in its pixels (found by `raster`) still show where each step's
actor is. A picture is decoded at a few pixels per point, only when a table asks for its symbols, and
once however often it is placed; a photo or a shaded screenshot (too little paper) gives none.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sopap.core.importers.raster import Found, find_symbols, paper_mask
from sopap.core.importers.tables import ShapeKind

_PX_PER_PT = 2.5  # a picture is read at no more than this many pixels per point (lines stay 2 px wide)
_MAX_PIXELS = 2_000_000
_MIN_PAPER = 0.75  # a line drawing is mostly paper; a photo or a shaded screenshot is not


def _upright(rect: Any) -> tuple[float, ...]:
    """The matrix placing a picture's unit square upright on ``rect``."""
    return (rect.x1 - rect.x0, 0.0, 0.0, rect.y1 - rect.y0, rect.x0, rect.y0)


PictureSymbols = tuple[int, int, list[Found]]  # a picture's width and height in pixels, the symbols in it


@dataclass
class Picture:
    box: tuple[float, ...]
    symbols: Callable[[], list[tuple[ShapeKind, tuple[float, float, float, float]]]]


def placed_pictures(pymupdf: Any, document: Any, page: Any, seen: dict[int, PictureSymbols]) -> list[Picture]:
    """The pictures placed on a page, each picture's symbols read once into ``seen`` (by its xref)."""
    # Where each picture is placed; get_image_info() would lay out the page's text a second time.
    # (Its transform too would do so: a picture is taken as placed upright, as pasted pictures are.)
    return [
        Picture(tuple(rect), _pictured(pymupdf, document, item[0], item[1], _upright(rect), seen))
        for item in page.get_images(full=True)
        for rect in page.get_image_rects(item[0])
    ]


def _pictured(
    pymupdf: Any,
    document: Any,
    xref: int,
    smask: int,
    matrix: tuple[float, ...],
    seen: dict[int, PictureSymbols],
) -> Callable[[], list[tuple[ShapeKind, tuple[float, float, float, float]]]]:
    """The flowchart symbols drawn in a placed picture, on the page (read when first asked for)."""

    def symbols() -> list[tuple[ShapeKind, tuple[float, float, float, float]]]:
        a, b, c, d, e, f = matrix[:6]
        width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
        if xref not in seen:
            seen[xref] = _picture_symbols(pymupdf, document, xref, smask, width_pt, height_pt)
        w, h, found_here = seen[xref]
        out: list[tuple[ShapeKind, tuple[float, float, float, float]]] = []
        for found in found_here:
            corners = [
                (u / w * a + v / h * c + e, u / w * b + v / h * d + f)
                for u in (found.box[0], found.box[2])
                for v in (found.box[1], found.box[3])
            ]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            out.append((found.kind, (min(xs), min(ys), max(xs), max(ys))))
        return out

    return symbols


def _decoded(
    pymupdf: Any, document: Any, xref: int, smask: int, width_pt: float, height_pt: float
) -> tuple[Any, Any]:
    """A picture as grey levels and its transparency (when it has one), at about ``_PX_PER_PT``."""
    base = pymupdf.Pixmap(document, xref)
    alpha_pix = pymupdf.Pixmap(document, smask) if smask else None
    if base.alpha:
        if alpha_pix is None:
            alpha_pix = pymupdf.Pixmap(None, base)  # its own alpha channel, as a mask
        base = pymupdf.Pixmap(base, 0)
    if base.n != 1:
        base = pymupdf.Pixmap(pymupdf.csGRAY, base)
    if alpha_pix is not None and (
        (alpha_pix.width, alpha_pix.height) != (base.width, base.height) or alpha_pix.n != 1
    ):
        alpha_pix = None  # a soft mask of another size: read the picture without it
    scale = max(base.width / max(width_pt, 1.0), base.height / max(height_pt, 1.0))
    factor = 0
    while scale / 2 ** (factor + 1) >= _PX_PER_PT or base.width * base.height / 4**factor > _MAX_PIXELS:
        factor += 1
    if factor:
        base.shrink(factor)
        if alpha_pix is not None:
            alpha_pix.shrink(factor)
    return base, alpha_pix


def _picture_symbols(
    pymupdf: Any, document: Any, xref: int, smask: int, width_pt: float, height_pt: float
) -> PictureSymbols:
    """The symbols in one picture's own pixels, in those pixels (the picture read as a paper mask)."""
    try:
        base, alpha_pix = _decoded(pymupdf, document, xref, smask, width_pt, height_pt)
    except Exception:  # an image MuPDF cannot decode (or convert): nothing read from it
        return 1, 1, []
    width, height = base.width, base.height
    mask = paper_mask(base.samples, alpha_pix.samples if alpha_pix is not None else None)
    if mask.count(1) < _MIN_PAPER * len(mask):
        return width, height, []
    return width, height, find_symbols(mask, width, height, px_per_pt=width / max(width_pt, 1.0))
