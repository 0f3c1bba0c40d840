"""The Buku SOP and the Keputusan as DOCX, opened back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from sopap.core.book.content import Book, resolve_book
from sopap.core.book.docx import render_book_docx, render_keputusan_docx
from sopap.core.book.settings import BukuSOP
from sopap.core.sopfile import load_path

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "serang"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def book() -> Book:
    sops = [load_path(p) for p in sorted(EXAMPLES.glob("*.sop.yaml"))]
    settings = BukuSOP.model_validate(
        {"keputusan": {"nomor": "065/12/Diskominfo/2019", "tanggal": "2019-04-30"}}
    )
    return resolve_book(sops, settings)


@pytest.fixture(scope="module")
def book_docx(book: Book) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_book_docx(book)))


def _lampiran(document: docx.document.Document) -> list[list[str]]:
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells] == ["No", "Nomor SOP", "Nama SOP", "Unit"]
    )
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def _texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_lampiran_lists_exactly_the_sops_of_the_book_with_their_numbers(
    book: Book, book_docx: docx.document.Document
) -> None:
    expected = [[str(i), s.nomor or "-", s.nama, book.unit_of(s)] for i, s in enumerate(book.sops, start=1)]
    assert _lampiran(book_docx) == expected


def test_the_cover_and_every_heading_are_there_in_order(
    book: Book, book_docx: docx.document.Document
) -> None:
    texts = _texts(book_docx)
    headings = [
        "STANDAR OPERASIONAL PROSEDUR",
        "DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG",
        f"TAHUN {book.tahun}",
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB I PENDAHULUAN",
        "BAB II STANDAR OPERASIONAL PROSEDUR",
        "BAB III PENUTUP",
        f"KEPUTUSAN {book.keputusan.jabatan}",
        "DAFTAR STANDAR OPERASIONAL PROSEDUR",
    ]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "NOMOR: 065/12/Diskominfo/2019" in texts


def test_the_daftar_isi_is_a_toc_field_updated_on_opening_over_a_written_list_of_the_sops(
    book: Book, book_docx: docx.document.Document
) -> None:
    body = book_docx.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    entries = [i for i in instructions if i.strip().startswith("TC ")]
    for sop in book.sops:
        assert any(f'"{sop.nomor} {sop.nama}"' in e for e in entries)
    texts = _texts(book_docx)
    for sop in book.sops:
        assert any(t.startswith(f"{sop.nomor} {sop.nama}\t") and t.split("\t")[-1].isdigit() for t in texts)
    assert book_docx.settings.element.find(f"{W}updateFields") is not None


def test_each_sop_has_its_identity_table_and_its_procedure_sheet(
    book: Book, book_docx: docx.document.Document
) -> None:
    names = [
        t.rows[5].cells[-1].text for t in book_docx.tables if len(t.rows) >= 6 and t.rows[0].cells[-1].text
    ]
    for sop in book.sops:
        assert sop.nama in names
    titles = [t for t in _texts(book_docx) if t.startswith("STANDAR OPERASIONAL PROSEDUR (SOP) - ")]
    assert len({t for t in titles}) == len({s.nama for s in book.sops})


def test_the_makna_simbol_table_shows_the_five_symbols_as_pictures(book_docx: docx.document.Document) -> None:
    table = next(t for t in book_docx.tables if t.rows[0].cells[0].text == "SIMBOL")
    assert [r.cells[1].text for r in table.rows[1:]] == [
        "Terminator",
        "Process",
        "Decision",
        "Arrow",
        "Off-Page Connector",
    ]
    for row in table.rows[1:]:
        assert row.cells[0]._tc.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic")


def test_every_drawing_has_its_own_id(book_docx: docx.document.Document) -> None:
    ids = [
        e.get("id")
        for e in book_docx.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(ids) == len(set(ids)) > 0


def test_the_keputusan_alone_is_editable_text_with_its_lampiran(book: Book) -> None:
    document = docx.Document(io.BytesIO(render_keputusan_docx(book)))
    texts = _texts(document)
    assert texts[0] == f"KEPUTUSAN {book.keputusan.jabatan}"
    assert "MEMUTUSKAN:" in texts
    assert any(t.startswith("Menimbang\t:\ta.\tbahwa") for t in texts)
    assert any(t.startswith("KESATU\t:\t") for t in texts)
    assert [row[1] for row in _lampiran(document)] == [s.nomor or "-" for s in book.sops]
    assert not document.inline_shapes


# The test forces forking (two workers) inside a pytest-xdist worker, which runs threads; the book itself
# forks only where no other thread runs (batch.default_workers), so Python's warning is about the test.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_book_drawn_in_this_process_is_the_one_drawn_on_every_core_and_a_repeated_sop_is_copied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import zipfile

    from sopap.core.renderers import batch

    files = sorted(EXAMPLES.glob("*.sop.yaml"))[:3]
    sops = [load_path(p) for p in [*files, files[0], files[1]]]
    book = resolve_book(sops)

    def document_xml(data: bytes) -> bytes:
        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")

    monkeypatch.setattr(batch, "default_workers", lambda: 2)
    forked = document_xml(render_book_docx(book))
    monkeypatch.setattr(batch, "default_workers", lambda: 1)
    here = document_xml(render_book_docx(book))
    assert here == forked
    document = docx.Document(io.BytesIO(render_book_docx(book)))
    identity_tables = [t for t in document.tables if t.rows[0].cells[-1].text == sops[0].nomor]
    assert len(identity_tables) == 2
    ids = [
        e.get("id")
        for e in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(ids) == len(set(ids)) > 0
