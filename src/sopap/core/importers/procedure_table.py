"""The procedure table of an SOP: its header (step text, actor columns, Mutu Baku) and the steps in its rows,
a step cut at a page break joined to the one above."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopap.core.importers.draft import Columns, Draft
from sopap.core.importers.inference import ALL_SYMBOLS, STEP_KINDS, StepRow, shape_row
from sopap.core.importers.tables import Cell, Table, header_role, is_column_number_row, step_number
from sopap.core.importers.text import (
    clean,
    find_nip,
    is_empty_mark,
    is_shouting,
    joined,
    list_items,
    normal_key,
    strip_bullet,
    title_case,
)


def is_header(table: Table, r: int) -> bool:
    """A procedure table's header row (or its repeat on a later page): it names the activity column and
    an actor or quality column."""
    roles = {header_role(c.text) for c in table.row_cells(r)}
    return "kegiatan" in roles and bool(roles & {"pelaksana", "mutu", "kelengkapan", "waktu", "output"})


def header_row(table: Table, start: int = 0) -> int | None:
    return next((r for r in range(start, table.n_rows) if is_header(table, r)), None)


def _columns(table: Table, header: int) -> tuple[Columns, int]:
    columns = Columns(n_cols=table.n_cols)
    end = header + 1
    below = header + 1
    # A second header row exists only when the row below is not already a step.
    kegiatan_cell = next((c for c in table.row_cells(header) if header_role(c.text) == "kegiatan"), None)
    if below < table.n_rows and kegiatan_cell is not None:
        under = table.cell(below, kegiatan_cell.col + kegiatan_cell.colspan - 1)
        first = table.row_cells(below)[0] if table.row_cells(below) else None
        if (
            under is not None
            and under is not kegiatan_cell
            and under.text
            and (first is None or step_number(first.text) is not None or header_role(under.text) is None)
        ):
            below = table.n_rows  # no sub-header: the next row is data
    for cell in table.row_cells(header):
        role = header_role(cell.text)
        span = range(cell.col, cell.col + cell.colspan)
        if role == "pelaksana":
            span = _over_blank_neighbours(table, header, span)
        if role in ("pelaksana", "mutu"):
            subs = (
                [c for c in table.row_cells(below) if c.col in span and c is not cell]
                if below < table.n_rows
                else []
            )
            named = [c for c in subs if c.text]
            if (
                role == "pelaksana"
                and named
                and not all(header_role(c.text) in ("kelengkapan", "waktu", "output") for c in named)
            ):
                for sub in named:
                    for col in range(sub.col, sub.col + sub.colspan):
                        columns.actors[col] = _actor_name(sub.text)
                end = max(end, below + 1)
            elif role == "mutu" and named:
                for sub in named:
                    sub_role = header_role(sub.text) or "keterangan"
                    for col in range(sub.col, sub.col + sub.colspan):
                        columns.roles[col] = sub_role
                end = max(end, below + 1)
            elif role == "pelaksana":
                for col in span:
                    columns.roles[col] = "pelaksana_text"
        elif role == "kegiatan" and cell.colspan >= 2:
            columns.roles[span[0]] = "no?"
            for col in span[1:]:
                columns.roles[col] = "kegiatan"
        elif role:
            for col in span:
                columns.roles[col] = role
    # Headers given in the second row beside merged first-row cells (`Kelengkapan` under nothing).
    if below < table.n_rows:
        for sub in table.row_cells(below):
            if sub.row != below:
                continue
            role = header_role(sub.text)
            if (
                role in ("kelengkapan", "waktu", "output", "keterangan")
                and sub.col not in columns.roles
                and sub.col not in columns.actors
            ):
                for col in range(sub.col, sub.col + sub.colspan):
                    columns.roles[col] = role
                end = max(end, below + 1)
    if "no?" in columns.roles.values() and not any(r == "no" for r in columns.roles.values()):
        for col, role in list(columns.roles.items()):
            if role == "no?":
                columns.roles[col] = "no"
    if not columns.actors and "pelaksana_text" not in columns.roles.values():
        _unlabelled_actors(table, header, columns)
    return columns, end


def _over_blank_neighbours(table: Table, header: int, span: range) -> range:
    """The `Pelaksana` header widened over the blank header cells beside it: a border drawn through
    the merged cell leaves its first actor column under an empty cell of its own."""
    left, right = span.start, span.stop
    while left > 0 and (c := table.cell(header, left - 1)) is not None and c.row == header and not c.text:
        left -= 1
    while (c := table.cell(header, right)) is not None and c.row == header and not c.text:
        right += 1
    return range(left, right)


def _unlabelled_actors(table: Table, header: int, columns: Columns) -> None:
    """Actor columns named in the header without a `Pelaksana` cell over them: the named columns between
    the step text and the first Mutu Baku column."""
    kegiatan = [c for c, role in columns.roles.items() if role == "kegiatan"]
    mutu = [c for c, role in columns.roles.items() if role in ("kelengkapan", "waktu", "output", "mutu")]
    if not kegiatan or not mutu or min(mutu) <= max(kegiatan):
        return
    for cell in table.row_cells(header):
        span = range(cell.col, cell.col + cell.colspan)
        between = max(kegiatan) < cell.col and cell.col + cell.colspan - 1 < min(mutu)
        if between and cell.text and header_role(cell.text) is None and not set(span) & set(columns.roles):
            for col in span:
                columns.actors[col] = _actor_name(cell.text)


def _actor_name(text: str) -> str:
    name = strip_bullet(text)
    return title_case(name) if is_shouting(name) and len(name) > 5 else name


def _is_subheader_repeat(table: Table, r: int, columns: Columns) -> bool:
    texts = {normal_key(c.text) for c in table.row_cells(r) if c.text}
    actor_keys = {normal_key(a) for a in columns.actors.values()}
    roles = {header_role(t) for t in texts}
    return (
        bool(texts)
        and texts <= (actor_keys | {t for t in texts if header_role(t)})
        and (bool(texts & actor_keys) and bool(roles & {"kelengkapan", "waktu", "output"}))
    )


def read_procedure(table: Table, draft: Draft) -> None:
    header = header_row(table)
    if header is not None:
        columns, start = _columns(table, header)
        if draft.columns is None or not draft.steps:
            draft.columns = columns
            for name in columns.actors.values():
                if name not in draft.actors:
                    draft.actors.append(name)
        else:
            columns = _merge_columns(draft.columns, columns, draft.actors)
    elif draft.columns is not None:
        columns, start = draft.columns, 0
    else:
        return
    for r in range(start, table.n_rows):
        cells = table.row_cells(r)
        texts = [c.text for c in cells]
        if is_header(table, r) or _is_subheader_repeat(table, r, columns) or is_column_number_row(texts):
            continue
        _read_row(table, r, columns, draft)


def _merge_columns(known: Columns, new: Columns, actors: list[str]) -> Columns:
    # A continuation table repeats the header; keep the first table's actor names when they agree.
    if not set(new.actors.values()) <= set(known.actors.values()) | set(new.actors.values()):
        return known
    # A name the continuation wraps otherwise ("Tim Lapora n Persediaa n", a PDF's justified letters
    # read as words) is the actor already known when only the spaces differ.
    for col, name in new.actors.items():
        key = normal_key(name).replace(" ", "")
        same = next((a for a in actors if normal_key(a).replace(" ", "") == key), None)
        if same is not None:
            new.actors[col] = same
    return new


@dataclass
class _RowCells:
    """The cells of row ``r`` by column role (a merged cell once), and the texts of its actor cells."""

    r: int
    by_role: dict[str, list[Cell]]
    actor_cells: dict[int, list[str]]

    def paragraphs(self, role: str, *, fresh_only: bool = True) -> list[str]:
        out: list[str] = []
        for cell in self.by_role.get(role, []):
            if fresh_only and cell.row != self.r:
                continue
            out.extend(cell.paragraphs)
        return out


def _read_row(table: Table, r: int, columns: Columns, draft: Draft) -> None:
    cells = _row_cells(table, r, columns)
    number, kegiatan = _number_and_kegiatan(cells)
    row_text = table.row_text(r)
    if find_nip(row_text) and not number:
        draft.trailing.extend(clean(p) for c in table.row_cells(r) for p in c.paragraphs if clean(p))
        return
    kelengkapan = list_items(cells.paragraphs("kelengkapan"), strip_trailing=False)
    output = list_items(cells.paragraphs("output"), strip_trailing=False)
    waktu = joined(cells.paragraphs("waktu"))
    keterangan = joined(cells.paragraphs("keterangan"))
    pelaksana_text = [_actor_name(t) for t in list_items(cells.paragraphs("pelaksana_text"))]
    if (
        number is None
        and draft.steps
        and (
            (not kegiatan and (kelengkapan or output or waktu or keterangan or cells.actor_cells))
            or (kegiatan and _is_continuation(table, r, columns, cells.actor_cells, draft))
        )
    ):
        _continue_step(table, cells, draft, kegiatan, waktu, keterangan)
        return
    if not kegiatan and number is None:
        if row_text and draft.steps:
            draft.trailing.append(row_text)
        return
    if not kegiatan and number is not None and not (kelengkapan or output or waktu):
        return  # a numbered but empty row: a blank line of the form
    draft.steps.append(
        StepRow(
            table=table,
            rows=range(r, r + 1),
            number=number,
            kegiatan=kegiatan,
            kelengkapan=kelengkapan,
            waktu=None if is_empty_mark(waktu) else waktu,
            output=output,
            keterangan=None if is_empty_mark(keterangan) else keterangan,
            actor_cells=cells.actor_cells,
            actor_columns=dict(columns.actors),
            pelaksana_text=pelaksana_text,
        )
    )


def _row_cells(table: Table, r: int, columns: Columns) -> _RowCells:
    """Row ``r``'s cells: an actor cell only where it starts (a merged one belongs to its first row)."""
    by_role: dict[str, list[Cell]] = {}
    actor_cells: dict[int, list[str]] = {}
    for col in range(table.n_cols):
        cell = table.cell(r, col)
        if cell is None:
            continue
        if col in columns.actors:
            if cell.col == col and (cell.row == r):
                actor_cells[col] = [clean(p) for p in cell.paragraphs if clean(p)]
            continue
        role = columns.roles.get(col)
        if role is None:
            continue
        bucket = by_role.setdefault(role, [])
        if all(cell is not c for c in bucket):
            bucket.append(cell)
    return _RowCells(r, by_role, actor_cells)


