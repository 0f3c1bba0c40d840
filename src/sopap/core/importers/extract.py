"""From blocks (paragraphs and grids) to SOPs: split a Buku SOP, read identity and procedure, infer the rest.

A document is cut into parts: identity parts (rows holding labels such as `Nomor`, `Nama SOP`) and
procedure parts (from a header row naming `Uraian Prosedur`/`Kegiatan` and `Pelaksana`/`Mutu Baku`).
An identity part starts a new SOP. A procedure part continues the current SOP (a table split across
pages, its header repeated or not) unless that SOP already has steps and the part starts again at step 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sopap.core.dates import parse_date
from sopap.core.i18n import Joined, Text, Verbatim
from sopap.core.importers.inference import (
    ALL_SYMBOLS,
    STEP_KINDS,
    StepRow,
    infer_actors,
    infer_decisions,
    shape_row,
)
from sopap.core.importers.report import SopReport, Status
from sopap.core.importers.tables import (
    RASTER,
    Block,
    Cell,
    Paragraph,
    ShapeKind,
    Table,
    header_role,
    identity_label,
    is_column_number_row,
    step_number,
)
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

LIST_FIELDS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
DATE_FIELDS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
_INSTANSI_START = re.compile(
    r"^(dinas|badan|kantor|sekretariat (daerah|dprd|dewan)|inspektorat|satuan|rumah sakit|rsud|kecamatan|"
    r"kelurahan|biro|lembaga|kementerian|direktorat|puskesmas|uptd)\b",
    re.IGNORECASE,
)
_TITLE_NOISE = re.compile(r"^(standar operasional prosedur|sop|sop ap|logo|lambang)\b.*$", re.IGNORECASE)
_SIGN_NOISE = re.compile(r"^(ttd\.?|tertanda|cap|stempel|\(.*\))$", re.IGNORECASE)
_POSITION = re.compile(
    r"^(kepala|sekretaris|plt\.?|plh\.?|pj\.?|camat|lurah|direktur|inspektur|kabid|kasubag|kasubbag|"
    r"kepala bidang|ketua|asisten|walikota|wali kota|bupati|gubernur)\b",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^([A-Za-z /.]{3,60}?)\s*[:：]\s*(.+)$")


@dataclass
class Columns:
    roles: dict[int, str] = field(
        default_factory=dict
    )  # col -> no | kegiatan | kelengkapan | waktu | output | ...
    actors: dict[int, str] = field(default_factory=dict)  # col -> actor name
    n_cols: int = 0


@dataclass
class Draft:
    identity: dict[str, list[str]] = field(default_factory=dict)  # field -> paragraphs of its value cell
    header_lines: list[str] = field(default_factory=list)  # unlabelled cells: pemerintah, instansi, unit
    steps: list[StepRow] = field(default_factory=list)
    columns: Columns | None = None
    actors: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # text after the procedure: the signature block
    heading: list[str] = field(default_factory=list)  # paragraphs just before the SOP
    where: list[Text] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.identity and not self.steps


@dataclass
class Extracted:
    data: dict[str, Any]
    report: SopReport


# ------------------------------------------------------------------------------------------- parts


def _is_header(table: Table, r: int) -> bool:
    roles = {header_role(c.text) for c in table.row_cells(r)}
    return "kegiatan" in roles and bool(roles & {"pelaksana", "mutu", "kelengkapan", "waktu", "output"})


def _header_row(table: Table, start: int = 0) -> int | None:
    return next((r for r in range(start, table.n_rows) if _is_header(table, r)), None)


def _identity_labels(table: Table, row: int) -> list[str]:
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
        match = _LABEL_LINE.match(text)
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


def split_parts(table: Table) -> list[tuple[str, Table]]:
    """A table cut into identity and procedure parts (several of each in a Buku kept in one sheet)."""
    parts: list[tuple[str, int]] = []
    mode = None
    for r in range(table.n_rows):
        labels = _identity_labels(table, r)
        header = _is_header(table, r)
        if header and mode != "procedure":
            parts.append(("procedure", r))
            mode = "procedure"
        elif labels and mode != "identity" and (mode is None or {"nama", "nomor"} & set(labels)):
            parts.append(("identity", r))
            mode = "identity"
        elif mode is None:
            parts.append(("other", r))
            mode = "other"
    out: list[tuple[str, Table]] = []
    for index, (kind, start) in enumerate(parts):
        stop = parts[index + 1][1] if index + 1 < len(parts) else table.n_rows
        piece = table if (start == 0 and stop == table.n_rows) else table.sub(start, stop)
        if kind == "identity" and sum(len(_identity_labels(piece, r)) for r in range(piece.n_rows)) < 2:
            kind = "other"
        out.append((kind, piece))
    return out


def extract(
    blocks: list[Block], source: str, *, step: Callable[[int, int, int], None] | None = None
) -> list[Extracted]:
    """The SOPs of ``blocks``; ``step(done, total, sops)`` after each block, with the SOPs begun so far."""
    drafts: list[Draft] = []
    current: Draft | None = None
    pending: list[str] = []
    parts = [split_parts(b) if isinstance(b, Table) else [] for b in blocks]
    kinds = [kind for block_parts in parts for kind, _ in block_parts if kind != "other"]
    # A document that opens with a procedure table and has identity tables writes each SOP's identity
    # after its procedure: an identity table then completes the SOP above it instead of opening one.
    identity_after = bool(kinds) and kinds[0] == "procedure" and "identity" in kinds
    for done, (block, block_parts) in enumerate(zip(blocks, parts, strict=True), start=1):
        if step is not None and (isinstance(block, Table) or done == len(blocks)):
            step(done, len(blocks), len(drafts))
        if isinstance(block, Paragraph):
            text = clean(block.text)
            if text:
                if current is not None and current.steps:
                    current.trailing.append(text)
                pending.append(text)
            continue
        for kind, part in block_parts:
            if kind == "identity" and identity_after and current is not None and not current.identity:
                _read_identity(part, current)
                if part.where not in current.where:
                    current.where.append(part.where)
                pending = []
            elif kind == "identity":
                labels = {f for r in range(part.n_rows) for f in _identity_labels(part, r)}
                if (
                    current is not None
                    and current.identity
                    and not current.steps
                    and not labels & set(current.identity) & {"nama", "nomor"}
                ):
                    _read_identity(part, current)  # the rest of the identity sheet, in a table of its own
                    pending = []
                    continue
                if current is not None and current.empty and not current.identity:
                    drafts.remove(current)
                current = Draft(heading=pending[-6:], where=[part.where])
                drafts.append(current)
                _read_identity(part, current)
                pending = []
            elif kind == "procedure":
                first = _first_number(part)
                if (
                    current is None
                    or (current.steps and first == 1)
                    or (current.columns is None and current.steps)
                ):
                    current = Draft(heading=pending[-6:], where=[part.where])
                    drafts.append(current)
                    _identity_from_paragraphs(pending, current)
                elif part.where not in current.where:
                    current.where.append(part.where)
                _read_procedure(part, current)
                pending = []
            else:
                lines = [
                    p for r in range(part.n_rows) for c in part.row_cells(r) for p in c.paragraphs if clean(p)
                ]
                if (
                    current is not None
                    and current.steps
                    and current.columns is not None
                    and _continues(part, current)
                ):
                    _read_procedure(part, current)
                elif current is not None:
                    current.trailing.extend(clean(x) for x in lines)
                pending.extend(clean(x) for x in lines)
    return [_finish(d, source, i + 1) for i, d in enumerate(d for d in drafts if d.steps or d.identity)]


def _continues(part: Table, draft: Draft) -> bool:
    """A table without a header that carries on the steps (a page split without repeated header)."""
    assert draft.columns is not None
    if part.n_cols != draft.columns.n_cols:
        return False
    number_cols = [c for c, role in draft.columns.roles.items() if role == "no"]
    if not number_cols:
        return False
    for r in range(part.n_rows):
        cell = part.cell(r, number_cols[0])
        number = step_number(cell.text) if cell else None
        if number is not None:
            last = draft.steps[-1].number or len(draft.steps)
            return number == last + 1
    return False


def _first_number(table: Table) -> int | None:
    header = _header_row(table)
    start = (header or 0) + 1
    for r in range(start, table.n_rows):
        if is_column_number_row([c.text for c in table.row_cells(r)]):
            continue
        for cell in table.row_cells(r)[:2]:
            number = step_number(cell.text)
            if number is not None:
                return number
    return None


# ---------------------------------------------------------------------------------------- identity


def _read_identity(table: Table, draft: Draft) -> None:
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


_SEPARATOR = re.compile(r"^[:：]+$")


def _without_colon(paragraphs: list[str]) -> list[str]:
    """A value typed after its own colon (`: 800/0560/2023`): the colon is the form's, not the value's."""
    out = list(paragraphs)
    for index, text in enumerate(out):
        if clean(text):
            out[index] = re.sub(r"^\s*[:：]\s*", "", text)
            break
    return out


def _value_cell(table: Table, label: Cell, labels: dict[int, str], claimed: set[int]) -> Cell | None:
    """The cell holding a label's value: to its right (past a cell holding only `:`), else below it."""
    col = label.col + label.colspan
    right = table.cell(label.row, col)
    while right is not None and right is not label and _SEPARATOR.match(right.text):
        claimed.add(id(right))
        col = right.col + right.colspan
        right = table.cell(label.row, col)
    if right is not None and right is not label and id(right) not in labels:
        return right
    below = table.cell(label.row + label.rowspan, label.col)
    if below is not None and below is not label and id(below) not in labels:
        return below
    return None


