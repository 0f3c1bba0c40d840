"""The inventory as the XLSX form agencies fill in today: written with every cell of user text as text,
and read back by its column headings, wherever the heading row is and in whatever order the columns are."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from sopap.web.inventory.models import InventoryEntry
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.shared.errors import DomainError

# (key, heading) in the order of the form; the headings are also what the reader looks for.
COLUMNS = (
    ("unit", "Unit kerja"),
    ("tugas_fungsi", "Tugas dan fungsi"),
    ("kegiatan", "Kegiatan"),
    ("output", "Output"),
    ("aspek", "Aspek"),
    ("judul", "Judul SOP usulan"),
)
_EXPORT_ONLY = ("Status", "SOP")
MAX_ROWS = 2000
_HEADING_ROWS = 10  # the heading row is looked for among the first rows (a title may stand above it)


def _key(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


_HEADINGS = {_key(heading): key for key, heading in COLUMNS} | {
    "unit": "unit",
    "judul sop": "judul",
    "judul": "judul",
}


def _text_cell(cell: Any, value: str) -> None:
    # Text stays text: "=SUM(...)" or "0012" typed by a user is not a formula or a number.
    cell.value = value
    cell.data_type = "s"


def inventory_xlsx(*, pd: PerangkatDaerah, entries: list[InventoryEntry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Inventaris SOP"
    _text_cell(sheet.cell(row=1, column=1), f"Inventaris SOP — {pd.nama}")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    headings = ["No", *(h for _k, h in COLUMNS), *_EXPORT_ONLY]
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=3, column=column)
        _text_cell(cell, heading)
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, start=1):
        values = [
            entry.unit.nama if entry.unit else "",
            entry.tugas_fungsi,
            entry.kegiatan,
            entry.output,
            entry.aspek,
            entry.judul,
            entry.status_label,
            (entry.document.nomor or (entry.document.head.nama if entry.document.head else ""))
            if entry.document
            else "",
        ]
        sheet.cell(row=3 + number, column=1, value=number)
        for column, value in enumerate(values, start=2):
            cell = sheet.cell(row=3 + number, column=column)
            _text_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (5, 28, 36, 36, 28, 16, 40, 16, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_inventory_xlsx(*, data: bytes, filename: str, pd: PerangkatDaerah) -> list[dict[str, Any]]:
    """The rows of a filled-in form, each ``{"row": n, "unit": Unit | None, "values": {...}}``; a
    DomainError naming the file, the row and the column for anything that cannot be taken as it is."""
    from openpyxl import load_workbook

    from sopap.core.importers.safety import ImportFileError, open_office_zip

    try:
        open_office_zip(data, "xlsx", filename).close()
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError as exc:
        from sopap.web.shared.i18n import current_lang

        raise DomainError(exc.localized(current_lang())) from None
    except Exception:
        raise DomainError(
            _("%(file)s: bukan berkas Excel (.xlsx) yang dapat dibaca.") % {"file": filename}
        ) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + _HEADING_ROWS + 1))
    where = None
    for index, row in enumerate(rows[:_HEADING_ROWS]):
        found = {_HEADINGS[_key(v)]: column for column, v in enumerate(row) if _key(v) in _HEADINGS}
        if "kegiatan" in found:
            where = (index, found)
            break
    if where is None:
        raise DomainError(
            _(
                "%(file)s: tidak ada baris judul kolom dengan “Kegiatan”; gunakan berkas dari tombol Unduh XLSX."
            )
            % {"file": filename}
        )
    heading_row, columns = where
    units = {_key(u.nama): u for u in Unit.objects.filter(pd=pd)}
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    for index, row in enumerate(rows[heading_row + 1 :], start=heading_row + 2):
        values = {
            key: str(row[column]).strip() if column < len(row) and row[column] is not None else ""
            for key, column in columns.items()
        }
        if not any(values.values()):
            continue
        if len(out) >= MAX_ROWS:
            problems.append(_("paling banyak %(n)s baris dalam satu berkas") % {"n": MAX_ROWS})
            break
        unit = None
        if values.get("unit"):
            unit = units.get(_key(values["unit"]))
            if unit is None:
                problems.append(
                    _("baris %(row)s, kolom Unit kerja: “%(unit)s” tidak ada di perangkat daerah ini")
                    % {"row": index, "unit": values["unit"]}
                )
        if not values.get("kegiatan"):
            problems.append(_("baris %(row)s, kolom Kegiatan: kosong") % {"row": index})
        out.append({"row": index, "unit": unit, "values": {k: v for k, v in values.items() if k != "unit"}})
    if problems:
        shown = "; ".join(problems[:10]) + (" …" if len(problems) > 10 else "")
        raise DomainError(_("%(file)s tidak dimuat: %(problems)s.") % {"file": filename, "problems": shown})
    if not out:
        raise DomainError(
            _("%(file)s: tidak ada baris kebutuhan SOP di bawah judul kolom.") % {"file": filename}
        )
    return out
