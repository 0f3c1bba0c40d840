"""The identity sheet of an SOP: labelled cells (`Nomor`, `Nama SOP`, `Disahkan oleh`...) and their values,
and the PD block (pemerintah, instansi, units) beside them."""

from __future__ import annotations

import re

from sopap.core.importers.draft import LIST_FIELDS, Draft
from sopap.core.importers.tables import Cell, Table, identity_label
from sopap.core.importers.text import clean

_TITLE_NOISE = re.compile(r"^(standar operasional prosedur|sop|sop ap|logo|lambang)\b.*$", re.IGNORECASE)
LABEL_LINE = re.compile(r"^([A-Za-z /.]{3,60}?)\s*[:：]\s*(.+)$")
_SEPARATOR = re.compile(r"^[:：]+$")


def identity_labels(table: Table, row: int) -> list[str]:
    labels = [f for f in (identity_label(c.text) for c in table.row_cells(row) if c.row == row) if f]
    for cell in table.row_cells(row):
        if cell.row == row:
            labels.extend(label for label, _ in _inline_fields(cell) or [])
    return labels


def _inline_fields(cell: Cell) -> list[tuple[str, list[str]]] | None:
    """The fields of a cell that holds its own labels, as a sheet printed without inner borders reads:
    `Nomor SOP : ...` lines, or a label line (`Dasar Hukum:`) with its value on the lines below."""
    fields: list[tuple[str, list[str]]] = []
    for paragraph in cell.paragraphs:
        text = clean(paragraph)
        if not text:
            continue
        match = LABEL_LINE.match(text)
        label = identity_label(match.group(1)) if match else None
        if label:
            fields.append((label, [match.group(2)] if match else []))
            continue
        label = identity_label(text) if text.endswith((":", "：")) or len(cell.paragraphs) > 1 else None
        if (label and not fields) or (label and label not in (f for f, _ in fields)):
            fields.append((label, []))
        elif fields:
            fields[-1][1].append(text)
        else:
            return None
    return fields if fields and (len(fields) >= 2 or len(cell.paragraphs) >= 2 or fields[0][1]) else None


def read_identity(table: Table, draft: Draft) -> None:
    claimed: set[int] = set()
    labels: dict[int, str] = {}
    for r in range(table.n_rows):
        for cell in table.row_cells(r):
            inline = _inline_fields(cell) if cell.row == r and not identity_label(cell.text) else None
            if inline:
                claimed.add(id(cell))
                for name, values in inline:
                    draft.identity.setdefault(name, []).extend(values)
    for r in range(table.n_rows):
        for cell in table.row_cells(r):
            label = identity_label(cell.text) if cell.row == r or r == 0 else None
            if label:
                labels[id(cell)] = label
    grid_cells: list[Cell] = []
    for r in range(table.n_rows):
        for cell in table.row_cells(r):
            label = labels.get(id(cell))
            if not label or id(cell) in claimed:
                continue
            claimed.add(id(cell))
            if label not in LIST_FIELDS:
                grid_cells.append(cell)
            value = _value_cell(table, cell, labels, claimed)
            if value is not None:
                claimed.add(id(value))
                draft.identity.setdefault(label, []).extend(_without_colon(value.paragraphs))
            else:
                draft.identity.setdefault(label, [])
    # The PD block (pemerintah, instansi, units) stands above the identity grid or to the left of its
    # labels, beside the logo; cells elsewhere (a signature, notes under the lists) are not part of it.
    top = min((c.row for c in grid_cells), default=0)
    bottom = max((c.row + c.rowspan for c in grid_cells), default=table.n_rows)
    left = min((c.col for c in grid_cells), default=table.n_cols)
    for r in range(table.n_rows):
        for cell in table.row_cells(r):
            if id(cell) in claimed or cell.row != r:
                continue
            claimed.add(id(cell))
            if not (cell.row < top or (cell.row < bottom and cell.col + cell.colspan <= left)):
                continue
            for paragraph in cell.paragraphs:
                text = clean(paragraph)
                if text and not _TITLE_NOISE.match(text) and not _SEPARATOR.match(text) and len(text) <= 160:
                    draft.header_lines.append(text)


def _without_colon(paragraphs: list[str]) -> list[str]:
    """A value typed after its own colon (`: 800/0560/2023`): the colon is the form's, not the value's."""
    out = list(paragraphs)
    for index, text in enumerate(out):
        if clean(text):
            out[index] = re.sub(r"^\s*[:：]\s*", "", text)
            break
    return out


def _value_cell(table: Table, label: Cell, labels: dict[int, str], claimed: set[int]) -> Cell | None:
    """The cell holding a label's value: to its right (past a cell holding only `:`), else below it. An
    empty cell to the right gives way to a filled one below: it is the gutter between the sheet's two
    halves, whose labels stand above their values."""
    col = label.col + label.colspan
    right = table.cell(label.row, col)
    while right is not None and right is not label and _SEPARATOR.match(right.text):
        claimed.add(id(right))
        col = right.col + right.colspan
        right = table.cell(label.row, col)
    below = table.cell(label.row + label.rowspan, label.col)
    if below is label or (below is not None and id(below) in labels):
        below = None
    if right is label or (right is not None and id(right) in labels):
        right = None
    if right is not None and (right.text or below is None or not below.text):
        return right
    return below


def identity_from_paragraphs(paragraphs: list[str], draft: Draft) -> None:
    """`Nama SOP : ...` lines typed as paragraphs above a procedure table."""
    for text in paragraphs:
        match = LABEL_LINE.match(text)
        if not match:
            continue
        label = identity_label(match.group(1))
        if label and label not in draft.identity:
            draft.identity[label] = [match.group(2)]