def _identity_from_paragraphs(paragraphs: list[str], draft: Draft) -> None:
    """`Nama SOP : ...` lines typed as paragraphs above a procedure table."""
    for text in paragraphs:
        match = _LABEL_LINE.match(text)
        if not match:
            continue
        label = identity_label(match.group(1))
        if label and label not in draft.identity:
            draft.identity[label] = [match.group(2)]


# --------------------------------------------------------------------------------------- procedure


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


def _is_header_repeat(table: Table, r: int) -> bool:
    roles = {header_role(c.text) for c in table.row_cells(r)}
    return "kegiatan" in roles and bool(roles & {"pelaksana", "mutu", "kelengkapan", "waktu", "output"})


def _is_subheader_repeat(table: Table, r: int, columns: Columns) -> bool:
    texts = {normal_key(c.text) for c in table.row_cells(r) if c.text}
    actor_keys = {normal_key(a) for a in columns.actors.values()}
    roles = {header_role(t) for t in texts}
    return (
        bool(texts)
        and texts <= (actor_keys | {t for t in texts if header_role(t)})
        and (bool(texts & actor_keys) and bool(roles & {"kelengkapan", "waktu", "output"}))
    )


def _read_procedure(table: Table, draft: Draft) -> None:
    header = _header_row(table)
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
        if (
            _is_header_repeat(table, r)
            or _is_subheader_repeat(table, r, columns)
            or is_column_number_row(texts)
        ):
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


