"""The organisation workbook: `sopap org-template` writes it, a clerk fills it in, and reading it gives the
same organisation a `.org.yaml` does; a mistake is refused by sheet, row and column."""

from __future__ import annotations

import io
from functools import cache

import openpyxl
import pytest

from sopap.core.organisation import OrgFileInvalid
from sopap.core.organisation_files import read_org_path
from sopap.core.organisation_xlsx import COLUMNS, SHEET_GUIDE, read_org_xlsx, template_bytes

ROWS = {
    "Pemda": [["Pemerintah Kota Contoh"]],
    "Perangkat Daerah": [
        [
            "Dinas Kesehatan Kota Contoh",
            "Dinkes",
            "07",
            "800/DINKES/{urut}/{tahun}",
            "Kepala Dinas",
            "dr. Siti",
            "19800101 200501 2 003",
        ],
    ],
    "Unit": [
        ["Dinkes", "", "Sekretariat", "01"],
        ["Dinas Kesehatan Kota Contoh", "Sekretariat", "Sub Bagian Keuangan", ""],
        ["Dinkes", "", "Bidang Pelayanan", "02"],
        ["Dinkes", "Bidang Pelayanan", "Seksi Umum", ""],
        ["Dinkes", "Sekretariat", "Seksi Umum", ""],
    ],
    "Jabatan": [
        ["Dinkes", "", "Kepala Dinas", "Kadis; Kepala OPD"],
        ["Dinkes", "Sekretariat", "Sekretaris", ""],
        ["Dinkes", "Sekretariat > Seksi Umum", "Kepala Seksi Umum Sekretariat", ""],
    ],
    "Admin pertama": [["admin.ortala", "Bagian Organisasi Setda", ""]],
}


@cache
def template() -> bytes:
    return template_bytes()


