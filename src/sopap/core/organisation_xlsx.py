"""The organisation file as an Excel workbook: the template `sopap org-template` writes, and reading it back
into the same :class:`~sopap.core.organisation.Organisasi` a `.org.yaml` gives.

One sheet per kind of thing, one row per thing, headers in Indonesian (the reader finds columns by their
header, so their order may change); a unit names its parent and a position its unit by name, or by the path
from the top (`Sekretariat > Sub Bagian Keuangan`) where a name alone is ambiguous.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopap.core.i18n import DEFAULT_LANGUAGE, N_, Text, Verbatim, tr
from sopap.core.organisation import (
    CODE_MAX,
    FORMAT_VERSION,
    NIP_MAX,
    Loc,
    OrgFileInvalid,
    OrgSource,
    Places,
    Problem,
    _validated,
    split_path,
)

SHEET_GUIDE = "Petunjuk"
SHEET_PEMDA = "Pemda"
SHEET_PD = "Perangkat Daerah"
SHEET_UNIT = "Unit"
SHEET_JABATAN = "Jabatan"
SHEET_ADMIN = "Admin pertama"

# sheet -> (key, header) of each column; the headers are the form's words and stay Indonesian in any language.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    SHEET_PEMDA: [("pemerintah", "Pemerintah daerah")],
    SHEET_PD: [
        ("nama", "Nama"),
        ("singkatan", "Singkatan"),
        ("kode", "Kode"),
        ("pola_nomor", "Pola nomor SOP"),
        ("kepala.jabatan", "Jabatan kepala"),
        ("kepala.nama", "Nama kepala"),
        ("kepala.nip", "NIP kepala"),
    ],
    SHEET_UNIT: [
        ("pd", "Perangkat daerah"),
        ("induk", "Unit induk"),
        ("nama", "Nama unit"),
        ("kode", "Kode"),
    ],
    SHEET_JABATAN: [
        ("pd", "Perangkat daerah"),
        ("unit", "Unit"),
        ("nama", "Nama jabatan"),
        ("alias", "Nama lain"),
    ],
    SHEET_ADMIN: [
        ("nama_pengguna", "Nama pengguna"),
        ("nama_lengkap", "Nama lengkap"),
        ("perangkat_daerah", "Perangkat daerah"),
        ("surel", "Surel"),
        ("nip", "NIP"),
    ],
}
# Columns added after the first templates: a workbook made before them still reads, the value empty.
OPTIONAL_COLUMNS: dict[str, set[str]] = {SHEET_ADMIN: {"surel", "nip"}}
TEMPLATE_ROWS = 500
MAX_ROWS = 5000

GUIDE = [
    N_(
        "Templat organisasi sopap: satu pemerintah daerah, perangkat daerahnya, unit, jabatan dan admin pertama."
    ),
    N_(
        "Isi setiap lembar mulai baris 2; baris 1 adalah judul kolom dan jangan diubah. Baris kosong dilewati."
    ),
    N_("Pemda: nama pemerintah daerah di baris 2, mis. Pemerintah Kota Serang."),
    N_(
        "Perangkat Daerah: satu baris per dinas/badan. Kode dan pola nomor dipakai untuk nomor SOP, "
        "mis. {kode_pd}.{kode_unit}.{urut:02}.{tahun}."
    ),
    N_(
        "Unit: satu baris per Sekretariat, Bidang, Sub Bagian atau Seksi. Unit induk kosong untuk unit teratas; "
        "unit induk harus ada di baris sebelumnya. Bila namanya ada di dua tempat, tulis jalurnya: "
        "Sekretariat > Sub Bagian Keuangan."
    ),
    N_(
        "Jabatan: jabatan yang menjadi pelaksana SOP. Unit kosong untuk jabatan di tingkat perangkat daerah. "
        "Nama lain dipisah titik koma (;)."
    ),
    N_(
        "Admin pertama: satu akun admin organisasi. Perangkat daerah kosong berarti admin seluruh pemerintah daerah. "
        "Kata sandinya tidak ditulis di sini: `sopap org-import` menanyakannya (atau membaca $SOPAP_ADMIN_SANDI, "
        "atau membuatnya dan menampilkannya sekali). Surel dan NIP (18 angka) boleh kosong."
    ),
    N_("Semua sel isian berformat teks, agar kode seperti 01 dan NIP tetap utuh."),
    N_(
        "Muat dengan: sopap org-import berkas.xlsx. Memuat ulang berkas yang sama tidak mengubah apa pun; "
        "yang ada di basis data tetapi tidak di berkas hanya dilaporkan, tidak dihapus."
    ),
]


# --------------------------------------------------------------------------------------------- template


def template_bytes(*, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The empty workbook to fill in: the instructions first, then one sheet per kind of thing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = SHEET_GUIDE
    guide.column_dimensions["A"].width = 120
    guide["A1"] = tr("Petunjuk pengisian", lang)
    guide["A1"].font = Font(bold=True, size=13)
    for row, line in enumerate(GUIDE, start=3):
        cell = guide.cell(row=row, column=1, value=tr(line, lang))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.data_type = "s"
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    pd_list = f"'{SHEET_PD}'!$A$2:$A${TEMPLATE_ROWS}"
    for title, columns in COLUMNS.items():
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, (key, header) in enumerate(columns, start=1):
            letter = get_column_letter(index)
            cell = sheet.cell(row=1, column=index, value=header)
            cell.font, cell.fill = head_font, head_fill
            narrow = {"kode", "singkatan", "kepala.nip", "nip"}
            sheet.column_dimensions[letter].width = 22 if key in narrow else 40
            # The column's own style, which a spreadsheet gives every cell typed into it: text, so that a code
            # 01 stays 01 and a NIP stays whole, however many rows are filled.
            sheet.column_dimensions[letter].number_format = "@"
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS}"
            validation = None
            if key in {"pd", "perangkat_daerah"}:
                # A warning, not a refusal: the reader also takes a PD's singkatan.
                validation = DataValidation(
                    type="list", formula1=pd_list, allow_blank=True, errorStyle="warning"
                )
                validation.error = tr("Tulis nama perangkat daerah seperti di lembar Perangkat Daerah.", lang)
            elif key in {"kode", "kepala.nip"}:
                limit = CODE_MAX if key == "kode" else NIP_MAX
                validation = DataValidation(
                    type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True
                )
                validation.error = tr("Paling banyak {max} karakter.", lang, max=limit)
            if validation is not None:
                validation.showErrorMessage = True
                sheet.add_data_validation(validation)
                validation.add(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(path: Path, *, lang: str = DEFAULT_LANGUAGE) -> None:
    from sopap.core.fileutil import write_atomic

    write_atomic(path, template_bytes(lang=lang))


# ---------------------------------------------------------------------------------------------- reading


def _cell_text(value: Any) -> str:
    """What a clerk typed, as text, whatever type Excel gave the cell (a number typed in a cell that was not
    kept as text arrives as an int or a float)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class _Row:
    number: int
    values: dict[str, str]


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.places: dict[Loc, Text] = {(): Verbatim(path)}
        self.problems: list[Problem] = []

    def row_place(self, sheet: str, row: int) -> Text:
        return Text(
            "{file}, lembar “{sheet}”, baris {row}", file=Verbatim(self.path), sheet=sheet, row=str(row)
        )

    def cell_place(self, sheet: str, row: int, key: str) -> Text:
        header = dict(COLUMNS[sheet])[key]
        return Text(
            "{file}, lembar “{sheet}”, baris {row}, kolom “{column}”",
            file=Verbatim(self.path),
            sheet=sheet,
            row=str(row),
            column=header,
        )

    def problem(self, where: Text, text: Text) -> None:
        self.problems.append(Problem(where, text))

    def rows(self, book: Any, sheet_name: str) -> list[_Row]:
        sheet = book[sheet_name]
        wanted = COLUMNS[sheet_name]
        raw = sheet.iter_rows(values_only=True)
        header = [_cell_text(v).casefold() for v in next(raw, ())]
        columns: dict[str, int] = {}
        for key, title in wanted:
            if title.casefold() in header:
                columns[key] = header.index(title.casefold())
            elif key not in OPTIONAL_COLUMNS.get(sheet_name, set()):
                self.problem(
                    self.row_place(sheet_name, 1),
                    Text("kolom “{column}” tidak ada; salin judul kolom dari templat", column=title),
                )
        rows: list[_Row] = []
        for number, values in enumerate(raw, start=2):
            if number > MAX_ROWS + 1:
                self.problem(
                    self.row_place(sheet_name, number),
                    Text("terlalu banyak baris: paling banyak {max}", max=MAX_ROWS),
                )
                break
            cells = {key: _cell_text(values[i]) if i < len(values) else "" for key, i in columns.items()}
            if any(cells.values()):
                cells = {key: cells.get(key, "") for key, _title in wanted}
                rows.append(_Row(number, cells))
        return rows


