"""Word's automatic numbering: the number Word shows is read though it is not in the text."""

import io

import docx

from sopap.core.importers import import_file
from sopap.core.importers.docx_reader import read_docx
from sopap.core.importers.tables import Table
from tests.core.importers.layouts import book_sops, build_family


def test_paragraphs_numbered_by_word_carry_their_numbers():
    document = docx.Document()
    for text in ("Komputer", "Printer", "Jaringan internet"):
        document.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    texts = [b.text for b in read_docx(out.getvalue()) if not isinstance(b, Table) and b.text]
    assert texts == ["1. Komputer", "2. Printer", "3. Jaringan internet"]


def test_a_step_column_numbered_by_word_gives_the_step_numbers():
    family = build_family("grid")
    tables = [b for b in read_docx(family.data) if isinstance(b, Table)]
    procedure = tables[1]
    assert [procedure.cell(r, 0).text for r in range(2, procedure.n_rows)] == [
        f"{n}." for n in range(1, len(book_sops()[0].langkah) + 1)
    ]


def test_a_list_numbered_by_word_in_an_identity_cell_is_one_item_per_paragraph():
    family = build_family("grid")
    first = import_file(family.data, family.filename).sops[0].sop
    assert first is not None
    assert first.kualifikasi_pelaksana == book_sops()[0].kualifikasi_pelaksana
