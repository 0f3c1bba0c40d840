"""One registry of output formats; writing to a path is atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopap.core.renderers import FORMATS, available_formats, format_of, render, render_to_path
from sopap.core.sopfile import load
from tests.conftest import spec_example


def test_pdf_svg_and_png_are_registered_with_their_media_types() -> None:
    assert FORMATS["pdf"].media_type == "application/pdf"
    assert FORMATS["svg"].media_type == "image/svg+xml"
    assert FORMATS["png"].media_type == "image/png"
    assert {"pdf", "svg", "png"} <= set(available_formats())


def test_the_format_comes_from_the_extension() -> None:
    assert format_of("a/b/SOP.PDF") == "pdf"
    assert format_of("x.svg") == "svg"
    assert format_of("x.doc") is None


def test_render_gives_bytes_for_every_available_format() -> None:
    sop = load(spec_example())
    for fmt in ("pdf", "svg", "png"):
        assert render(sop, fmt)


def test_an_unknown_format_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_to_path(load(spec_example()), tmp_path / "x.bmp")
    assert list(tmp_path.iterdir()) == []


def test_render_to_path_leaves_no_temporary_file(tmp_path: Path) -> None:
    render_to_path(load(spec_example()), tmp_path / "out" / "sop.pdf")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["sop.pdf"]