def read_org_xlsx(raw: bytes, *, path: str) -> OrgSource:
    """Read a filled-in template; every problem of it at once, by sheet, row and column."""
    import openpyxl

    from sopap.core.importers.safety import ImportFileError, open_office_zip

    try:
        open_office_zip(raw, "xlsx", path)
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except ImportFileError as exc:
        raise OrgFileInvalid([Problem(Verbatim(path), exc.text)], path=path) from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged part; all mean "cannot be read"
        raise OrgFileInvalid(
            [
                Problem(
                    Verbatim(path),
                    Text("berkas Excel tidak dapat dibaca: {problem}", problem=Verbatim(str(exc))),
                )
            ],
            path=path,
        ) from None
    reader = _Reader(path)
    missing = [name for name in COLUMNS if name not in book.sheetnames]
    if missing:
        for name in missing:
            reader.problem(
                Verbatim(path),
                Text("lembar “{sheet}” tidak ada: buat berkas dari `sopap org-template`", sheet=name),
            )
        raise OrgFileInvalid(reader.problems, path=path)
    sheets = {name: reader.rows(book, name) for name in COLUMNS}
    book.close()
    if reader.problems:  # a missing column: the rows below it cannot be read right
        raise OrgFileInvalid(reader.problems, path=path)
    data = _assemble(reader, sheets)
    try:
        source = _validated(data, Places(path, reader.places), lambda loc: "")
    except OrgFileInvalid as exc:
        raise OrgFileInvalid(reader.problems + exc.problems, path=path) from None
    if reader.problems:
        raise OrgFileInvalid(reader.problems, path=path)
    return source