def _number_and_kegiatan(cells: _RowCells) -> tuple[int | None, str]:
    """The step's number and text: from the number column, else a number alone in the first kegiatan cell,
    else a "12." or "12)" the text starts with."""
    r = cells.r
    number = None
    number_cells = cells.by_role.get("no", [])
    if number_cells:
        number = step_number(number_cells[0].text) if number_cells[0].row == r else None
    kegiatan_cells = [c for c in cells.by_role.get("kegiatan", []) if c.row == r]
    if number is None and kegiatan_cells and len(kegiatan_cells) >= 2 and step_number(kegiatan_cells[0].text):
        number = step_number(kegiatan_cells[0].text)
        kegiatan_cells = kegiatan_cells[1:]
    kegiatan = joined([p for c in kegiatan_cells for p in c.paragraphs])
    if number is None and kegiatan:
        match = re.match(r"^(\d{1,3})[.)]\s+(.*)$", kegiatan)
        if match and number is None:
            number, kegiatan = int(match.group(1)), match.group(2)
    return number, kegiatan


def _continue_step(
    table: Table, cells: _RowCells, draft: Draft, kegiatan: str, waktu: str, keterangan: str
) -> None:
    """The rest of the step above (a row cut at a page break): joined to it, never a step of its own."""
    r = cells.r
    previous = draft.steps[-1]
    if previous.table is table and previous.rows.stop == r:
        previous.rows = range(previous.rows.start, r + 1)
    previous.kegiatan = _continued_text(previous.kegiatan, kegiatan)
    previous.kelengkapan = _continued_list(previous.kelengkapan, cells.paragraphs("kelengkapan"))
    previous.output = _continued_list(previous.output, cells.paragraphs("output"))
    if waktu and not is_empty_mark(waktu):
        previous.waktu = _continued_text(previous.waktu or "", waktu)
    if keterangan and not is_empty_mark(keterangan):
        previous.keterangan = _continued_text(previous.keterangan or "", keterangan)
    for col, texts in cells.actor_cells.items():
        previous.actor_cells.setdefault(col, []).extend(texts)


