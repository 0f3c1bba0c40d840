"""The output formats, registered in one place.

:data:`FORMATS` maps a file extension to its media type and the function that renders it. Every renderer
draws from the same geometry (:mod:`sopap.core.layout`); a format whose module is not installed yet is
simply not offered (:func:`available_formats`).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sopap.core.layout.options import RenderOptions
    from sopap.core.model import SOP


@dataclass(frozen=True)
class RendererSpec:
    """``target`` is "module:function"; the function takes (sop, options) and returns bytes or str."""

    extension: str
    media_type: str
    target: str
    description: str = ""

    @property
    def module(self) -> str:
        return self.target.split(":")[0]

    def load(self) -> Callable[..., bytes | str]:
        module_name, attribute = self.target.split(":")
        return cast("Callable[..., bytes | str]", getattr(importlib.import_module(module_name), attribute))


FORMATS: dict[str, RendererSpec] = {
    "pdf": RendererSpec(
        "pdf",
        "application/pdf",
        "sopap.core.renderers.pdf:render_pdf",
        "lembar identitas dan lembar prosedur / identity and procedure sheets",
    ),
    "svg": RendererSpec(
        "svg", "image/svg+xml", "sopap.core.renderers.svg:render_svg", "lembar prosedur / procedure sheet"
    ),
    "png": RendererSpec(
        "png", "image/png", "sopap.core.renderers.png:render_png", "pratinjau halaman 1 / preview of page 1"
    ),
    # Written by the DOCX/XLSX/HTML renderer; offered as soon as its module exists.
    "docx": RendererSpec(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "sopap.core.renderers.docx:render_docx",
    ),
    "xlsx": RendererSpec(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "sopap.core.renderers.xlsx:render_xlsx",
    ),
    "html": RendererSpec("html", "text/html", "sopap.core.renderers.html:render_html"),
}


def available_formats() -> dict[str, RendererSpec]:
    """The formats whose renderer module is present."""
    return {ext: spec for ext, spec in FORMATS.items() if importlib.util.find_spec(spec.module) is not None}


def format_of(path: str | Path) -> str | None:
    """The format of an output path, from its extension ("out.PDF" -> "pdf"), or None if unknown."""
    ext = Path(path).suffix.lower().lstrip(".")
    return ext if ext in available_formats() else None


def render(sop: SOP, fmt: str, options: RenderOptions | None = None, **kwargs: Any) -> bytes:
    """Render ``sop`` in format ``fmt`` (an extension of :data:`FORMATS`) to bytes."""
    from sopap.core.layout.options import RenderOptions

    spec = available_formats().get(fmt.lower())
    if spec is None:
        known = ", ".join(sorted(available_formats()))
        raise ValueError(f"unknown output format {fmt!r}; known: {known}")
    result = spec.load()(sop, options or RenderOptions(), **kwargs)
    return result.encode("utf-8") if isinstance(result, str) else result


def render_to_path(sop: SOP, path: str | Path, options: RenderOptions | None = None, **kwargs: Any) -> None:
    """Render to a file, format from the extension; written atomically, so never a partial file."""
    from sopap.core.fileutil import write_atomic

    target = Path(path)
    fmt = format_of(target)
    if fmt is None:
        known = ", ".join(sorted(available_formats()))
        raise ValueError(f"unknown output format {target.suffix!r}; known: {known}")
    data = render(sop, fmt, options, **kwargs)
    write_atomic(target, data)
