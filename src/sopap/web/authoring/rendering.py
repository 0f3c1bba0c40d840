"""A thin adapter over the core renderer (`sopap.core.renderers`), which lands separately.

Everything degrades gracefully while it is missing: no flowchart, and no download formats.
"""

from __future__ import annotations

import logging
from typing import Any

from sopap.core.model import SOP

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
}


def _options(lang: str = "id", paper: str = "f4") -> Any:
    from sopap.core.layout.options import RenderOptions

    return RenderOptions(paper=paper, lang=lang)


def formats() -> list[str]:
    """The download formats the renderer offers (its registry), plus the source `.sop.yaml`."""
    try:
        from sopap.core import renderers
    except Exception:  # the renderer is not installed yet
        return ["yaml"]
    registry = renderers.available_formats() if hasattr(renderers, "available_formats") else renderers.FORMATS
    names = [str(name) for name in (registry.keys() if isinstance(registry, dict) else registry)]
    return [*names, "yaml"]


def flowchart_svg(sop: SOP, *, lang: str = "id") -> str | None:
    """The flowchart as inline SVG, or None when the renderer is missing or fails on this SOP."""
    try:
        from sopap.core.renderers.svg import render_svg
    except Exception:
        return None
    try:
        svg = render_svg(sop, _options(lang), flowchart_only=True)
    except Exception:  # a half-written draft may trip the renderer: never break the editor
        log.exception("render_svg failed")
        return None
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def render_bytes(sop: SOP, fmt: str, *, lang: str = "id") -> bytes:
    from sopap.core.renderers import render

    return bytes(render(sop, fmt, _options(lang)))
