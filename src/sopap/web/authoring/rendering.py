"""A thin adapter over the core's format registry (`sopap.core.renderers.FORMATS`) for the web pages: the
download formats and their media types, the inline flowchart, and the bytes of a download."""

from __future__ import annotations

import logging

from sopap.core import renderers
from sopap.core.layout.options import RenderOptions
from sopap.core.logo import Logo
from sopap.core.model import SOP

log = logging.getLogger(__name__)

YAML_MEDIA_TYPE = "application/yaml; charset=utf-8"


def _options(
    lang: str = "id",
    paper: str = "f4",
    *,
    logo: Logo | None = None,
    draft: bool = False,
    verify_url: str | None = None,
) -> RenderOptions:
    return RenderOptions(
        paper="a4" if paper == "a4" else "f4",
        lang="en" if lang == "en" else "id",
        logo=logo,
        draft=draft,
        verify_url=verify_url,
    )


def formats() -> list[str]:
    """The download formats the renderer offers (its registry), plus the source `.sop.yaml`."""
    return [*renderers.available_formats(), "yaml"]


def media_type(fmt: str) -> str:
    if fmt == "yaml":
        return YAML_MEDIA_TYPE
    spec = renderers.FORMATS[fmt]
    # Text formats are written as UTF-8; say so, or a browser may guess another encoding.
    return f"{spec.media_type}; charset=utf-8" if spec.media_type.startswith("text/") else spec.media_type


def flowchart_svg(sop: SOP, *, lang: str = "id") -> str | None:
    """The flowchart as inline SVG, or None when the renderer fails on this SOP."""
    from sopap.core.renderers.svg import render_svg

    try:
        svg = render_svg(sop, _options(lang), flowchart_only=True)
    except Exception:  # a half-written draft may trip the renderer: never break the editor
        log.exception("render_svg failed")
        return None
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def extension(fmt: str) -> str:
    return "sop.yaml" if fmt == "yaml" else renderers.FORMATS[fmt].extension


def render_bytes(
    sop: SOP,
    fmt: str,
    *,
    lang: str = "id",
    paper: str = "f4",
    logo: Logo | None = None,
    draft: bool = False,
    verify_url: str | None = None,
) -> bytes:
    """Draw `sop` now; downloads go through `authoring.cache`, which calls this once per file."""
    options = _options(lang, paper, logo=logo, draft=draft, verify_url=verify_url)
    return bytes(renderers.render(sop, fmt, options))