# ------------------------------------------------------------------------------------------ finish


def _finish(draft: Draft, source: str, index: int) -> Extracted:
    data: dict[str, Any] = {"versi_format": 1}
    report = SopReport(title="", source=f"{source}#{index}")
    ident = draft.identity

    # nama
    nama = joined(ident.get("nama", []))
    if nama and not is_empty_mark(nama):
        data["nama"] = nama
        report.add("nama", Status.READ, Text("sel “Nama SOP”"))
    else:
        guess = _nama_from_heading(draft.heading)
        if guess:
            data["nama"] = guess
            report.add(
                "nama",
                Status.INFERRED,
                Text("dari judul di atas tabel: “{heading}”", heading=guess),
            )
        else:
            report.add("nama", Status.MISSING)
    report.title = data.get("nama") or f"SOP {index}"

    nomor = joined(ident.get("nomor", []))
    if nomor and not is_empty_mark(nomor):
        data["nomor"] = nomor
        report.add("nomor", Status.READ)
    else:
        report.add(
            "nomor",
            Status.MISSING,
            Text("kosong: SOP dianggap draf") if "nomor" in ident else None,
        )

    _organisation(draft, data, report)

    for name in DATE_FIELDS:
        raw = joined(ident.get(name, []))
        if name not in ident:
            report.add(name, Status.MISSING)
        elif is_empty_mark(raw):
            data[name] = None
            report.add(
                name,
                Status.READ,
                Text("ditulis “{raw}”: tidak ada", raw=raw) if raw else Text("kosong"),
            )
        else:
            value = parse_date(raw)
            if value is None:
                report.add(name, Status.MISSING, Text("tanggal tidak terbaca: “{raw}”", raw=raw))
            else:
                data[name] = value
                report.add(
                    name,
                    Status.READ,
                    Text("“{raw}” dibaca {date}", raw=raw, date=value),
                )

    _signer(draft, data, report)

    for name in LIST_FIELDS:
        if name not in ident:
            report.add(name, Status.MISSING)
            continue
        items = list_items(ident[name])
        if items:
            data[name] = items
            report.add(name, Status.READ, Text("{count} butir", count=len(items)))
        else:
            report.add(name, Status.READ, Text("kosong"))

    _steps(draft, data, report)
    return Extracted(data=data, report=report)