@dataclass
class _UnitEntry:
    path: tuple[str, ...]  # casefolded names from the top, to match what a clerk types
    names: list[str]  # the same, as typed, to show
    data: dict[str, Any]
    loc: Loc


def _assemble(reader: _Reader, sheets: dict[str, list[_Row]]) -> dict[str, Any]:
    places = reader.places
    data: dict[str, Any] = {"versi_format": FORMAT_VERSION, "perangkat_daerah": []}
    pemda_rows = sheets[SHEET_PEMDA]
    first = pemda_rows[0] if pemda_rows else _Row(2, {"pemerintah": ""})
    data["pemerintah"] = first.values["pemerintah"]
    places[("pemerintah",)] = reader.cell_place(SHEET_PEMDA, first.number, "pemerintah")
    for row in pemda_rows[1:]:
        reader.problem(
            reader.row_place(SHEET_PEMDA, row.number), Text("hanya satu pemerintah daerah per berkas")
        )

    pds: list[dict[str, Any]] = data["perangkat_daerah"]
    pd_by_key: dict[str, int] = {}
    units: dict[int, list[_UnitEntry]] = {}
    for row in sheets[SHEET_PD]:
        index = len(pds)
        loc: Loc = ("perangkat_daerah", index)
        v = row.values
        pd = {
            "nama": v["nama"],
            "singkatan": v["singkatan"],
            "kode": v["kode"],
            "pola_nomor": v["pola_nomor"],
            "kepala": {"jabatan": v["kepala.jabatan"], "nama": v["kepala.nama"], "nip": v["kepala.nip"]},
            "jabatan": [],
            "unit": [],
        }
        pds.append(pd)
        places[loc] = reader.row_place(SHEET_PD, row.number)
        for key, _header in COLUMNS[SHEET_PD]:
            places[(*loc, *key.split("."))] = reader.cell_place(SHEET_PD, row.number, key)
        for name in (v["nama"], v["singkatan"]):
            if name:
                pd_by_key.setdefault(name.casefold(), index)
        units[index] = []

    def pd_ref(sheet: str, row: _Row, key: str = "pd") -> int | None:
        name = row.values[key]
        where = reader.cell_place(sheet, row.number, key)
        if not name:
            reader.problem(where, Text("wajib diisi: nama perangkat daerah dari lembar Perangkat Daerah"))
            return None
        found = pd_by_key.get(name.casefold())
        if found is None:
            reader.problem(
                where, Text("perangkat daerah “{name}” tidak ada di lembar Perangkat Daerah", name=name)
            )
        return found

    def unit_ref(sheet: str, row: _Row, key: str, pd_index: int) -> _UnitEntry | None:
        parts = tuple(p.casefold() for p in split_path(row.values[key]))
        found = [u for u in units[pd_index] if u.path[-len(parts) :] == parts]
        where = reader.cell_place(sheet, row.number, key)
        if not found:
            text = (
                Text(
                    "unit induk “{name}” belum ada di baris sebelumnya pada lembar Unit", name=row.values[key]
                )
                if sheet == SHEET_UNIT
                else Text(
                    "unit “{name}” tidak ada di lembar Unit untuk perangkat daerah ini", name=row.values[key]
                )
            )
            reader.problem(where, text)
            return None
        if len(found) > 1:
            reader.problem(
                where,
                Text(
                    "unit “{name}” ada di {count} tempat; tulis jalurnya dari atas, mis. {example}",
                    name=row.values[key],
                    count=len(found),
                    example=Verbatim(" > ".join(found[0].names)),
                ),
            )
            return None
        return found[0]

    for row in sheets[SHEET_UNIT]:
        pd_index = pd_ref(SHEET_UNIT, row)
        if pd_index is None:
            continue
        parent: dict[str, Any] = pds[pd_index]
        parent_loc: Loc = ("perangkat_daerah", pd_index)
        parent_path: tuple[str, ...] = ()
        parent_names: list[str] = []
        if row.values["induk"]:
            entry = unit_ref(SHEET_UNIT, row, "induk", pd_index)
            if entry is None:
                continue
            parent, parent_loc, parent_path, parent_names = entry.data, entry.loc, entry.path, entry.names
        unit = {"nama": row.values["nama"], "kode": row.values["kode"], "jabatan": [], "unit": []}
        loc = (*parent_loc, "unit", len(parent["unit"]))
        parent["unit"].append(unit)
        places[loc] = reader.row_place(SHEET_UNIT, row.number)
        places[(*loc, "nama")] = reader.cell_place(SHEET_UNIT, row.number, "nama")
        places[(*loc, "kode")] = reader.cell_place(SHEET_UNIT, row.number, "kode")
        units[pd_index].append(
            _UnitEntry(
                (*parent_path, row.values["nama"].casefold()), [*parent_names, row.values["nama"]], unit, loc
            )
        )

    for row in sheets[SHEET_JABATAN]:
        pd_index = pd_ref(SHEET_JABATAN, row)
        if pd_index is None:
            continue
        target: dict[str, Any] = pds[pd_index]
        target_loc: Loc = ("perangkat_daerah", pd_index)
        if row.values["unit"]:
            entry = unit_ref(SHEET_JABATAN, row, "unit", pd_index)
            if entry is None:
                continue
            target, target_loc = entry.data, entry.loc
        alias = [a.strip() for a in row.values["alias"].replace("\n", ";").split(";") if a.strip()]
        loc = (*target_loc, "jabatan", len(target["jabatan"]))
        target["jabatan"].append({"nama": row.values["nama"], "alias": alias})
        places[loc] = reader.row_place(SHEET_JABATAN, row.number)
        places[(*loc, "nama")] = reader.cell_place(SHEET_JABATAN, row.number, "nama")
        places[(*loc, "alias")] = reader.cell_place(SHEET_JABATAN, row.number, "alias")

    admin_rows = sheets[SHEET_ADMIN]
    if admin_rows:
        row = admin_rows[0]
        data["admin_pertama"] = dict(row.values)
        places[("admin_pertama",)] = reader.row_place(SHEET_ADMIN, row.number)
        for key, _header in COLUMNS[SHEET_ADMIN]:
            places[("admin_pertama", key)] = reader.cell_place(SHEET_ADMIN, row.number, key)
        for extra in admin_rows[1:]:
            reader.problem(
                reader.row_place(SHEET_ADMIN, extra.number),
                Text("hanya satu admin pertama; admin lain dibuat di aplikasi setelah masuk"),
            )
    return data
