"""What tells an official document from a draft: the agency's logo instead of a placeholder, a DRAF
watermark on a draft, and on a decreed SOP the QR code and address of its verification page."""

from __future__ import annotations

import io

import pypdf

from sopap.core.layout import RenderOptions
from sopap.core.layout.geometry import Box, Picture
from sopap.core.layout.identity import layout_identity
from sopap.core.logo import read_logo
from sopap.core.renderers.docx import render_docx
from sopap.core.renderers.html import render_html
from sopap.core.renderers.pdf import render_pdf
from sopap.core.sopfile import load
from tests.conftest import spec_example
from tests.core.test_logo import SVG, _image

URL = "https://sop.serangkota.go.id/verifikasi/k7m2x9qa4t/"


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_pdf_with_a_logo_draws_the_picture_and_no_placeholder() -> None:
    data = render_pdf(load(spec_example()), RenderOptions(logo=read_logo(_image("PNG"))))
    assert "LOGO" not in _text(data)
    assert b"/Subtype /Image" in data


def test_an_svg_logo_is_drawn_as_vectors_without_a_placeholder() -> None:
    sop = load(spec_example())
    plain = render_pdf(sop)
    data = render_pdf(sop, RenderOptions(logo=read_logo(SVG)))
    assert "LOGO" not in _text(data) and b"/Subtype /Image" not in data
    assert len(data) > len(plain)


def test_an_official_document_without_a_logo_prints_no_placeholder() -> None:
    sop = load(spec_example())
    assert "LOGO" not in _text(render_pdf(sop))
    items = layout_identity(sop).pages[0].items
    assert not any(isinstance(i, Box) and i.role == "logo" for i in items)
    assert not any(isinstance(i, Picture) for i in items)


def test_a_draft_without_a_logo_shows_where_it_will_go_and_carries_draf() -> None:
    text = _text(render_pdf(load(spec_example()), RenderOptions(draft=True)))
    assert "LOGO" in text
    assert text.count("DRAF") >= 2  # one on every page


def test_an_official_pdf_has_no_draf_watermark() -> None:
    assert "DRAF" not in _text(render_pdf(load(spec_example())))


def test_a_decreed_pdf_carries_the_verification_address_and_a_qr_code() -> None:
    sop = load(spec_example())
    data = render_pdf(sop, RenderOptions(verify_url=URL))
    assert URL in _text(data).replace("\n", "")
    qr = [
        i
        for i in layout_identity(sop, RenderOptions(verify_url=URL)).pages[0].items
        if isinstance(i, Box) and i.role == "qr"
    ]
    assert len(qr) > 100
    bottom = max(i.rect.bottom for i in qr)
    page_h = RenderOptions().portrait[1]
    assert bottom < page_h - 20  # inside the page, in the strip at its foot


def test_the_qr_code_holds_the_address_it_prints() -> None:
    import segno

    sop = load(spec_example())
    qr = [
        i
        for i in layout_identity(sop, RenderOptions(verify_url=URL)).pages[0].items
        if isinstance(i, Box) and i.role == "qr"
    ]
    size = len(segno.make(URL, error="m", micro=False).matrix)
    module = min(i.rect.h for i in qr)
    x0, y0 = min(i.rect.x for i in qr), min(i.rect.y for i in qr)
    drawn = [[False] * size for _ in range(size)]
    for box in qr:
        row = round((box.rect.y - y0) / module)
        for col in range(round((box.rect.x - x0) / module), round((box.rect.right - x0) / module)):
            drawn[row][col] = True
    expected = [[bool(v) for v in row] for row in segno.make(URL, error="m", micro=False).matrix]
    assert drawn == expected


def test_the_official_pdf_is_the_same_bytes_every_time() -> None:
    sop = load(spec_example())
    options = RenderOptions(logo=read_logo(_image("PNG")), verify_url=URL)
    assert render_pdf(sop, options) == render_pdf(sop, options)


def test_the_html_of_a_draft_is_marked_and_a_decreed_one_links_its_verification_page() -> None:
    sop = load(spec_example())
    draft = render_html(sop, RenderOptions(draft=True))
    assert 'class="sop sop-draft"' in draft and ">DRAF<" in draft
    official = render_html(sop, RenderOptions(verify_url=URL, logo=read_logo(SVG)))
    assert 'class="sop sop-draft"' not in official and f'href="{URL}"' in official
    assert 'src="data:image/svg+xml;base64,' in official


def test_the_docx_identity_sheet_carries_a_raster_logo() -> None:
    data = render_docx(load(spec_example()), RenderOptions(logo=read_logo(_image("JPEG"))))
    assert b"word/media/" in data


def test_every_section_of_a_draft_docx_says_draf_in_its_header_and_an_official_one_does_not() -> None:
    import docx

    sop = load(spec_example())
    draft = docx.Document(io.BytesIO(render_docx(sop, RenderOptions(draft=True))))
    assert all("DRAF" in s.header.paragraphs[0].text for s in draft.sections)
    official = docx.Document(io.BytesIO(render_docx(sop)))
    assert not any("DRAF" in p.text for s in official.sections for p in s.header.paragraphs)