def filled(rows: dict[str, list[list[object]]] = ROWS) -> bytes:
    """The template as a clerk fills it in: the values typed into the rows under the headers."""
    book = openpyxl.load_workbook(io.BytesIO(template()))
    for sheet, values in rows.items():
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                book[sheet].cell(row=r, column=c, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(raw: bytes) -> list[str]:
    with pytest.raises(OrgFileInvalid) as caught:
        read_org_xlsx(raw, path="org.xlsx")
    return [p.render() for p in caught.value.problems]


def test_the_template_has_the_instructions_first_and_a_sheet_per_kind_with_text_cells():
    book = openpyxl.load_workbook(io.BytesIO(template()))
    assert book.sheetnames == [SHEET_GUIDE, *COLUMNS]
    assert book[SHEET_GUIDE]["A1"].value == "Petunjuk pengisian"
    unit = book["Unit"]
    assert [c.value for c in unit[1]] == ["Perangkat daerah", "Unit induk", "Nama unit", "Kode"]
    assert {unit.column_dimensions[c].number_format for c in "ABCD"} == {"@"}
    formulas = [v.formula1 for v in unit.data_validations.dataValidation]
    assert "'Perangkat Daerah'!$A$2:$A$500" in formulas


def test_a_filled_template_reads_as_the_tree_it_describes(tmp_path):
    path = tmp_path / "org.xlsx"
    path.write_bytes(filled())
    org = read_org_path(path).organisation
    pd = org.perangkat_daerah[0]
    assert (org.pemerintah, pd.nama, pd.kode, pd.kepala.nip) == (
        "Pemerintah Kota Contoh",
        "Dinas Kesehatan Kota Contoh",
        "07",
        "19800101 200501 2 003",
    )
    assert [(u.nama, [c.nama for c in u.unit]) for u in pd.unit] == [
        ("Sekretariat", ["Sub Bagian Keuangan", "Seksi Umum"]),
        ("Bidang Pelayanan", ["Seksi Umum"]),
    ]
    assert [(j.nama, j.alias) for j in pd.jabatan] == [("Kepala Dinas", ["Kadis", "Kepala OPD"])]
    assert pd.unit[0].unit[1].jabatan[0].nama == "Kepala Seksi Umum Sekretariat"
    assert org.admin_pertama is not None and org.admin_pertama.nama_pengguna == "admin.ortala"


def test_a_code_typed_as_a_number_is_read_as_the_text_it_shows():
    rows = {**ROWS, "Perangkat Daerah": [["Dinas Kesehatan Kota Contoh", "Dinkes", 7, "", "", "", ""]]}
    assert read_org_xlsx(filled(rows), path="org.xlsx").organisation.perangkat_daerah[0].kode == "7"


def test_mistakes_are_refused_each_by_sheet_row_and_column():
    rows = {
        **ROWS,
        "Unit": [
            ["Dinkes", "", "Sekretariat", "01"],
            ["Dinas Pendidikan", "", "Sekretariat", ""],
            ["Dinkes", "Bidang Pelayanan", "Seksi Umum", ""],
            ["Dinkes", "", "", "0" * 31],
        ],
        "Jabatan": [["Dinkes", "Sekretariat", "Sekretaris", ""], ["", "", "Kepala Dinas", ""]],
        "Admin pertama": [["admin ortala", "", ""], ["admin2", "", ""]],
    }
    assert problems(filled(rows)) == [
        "org.xlsx, lembar “Unit”, baris 3, kolom “Perangkat daerah”: perangkat daerah “Dinas Pendidikan” tidak "
        "ada di lembar Perangkat Daerah",
        "org.xlsx, lembar “Unit”, baris 4, kolom “Unit induk”: unit induk “Bidang Pelayanan” belum ada di baris "
        "sebelumnya pada lembar Unit",
        "org.xlsx, lembar “Jabatan”, baris 3, kolom “Perangkat daerah”: wajib diisi: nama perangkat daerah dari "
        "lembar Perangkat Daerah",
        "org.xlsx, lembar “Admin pertama”, baris 3: hanya satu admin pertama; admin lain dibuat di aplikasi "
        "setelah masuk",
        "org.xlsx, lembar “Unit”, baris 5, kolom “Nama unit”: tidak boleh kosong",
        "org.xlsx, lembar “Unit”, baris 5, kolom “Kode”: terlalu panjang: paling banyak 30 karakter",
        "org.xlsx, lembar “Admin pertama”, baris 2, kolom “Nama pengguna”: hanya boleh berisi huruf, angka dan "
        "tanda @ . + - _ (tanpa spasi)",
    ]


def test_an_ambiguous_unit_name_asks_for_its_path():
    rows = {**ROWS, "Jabatan": [["Dinkes", "Seksi Umum", "Kepala Seksi Umum", ""]]}
    assert problems(filled(rows)) == [
        "org.xlsx, lembar “Jabatan”, baris 2, kolom “Unit”: unit “Seksi Umum” ada di 2 tempat; tulis jalurnya "
        "dari atas, mis. Bidang Pelayanan > Seksi Umum"
    ]


def test_a_workbook_without_the_template_s_sheets_or_columns_is_refused_saying_which():
    book = openpyxl.Workbook()
    book.active.title = "Pemda"
    out = io.BytesIO()
    book.save(out)
    assert problems(out.getvalue())[0] == (
        "org.xlsx: lembar “Perangkat Daerah” tidak ada: buat berkas dari `sopap org-template`"
    )
    template = openpyxl.load_workbook(io.BytesIO(filled()))
    template["Unit"]["D1"] = "Kode unit"
    out = io.BytesIO()
    template.save(out)
    assert problems(out.getvalue()) == [
        "org.xlsx, lembar “Unit”, baris 1: kolom “Kode” tidak ada; salin judul kolom dari templat"
    ]


def test_a_file_that_is_not_a_workbook_is_refused_naming_the_file():
    assert problems(b"bukan excel")[0].startswith("org.xlsx: bukan berkas Excel (.xlsx)")