def _nama_from_heading(heading: list[str]) -> str | None:
    for text in reversed(heading):
        match = _LABEL_LINE.match(text)
        if match and identity_label(match.group(1)) == "nama":
            return clean(match.group(2))
    for text in reversed(heading):
        cleaned = re.sub(
            r"^(standar operasional prosedur|sop)\s*(\(sop\))?\s*[:\-–]?\s*", "", text, flags=re.IGNORECASE
        )
        if (3 <= len(cleaned) <= 150 and not _LABEL_LINE.match(text) and cleaned != text) or (
            3 <= len(text) <= 150
            and re.match(r"^(mekanisme|prosedur|tata cara|pelayanan)\b", text, re.IGNORECASE)
        ):
            value = clean(cleaned)
            return title_case(value) if is_shouting(value) else value
    return None


def _organisation(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    lines = [line for line in draft.header_lines if not find_nip(line)]
    pemerintah = next((line for line in lines if re.match(r"^pemerintah\b", line, re.IGNORECASE)), None)
    rest = [line for line in lines if line is not pemerintah]
    instansi = next((line for line in rest if _INSTANSI_START.match(line)), None)
    if instansi is None and rest:
        instansi = rest[0]
    units = rest[rest.index(instansi) + 1 :] if instansi in rest else []
    cased = False
    if pemerintah:
        if is_shouting(pemerintah):
            pemerintah, cased = title_case(pemerintah), True
        data["pemerintah"] = pemerintah
        report.add("pemerintah", Status.READ, Text("kepala tabel identitas"))
    else:
        report.add("pemerintah", Status.MISSING)
    if instansi:
        if is_shouting(instansi):
            instansi, cased = title_case(instansi), True
        region = re.sub(r"^pemerintah\s+", "", pemerintah or "", flags=re.IGNORECASE).strip()
        if (
            region
            and region.lower() not in instansi.lower()
            and not re.match(r"^(kecamatan|kelurahan|uptd|puskesmas)\b", instansi, re.IGNORECASE)
        ):
            data["instansi"] = f"{instansi} {region}"
            report.add(
                "instansi",
                Status.INFERRED,
                Text(
                    "“{instansi}” + wilayah dari “{pemerintah}”",
                    instansi=instansi,
                    pemerintah=pemerintah,
                ),
            )
        else:
            data["instansi"] = instansi
            report.add("instansi", Status.READ, Text("kepala tabel identitas"))
    else:
        report.add("instansi", Status.MISSING)
    if units:
        fixed = [title_case(u) if is_shouting(u) else u for u in units]
        cased = cased or fixed != units
        data["unit"] = fixed
        report.add("unit", Status.READ, Verbatim(" / ".join(fixed)))
    else:
        report.add("unit", Status.MISSING)
    if cased:
        report.add(
            "huruf",
            Status.INFERRED,
            Text("teks HURUF KAPITAL diubah ke huruf judul"),
        )


def _signer(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    lines = [clean(p) for p in draft.identity.get("disahkan_oleh", []) if clean(p)]
    nip = None
    nama = None
    jabatan_lines: list[str] = []
    for position, line in enumerate(lines):
        found = find_nip(line)
        if found:
            nip = found
            before = [x for x in lines[:position] if not _SIGN_NOISE.match(x)]
            if before:
                nama = before[-1]
                jabatan_lines = before[:-1]
            break
    else:
        jabatan_lines = lines
    source_nama = Text("sel “Disahkan oleh”")
    if nip is None:
        trailing = [t for t in draft.trailing if t and not _SIGN_NOISE.match(t)]
        for position, line in enumerate(trailing):
            found = find_nip(line)
            if found:
                nip = found
                before = [x for x in trailing[:position] if not find_nip(x)]
                if before:
                    nama = before[-1]
                    if not jabatan_lines:
                        jabatan_lines = before[-3:-1]
                source_nama = Text("blok tanda tangan di bawah tabel prosedur")
                break
    if nip is None and nama is None and len(jabatan_lines) >= 2:
        # No NIP: the name is the line written apart from the title (after the space left for the
        # signature), or the one line not in capitals under a title that is.
        last = jabatan_lines[-1]
        if not _SIGN_NOISE.match(last) and (
            _name_apart(draft.identity.get("disahkan_oleh", []), last)
            or (is_shouting(jabatan_lines[0]) and not is_shouting(last))
            or (
                _POSITION.match(jabatan_lines[0])
                and not _POSITION.match(last)
                and len(last.split()) <= 6
                and not re.search(r"\b(provinsi|kabupaten|kota|dinas|badan)\b", last, re.IGNORECASE)
            )
        ):
            nama, jabatan_lines = last, jabatan_lines[:-1]
    signer: dict[str, str] = {}
    jabatan = clean(" ".join(jabatan_lines))
    if jabatan and not is_empty_mark(jabatan):
        signer["jabatan"] = title_case(jabatan) if is_shouting(jabatan) else jabatan
        report.add("disahkan_oleh.jabatan", Status.READ, Text("sel “Disahkan oleh”"))
    else:
        report.add("disahkan_oleh.jabatan", Status.MISSING)
    if nama:
        nama = re.sub(r"^[·•\-–▪*]+\s*", "", nama)
        signer["nama"] = title_case(nama) if is_shouting(nama) else nama
        report.add(
            "disahkan_oleh.nama",
            Status.READ,
            source_nama,
        )
    else:
        report.add("disahkan_oleh.nama", Status.MISSING)
    if nip:
        signer["nip"] = nip
        report.add(
            "disahkan_oleh.nip",
            Status.READ,
            source_nama,
        )
    else:
        report.add("disahkan_oleh.nip", Status.MISSING)
    if signer:
        data["disahkan_oleh"] = signer


def _name_apart(paragraphs: list[str], last: str) -> bool:
    texts = [clean(p) for p in paragraphs]
    while texts and not texts[-1]:
        texts.pop()
    return len(texts) >= 3 and texts[-1] == last and not texts[-2] and any(texts[:-2])


def _steps(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    steps = draft.steps
    if not steps:
        report.add("langkah", Status.MISSING, Text("tabel prosedur tidak ditemukan"))
        return
    actors = list(draft.actors)
    evidence = infer_actors(steps, actors)
    decisions = infer_decisions(steps, evidence)
    tables = list({id(s.table): s.table for s in steps}.values())
    pictured = [t for t in tables if any(sh.kind == ShapeKind.PICTURE for sh in t.shapes)]
    drawn = sum(1 for t in tables for sh in t.shapes if sh.kind in STEP_KINDS and sh.how != RASTER)
    from_picture = sum(1 for found in evidence if found.how == "picture")
    if pictured and drawn < len(steps) / 2:
        # A flowchart pasted as an image (a stray drawn symbol aside): its lines cannot be read, so say
        # what was used instead: the symbols seen in its pixels, or the step texts.
        where = Joined([t.where for t in pictured])
        report.add(
            "bagan alir",
            Status.INFERRED,
            Text(
                "bagan alir berupa gambar di {where}: pelaksana {count} langkah dari letak bentuk yang "
                "dikenali pada gambar, cabang keputusan tidak terbaca dari gambar",
                where=where,
                count=from_picture,
            )
            if from_picture
            else Text(
                "bagan alir berupa gambar di {where}: pelaksana dari teks, keputusan tidak terbaca",
                where=where,
            ),
        )
    if actors:
        data["pelaksana"] = actors
        report.add("pelaksana", Status.READ, Text("{count} kolom pelaksana", count=len(actors)))
    report.add(
        "langkah",
        Status.READ,
        Text("{count} langkah dari {where}", count=len(steps), where=Joined(list(draft.where))),
    )
    numbers = [s.number for s in steps]
    if all(n is not None for n in numbers) and numbers != list(range(1, len(steps) + 1)):
        report.add(
            "nomor langkah",
            Status.INFERRED,
            Text("penomoran di dokumen tidak urut; langkah diurutkan ulang"),
        )
    out: list[dict[str, Any]] = []
    for index, (step, found) in enumerate(zip(steps, evidence, strict=True)):
        item: dict[str, Any] = {"kegiatan": step.kegiatan or None, "pelaksana": found.names}
        if index in decisions:
            branches = decisions[index]
            item["keputusan"] = {"ya": branches.ya, "tidak": branches.tidak}
            report.decisions[index + 1] = branches.how
        if step.kelengkapan:
            item["kelengkapan"] = step.kelengkapan
        if step.waktu:
            item["waktu"] = step.waktu
        if step.output:
            item["output"] = step.output
        if step.keterangan:
            item["keterangan"] = step.keterangan
        out.append(item)
        report.actor_evidence.append(found.how)
    data["langkah"] = out
    if not actors:
        seen = list(dict.fromkeys(n for i in out for n in i["pelaksana"]))
        if seen:
            report.add(
                "pelaksana",
                Status.INFERRED,
                Text("urutan kemunculan di langkah"),
            )
        else:
            report.add("pelaksana", Status.MISSING)
