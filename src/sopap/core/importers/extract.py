"""From blocks (paragraphs and grids) to SOPs: split a Buku SOP, read identity and procedure, infer the rest.

A document is cut into parts: identity parts (rows holding labels such as `Nomor`, `Nama SOP`) and
procedure parts (from a header row naming `Uraian Prosedur`/`Kegiatan` and `Pelaksana`/`Mutu Baku`).
An identity part starts a new SOP. A procedure part continues the current SOP (a table split across
pages, its header repeated or not) unless that SOP already has steps and the part starts again at step 1.

Each part is read into the SOP's ``Draft`` by its own module (``identity_sheet``, ``procedure_table``);
``finish`` then turns every draft into SOP data and its report.
"""

from __future__ import annotations

from collections.abc import Callable

from sopap.core.importers.draft import Draft, Extracted
from sopap.core.importers.finish import finish
from sopap.core.importers.identity_sheet import identity_from_paragraphs, identity_labels, read_identity
from sopap.core.importers.procedure_table import header_row, is_header, read_procedure
from sopap.core.importers.tables import Block, Paragraph, Table, is_column_number_row, step_number
from sopap.core.importers.text import clean


def split_parts(table: Table) -> list[tuple[str, Table]]:
    """A table cut into identity and procedure parts (several of each in a Buku kept in one sheet)."""
    parts: list[tuple[str, int]] = []
    mode = None
    for r in range(table.n_rows):
        labels = identity_labels(table, r)
        header = is_header(table, r)
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
        if kind == "identity" and sum(len(identity_labels(piece, r)) for r in range(piece.n_rows)) < 2:
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
                read_identity(part, current)
                if part.where not in current.where:
                    current.where.append(part.where)
                pending = []
            elif kind == "identity":
                labels = {f for r in range(part.n_rows) for f in identity_labels(part, r)}
                if (
                    current is not None
                    and current.identity
                    and not current.steps
                    and not labels & set(current.identity) & {"nama", "nomor"}
                ):
                    read_identity(part, current)  # the rest of the identity sheet, in a table of its own
                    pending = []
                    continue
                if current is not None and current.empty and not current.identity:
                    drafts.remove(current)
                current = Draft(heading=pending[-6:], where=[part.where])
                drafts.append(current)
                read_identity(part, current)
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
                    identity_from_paragraphs(pending, current)
                elif part.where not in current.where:
                    current.where.append(part.where)
                read_procedure(part, current)
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
                    read_procedure(part, current)
                elif current is not None:
                    current.trailing.extend(clean(x) for x in lines)
                pending.extend(clean(x) for x in lines)
    return [finish(d, source, i + 1) for i, d in enumerate(d for d in drafts if d.steps or d.identity)]


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
    header = header_row(table)
    start = (header or 0) + 1
    for r in range(start, table.n_rows):
        if is_column_number_row([c.text for c in table.row_cells(r)]):
            continue
        for cell in table.row_cells(r)[:2]:
            number = step_number(cell.text)
            if number is not None:
                return number
    return None
