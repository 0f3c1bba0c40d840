"""The PDF writer's fast font embedding (a replacement of ReportLab's ``TTFont.addObjects`` that reuses
the subsets across documents, built on ReportLab's private attributes) gives the same PDF as ReportLab's
own embedding: the same pages, content, text and fonts. A ReportLab release that changes what the fast path
leans on fails here, before pyproject's upper bound on reportlab is raised."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from sopap.core.layout.text import FONT_NAMES
from sopap.core.model import SOP
from sopap.core.renderers import pdf
from sopap.core.sopfile import load_path
from tests.conftest import SERANG, sop_data

# Characters outside printable ASCII take the free codes of a face's first subset (1-31, 128-255), then
# open further subsets: the path the fast embedding shares least with plain ASCII text. The Latin-1, Greek
# and Cyrillic letters of a step's note are more than the first subset holds.
UNICODE_NAME = "Pengesahan “Naskah” – Rp 5.000 ≥ 2× per tahun, ½ hari, ©, é"
ALPHABETS = ((0xC0, 0xFF), (0x391, 0x3A9), (0x3B1, 0x3C9), (0x410, 0x44F))
LETTERS = " ".join("".join(map(chr, range(first, last + 1))) for first, last in ALPHABETS)


def _unicode_sop() -> SOP:
    data = sop_data(nama=UNICODE_NAME)
    data["langkah"][0]["keterangan"] = LETTERS
    return SOP.model_validate(data)


def _with_reportlab_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let ReportLab's own ``TTFont.addObjects`` embed the fonts, as it does for any TTFont."""
    for style in FONT_NAMES:
        monkeypatch.delattr(pdf._font(style), "addObjects")


def _plain(value: Any, depth: int = 0) -> Any:
    """A PDF object as plain Python: references resolved, streams decoded, names and numbers as text."""
    assert depth < 12, "a reference cycle outside the page tree"
    if isinstance(value, IndirectObject):
        return _plain(value.get_object(), depth + 1)
    if isinstance(value, StreamObject):
        header = {k: _plain(v, depth + 1) for k, v in value.items() if k not in ("/Length", "/Filter")}
        return {"stream": value.get_data(), **header}
    if isinstance(value, DictionaryObject):
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, ArrayObject):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, NameObject):
        return str(value)
    if isinstance(value, float | int):
        return round(float(value), 3)
    return str(value)


def _summary(data: bytes) -> list[dict[str, Any]]:
    """Per page: its size, its decoded content stream, its text, and every font it uses in full."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        pages.append(
            {
                "size": [round(float(v), 2) for v in page.mediabox],
                "content": page.get_contents().get_data(),  # type: ignore[union-attr]
                "text": page.extract_text(),
                "fonts": {name: _plain(ref) for name, ref in fonts.items()},
            }
        )
    return pages


def _cases() -> list[Any]:
    return [
        pytest.param(load_path(SERANG / "33-penyusunan-renja.sop.yaml"), id="serang-renja"),
        pytest.param(_unicode_sop(), id="text-beyond-ascii"),
    ]


@pytest.mark.parametrize("sop", _cases())
def test_the_fast_font_embedding_gives_the_pdf_reportlab_s_own_embedding_gives(
    sop: SOP, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Twice through the fast path: the second document reuses the subsets the first one built.
    pdf.render_pdf(sop)
    fast = _summary(pdf.render_pdf(sop))
    _with_reportlab_embedding(monkeypatch)
    public = _summary(pdf.render_pdf(sop))

    assert len(fast) == len(public) >= 2
    for number, (mine, theirs) in enumerate(zip(fast, public, strict=True), start=1):
        for part in ("size", "content", "text"):
            assert mine[part] == theirs[part], f"page {number}: {part} differs from ReportLab's embedding"
        assert mine["fonts"].keys() == theirs["fonts"].keys(), f"page {number}: other fonts"
        for name, font in theirs["fonts"].items():
            assert mine["fonts"][name] == font, f"page {number}: font {name} differs from ReportLab's"


def test_the_comparison_sees_the_fonts_it_compares() -> None:
    # Guards the test above against comparing two empty summaries: embedded TrueType subsets, whole.
    pages = _summary(pdf.render_pdf(_unicode_sop()))
    # (ReportLab's canvas also names Helvetica, its initial font, which is never embedded or drawn with.)
    fonts = [font for page in pages for font in page["fonts"].values() if font["/Subtype"] == "/TrueType"]
    assert {font["/BaseFont"][:8] for font in fonts} == {
        "/AAAAAA+",
        "/AAAAAB+",
    }  # a first and a second subset
    for font in fonts:
        descriptor = font["/FontDescriptor"]
        assert descriptor["/FontFile2"]["stream"][:4] == b"\x00\x01\x00\x00"  # a TrueType font file
        assert len(descriptor["/FontFile2"]["stream"]) == descriptor["/FontFile2"]["/Length1"]
        assert (
            b"beginbfchar" in font["/ToUnicode"]["stream"] or b"beginbfrange" in font["/ToUnicode"]["stream"]
        )
    assert UNICODE_NAME.split(",")[0] in pages[0]["text"]
