"""The Buku SOP prints the checked logo on its cover and on every SOP's identity sheet, the Keputusan above
its title; a file that is no logo is refused by its content, whatever its name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopap.core.book.content import BookError, resolve_book
from sopap.core.book.pdf import render_book_pdf, render_keputusan_pdf
from sopap.core.book.settings import BukuSOP
from sopap.core.layout.options import RenderOptions
from sopap.core.logo import read_logo
from sopap.core.sopfile import load_path
from tests.core.test_logo import SVG, _image

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "serang"


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    sops = [load_path(p) for p in sorted(EXAMPLES.glob("*.sop.yaml"))[:2]]
    settings = BukuSOP.model_validate(
        {"keputusan": {"nomor": "065/12/Diskominfo/2019", "tanggal": "2019-04-30"}}
    )
    return resolve_book(sops, settings)


def _images_per_page(pdf: bytes) -> list[int]:
    counts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        counts.append(sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"))
    return counts


def test_the_cover_and_every_identity_sheet_print_the_logo_and_no_placeholder(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "lambang.png"
    logo.write_bytes(_image("PNG"))
    pdf = render_book_pdf(book, logo=logo)
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    assert not any("LOGO" in t for t in texts)
    with_logo = [i for i, n in enumerate(_images_per_page(pdf)) if n]
    identity_pages = [i for i, t in enumerate(texts) if "Tanggal Pembuatan" in t]
    assert with_logo[0] == 0 and set(identity_pages) <= set(with_logo)


def test_the_keputusan_prints_the_logo_above_its_title(book) -> None:  # type: ignore[no-untyped-def]
    pdf = render_keputusan_pdf(book, RenderOptions(logo=read_logo(SVG)))
    plain = render_keputusan_pdf(book)
    assert len(pdf) > len(plain)
    assert "LOGO" not in (PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or "")


def test_a_text_file_named_png_is_refused_as_a_logo(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "lambang.png"
    logo.write_text("bukan gambar")
    with pytest.raises(BookError, match="PNG, JPEG atau SVG"):
        render_book_pdf(book, logo=logo)


def test_the_book_docx_prints_a_raster_logo_on_its_cover_and_takes_an_svg_one(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sopap.core.book.docx import render_book_docx

    logo = tmp_path / "lambang.png"
    logo.write_bytes(_image("PNG"))
    assert b"word/media/" in render_book_docx(book, logo=logo)
    svg = tmp_path / "lambang.svg"
    svg.write_bytes(SVG)
    assert render_book_docx(book, logo=svg).startswith(b"PK")


def test_every_picture_of_the_book_docx_points_at_an_image_the_logo_on_each_identity_sheet_too(
    book, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import docx

    from sopap.core.book.docx import render_book_docx

    logo = tmp_path / "lambang.png"
    logo.write_bytes(_image("PNG"))
    document = docx.Document(io.BytesIO(render_book_docx(book, logo=logo)))
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    blips = list(document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    rels = document.part.rels
    assert all(rels[b.get(embed)].reltype.endswith("/image") for b in blips)
    # The cover's logo, five symbols, then one logo on each SOP's identity sheet, all one picture.
    logos = [b for b in blips if rels[b.get(embed)].target_part.blob == _image("PNG")]
    assert len(logos) == 1 + len(book.sops)
    assert len({b.get(embed) for b in logos}) == 1