def _is_continuation(
    table: Table, r: int, columns: Columns, actor_cells: dict[int, list[str]], draft: Draft
) -> bool:
    """An unnumbered row with text in a numbered procedure and no flowchart symbol of its own: the part
    of the step above that did not fit on its page (the renderer and Word both cut a tall row so)."""
    if "no" not in columns.roles.values() or draft.steps[-1].number is None:
        return False
    if any(ch in ALL_SYMBOLS for texts in actor_cells.values() for ch in "".join(texts)):
        return False
    return not any(shape.kind in STEP_KINDS and shape_row(table, shape) == r for shape in table.shapes)


def _continued_text(head: str, rest: str) -> str:
    """Text cut at a line end: the two parts joined by the space the line break stood for."""
    return clean(f"{head} {rest}") if head and rest else head or rest


def _continued_list(items: list[str], paragraphs: list[str]) -> list[str]:
    """List items carried on: a first paragraph without a bullet ends the last item of the part above."""
    texts = [clean(p) for p in paragraphs if clean(p)]
    if not texts:
        return items
    out = list(items)
    first = texts[0]
    if out and strip_bullet(first) == first and not is_empty_mark(first):
        out[-1] = _continued_text(out[-1], first)
        texts = texts[1:]
    return out + list_items(texts, strip_trailing=False)
