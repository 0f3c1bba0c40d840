"""The Buku SOP and the Keputusan as PDF, read back."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopap.core.book.content import resolve_book
from sopap.core.book.layout import layout_book
from sopap.core.book.pdf import render_book_pdf, render_keputusan_pdf
from sopap.core.book.settings import BukuSOP
from sopap.core.sopfile import load_path

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "serang"


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    sops = [load_path(p) for p in sorted(EXAMPLES.glob("*.sop.yaml"))]
    settings = BukuSOP.model_validate(
        {"keputusan": {"nomor": "065/12/Diskominfo/2019", "tanggal": "2019-04-30"}}
    )
    return resolve_book(sops, settings)


def _texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def _footer_labels(texts: list[str]) -> list[str]:
    return [t.strip().split("\n")[-1].strip() for t in texts]


def test_every_daftar_isi_entry_points_at_the_page_where_that_sop_starts(book) -> None:  # type: ignore[no-untyped-def]
    pdf = render_book_pdf(book)
    texts = _texts(pdf)
    layout = layout_book(book)
    assert len(texts) == len(layout.pages)
    for sop, index in zip(book.sops, layout.sop_pages, strict=True):
        label = layout.labels[index]
        entry = next(e for e in layout.toc if e[1].startswith(sop.nomor or sop.nama))
        assert entry[2] == label
        page_text = " ".join(texts[index].split())
        assert " ".join(sop.nama.split()) in page_text
        assert _footer_labels(texts)[index] == label
    toc_text = " ".join(t for t in texts[1:4])
    for sop in book.sops:
        assert sop.nomor in toc_text


def test_the_lampiran_lists_exactly_the_sops_of_the_book_with_their_numbers(book) -> None:  # type: ignore[no-untyped-def]
    texts = _texts(render_keputusan_pdf(book))
    lampiran = " ".join(" ".join(t.split()) for t in texts if "DAFTAR STANDAR OPERASIONAL PROSEDUR" in t)
    numbers = re.findall(r"\d+\.\d+\.\d+\.\d{4}", lampiran)
    assert numbers == [sop.nomor for sop in book.sops]
    assert "065/12/Diskominfo/2019" in " ".join(texts)
    assert "KESATU" in texts[0] + texts[-1] or any("KESATU" in t for t in texts)


def test_the_mengingat_lists_each_regulation_the_sops_cite_once(book) -> None:  # type: ignore[no-untyped-def]
    mengingat = book.keputusan.mengingat
    assert len({m.lower().rstrip(";.") for m in mengingat}) == len(mengingat)
    assert any("58 Tahun 2005" in m for m in mengingat)
