"""Writing people's text into XLSX cells exactly as typed, never as a formula.

openpyxl stores any string that starts with `=` as a formula, so a kegiatan or a monitoring note typed
as `=HYPERLINK("http://...")` or `=cmd|' /C calc'!A0` would run when the workbook is opened ("formula
injection"). Every XLSX writer puts its text through :func:`put`, which keeps the value unchanged and
marks the cell as a string (written inline, `t="inlineStr"`): Excel and LibreOffice show `=`, `+`, `-`
and `@` texts as text, and an importer reads the same characters back. No apostrophe or other prefix is
added, so the text round-trips unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# XML 1.0 (the format of every part of a workbook) cannot hold these control characters; openpyxl
# refuses them with an exception. Vertical tab and form feed are Word's manual line and page breaks,
# pasted into a form: they become the line break a reader sees, as the SOP model does.
_BREAKS = re.compile(r"[\x0b\x0c]")
_UNWRITABLE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def writable(text: str) -> str:
    """``text`` with only what an XLSX cell can hold: Word's line breaks as `\\n`, other C0 controls gone."""
    return _UNWRITABLE.sub("", _BREAKS.sub("\n", text))


def put(cell: Cell, value: Any) -> Cell:
    """Set ``cell`` to ``value``; a string is always stored as text, never as a formula."""
    if isinstance(value, str):
        cell.value = writable(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def write(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``ws.cell(row, column, value)`` with :func:`put`'s guarantee."""
    return put(ws.cell(row, column), value)


HEADER_FOOTER_CHARS = 255
"""Excel refuses a page header or footer longer than 255 characters (codes included)."""


def header_footer_text(text: str, room: int = HEADER_FOOTER_CHARS) -> str:
    """Text for a page header or footer, where `&` starts a code (`&P` page number, `&B` bold): doubled,
    it prints as itself (`Disposisi && Surat` prints `Disposisi & Surat`). Cut with `…` to ``room``
    characters: a footer names the SOP, the sheet holds it whole."""
    escaped = writable(text).replace("&", "&&")
    if len(escaped) <= room:
        return escaped
    cut = escaped[: room - 1]
    # Never end on half of an escaped `&&`: a lone `&` would start a code.
    if (len(cut) - len(cut.rstrip("&"))) % 2:
        cut = cut[:-1]
    return cut + "\u2026"
