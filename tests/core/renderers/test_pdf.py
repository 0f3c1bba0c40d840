"""The PDF: vector, fonts embedded, text selectable, identity sheet portrait and procedure sheet landscape."""

from __future__ import annotations

import io

import pypdf
import pytest

from sopap.core.layout import RenderOptions
from sopap.core.renderers.pdf import render_pdf
from sopap.core.sopfile import load, load_path
from tests.conftest import SERANG, spec_example
from tests.strategies import synthetic_sop


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def test_the_pdf_is_a_pdf_with_embedded_fonts_and_the_title_as_metadata() -> None:
    sop = load(spec_example())
    data = render_pdf(sop)
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data
    assert _reader(data).metadata.title == sop.nama


def test_the_text_of_the_pdf_is_selectable() -> None:
    sop = load(spec_example())
    text = "\n".join(page.extract_text() for page in _reader(render_pdf(sop)).pages)
    for expected in ("Penyerahan SPJ", "Uraian Prosedur", "Kelengkapan", "Dasar Hukum", "Nama SOP", "Tidak"):
        assert expected in text


def test_the_flowchart_is_vector_not_a_picture() -> None:
    data = render_pdf(load(spec_example()))
    assert b"/Subtype /Image" not in data and b"/XObject" not in data


@pytest.mark.parametrize(("paper", "long_side"), [("f4", 935.4), ("a4", 841.9)])
def test_identity_sheet_is_portrait_and_procedure_sheet_landscape(paper: str, long_side: float) -> None:
    pages = _reader(render_pdf(load(spec_example()), RenderOptions(paper=paper))).pages  # type: ignore[arg-type]
    first, second = pages[0].mediabox, pages[1].mediabox
    assert float(first.height) == pytest.approx(long_side, abs=0.5)
    assert float(second.width) == pytest.approx(long_side, abs=0.5)


def test_the_table_header_repeats_on_every_page_of_a_long_sop() -> None:
    reader = _reader(render_pdf(synthetic_sop(60), identity=False))
    assert len(reader.pages) > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Uraian Prosedur" in text and "Mutu Baku" in text
        assert f"Halaman {number} dari {len(reader.pages)}" in text


def test_steps_per_page_limits_the_rows_on_each_page() -> None:
    reader = _reader(render_pdf(synthetic_sop(19, 5), RenderOptions(steps_per_page=8), identity=False))
    assert len(reader.pages) == 3


def test_english_headers_with_lang_en() -> None:
    text = _reader(render_pdf(load(spec_example()), RenderOptions(lang="en"))).pages[1].extract_text()
    assert "Procedure" in text and "Quality Standard" in text


@pytest.mark.parametrize("path", sorted(SERANG.glob("*.sop.yaml")), ids=lambda p: p.name)
def test_every_serang_example_renders_to_pdf(path: object) -> None:
    assert render_pdf(load_path(path)).startswith(b"%PDF-")  # type: ignore[arg-type]
