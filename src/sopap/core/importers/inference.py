"""Who does each step: the rows of the procedure table and the evidence from shapes, symbols and words.

Evidence is ranked, and the strongest available decides, per step:

1. ``shape``: a flowchart shape (terminator, process, decision) whose centre lies in the step's row and an
   actor's column (a shape wide enough to cover several actor columns marks a joint step);
2. ``symbol``: a box-like character (□ ◇ ○ ■ ◆ ●) typed in an actor cell of the step's row;
3. ``column``: a textual Pelaksana column (one cell naming the actor);
4. ``text``: the step's text names exactly one actor, preferably as its subject ("Kepala Dinas menandatangani").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopap.core.importers.tables import RASTER, Shape, ShapeKind, Table
from sopap.core.importers.text import normal_key

BOX_SYMBOLS = set("□■▭▯◻◼⬜⬛▢▣")
DECISION_SYMBOLS = set("◇◆⬦⬥⟡◊")
TERMINATOR_SYMBOLS = set("○●◯⬭⬬⊂⊃")
ALL_SYMBOLS = BOX_SYMBOLS | DECISION_SYMBOLS | TERMINATOR_SYMBOLS
STEP_KINDS = frozenset({ShapeKind.TERMINATOR, ShapeKind.PROCESS, ShapeKind.DECISION})


@dataclass
class StepRow:
    """One step as read from the procedure table, before inference."""

    table: Table
    rows: range
    number: int | None
    kegiatan: str
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str | None = None
    output: list[str] = field(default_factory=list)
    keterangan: str | None = None
    actor_cells: dict[int, list[str]] = field(default_factory=dict)  # actor column -> paragraphs
    actor_columns: dict[int, str] = field(default_factory=dict)  # actor column -> actor name
    pelaksana_text: list[str] = field(default_factory=list)


@dataclass
class StepActors:
    names: list[str]
    how: str  # shape | picture | symbol | column | text | missing
    decision: bool = False


def _shape_columns(table: Table, shape: Shape, actor_cols: set[int]) -> list[int]:
    bounds = table.col_bounds
    if len(bounds) < 2:
        return [shape.col] if shape.col in actor_cols else []
    covered = []
    for col in sorted(actor_cols):
        if col + 1 >= len(bounds):
            continue
        left, right = bounds[col], bounds[col + 1]
        overlap = max(0.0, min(right, shape.x1) - max(left, shape.x0))
        if right > left and overlap / (right - left) >= 0.6:
            covered.append(col)
    if len(covered) >= 2:
        return covered
    centre = table.column_at(shape.cx)
    return [centre] if centre is not None and centre in actor_cols else []


def shape_row(table: Table, shape: Shape) -> int | None:
    """The grid row a shape's vertical centre falls in (its anchor row when the geometry is unknown)."""
    if shape.how.endswith("+row") or len(table.row_bounds) < 2:
        return shape.row
    row = table.row_at(shape.cy)
    return row if row is not None else shape.row


def step_index(steps: list[StepRow], table: Table, row: int | None) -> int | None:
    if row is None:
        return None
    for index, step in enumerate(steps):
        if step.table is table and row in step.rows:
            return index
    return None


def infer_actors(steps: list[StepRow], actors: list[str]) -> list[StepActors]:
    """The actors of each step with the evidence that decided."""
    by_step: dict[int, list[tuple[int, Shape]]] = {}
    tables: list[Table] = []
    for step in steps:
        if all(step.table is not t for t in tables):
            tables.append(step.table)
    for table in tables:
        actor_cols = {c for s in steps if s.table is table for c in s.actor_columns}
        for shape in table.shapes:
            if shape.kind not in STEP_KINDS:
                continue
            index = step_index(steps, table, shape_row(table, shape))
            if index is None:
                continue
            for col in _shape_columns(table, shape, actor_cols):
                by_step.setdefault(index, []).append((col, shape))
    results: list[StepActors] = []
    for index, step in enumerate(steps):
        found = by_step.get(index, [])
        if found:
            names = _ordered_names(
                [step.actor_columns[c] for c, _ in found if c in step.actor_columns], actors
            )
            decision = any(s.kind == ShapeKind.DECISION for _, s in found)
            # Symbols seen only in the pixels of a pasted picture: the report says the actors came from it.
            how = "picture" if all(s.how == RASTER for _, s in found) else "shape"
            results.append(StepActors(names, how, decision))
            continue
        symbol_cols = [
            c for c, texts in step.actor_cells.items() if any(ch in ALL_SYMBOLS for ch in "".join(texts))
        ]
        if symbol_cols:
            names = _ordered_names([step.actor_columns[c] for c in symbol_cols], actors)
            decision = any(ch in DECISION_SYMBOLS for c in symbol_cols for ch in "".join(step.actor_cells[c]))
            results.append(StepActors(names, "symbol", decision))
            continue
        if step.pelaksana_text:
            results.append(StepActors(list(dict.fromkeys(step.pelaksana_text)), "column"))
            continue
        mentioned = mentioned_actors(step.kegiatan, actors)
        results.append(
            StepActors(_ordered_names(mentioned, actors), "text") if mentioned else StepActors([], "missing")
        )
    return results


def _ordered_names(names: list[str], actors: list[str]) -> list[str]:
    unique = list(dict.fromkeys(names))
    return sorted(unique, key=lambda n: actors.index(n) if n in actors else len(actors))


def _forms(name: str) -> list[str]:
    key = normal_key(name)
    forms = {
        key,
        key.replace("kasubbag", "kasubag"),
        key.replace("kasubag", "kasubbag"),
        key.replace("kepala ", "kep "),
        key.replace("sub bagian", "subbag"),
    }
    return [f for f in forms if f]


def mentioned_actor(text: str, actors: list[str]) -> str | None:
    """The actor a step's text names: the one it starts with, else the only one it mentions."""
    key = " " + normal_key(text) + " "
    starts: list[tuple[int, str]] = []
    anywhere: set[str] = set()
    for actor in actors:
        for form in _forms(actor):
            position = key.find(" " + form + " ")
            if position < 0:
                continue
            anywhere.add(actor)
            if position <= 1:
                starts.append((len(form), actor))
    if starts:
        return max(starts)[1]
    if len(anywhere) == 1:
        return next(iter(anywhere))
    return None


def mentioned_actors(text: str, actors: list[str]) -> list[str]:
    """The subject of a step's text, which may name several actors: "Operator dan Verifikator memeriksa"."""
    first = mentioned_actor(text, actors)
    if first is None:
        return []
    names = [first]
    rest = " " + normal_key(text) + " "
    rest = rest[rest.find(" " + normal_key(first) + " ") + len(normal_key(first)) + 1 :]
    while True:
        match = re.match(r"^\s*(dan|bersama|serta|,)?\s*", rest)
        tail = rest[match.end() :] if match else rest
        nxt = next(
            (
                a
                for a in actors
                if a not in names and any((" " + tail).startswith(" " + f + " ") for f in _forms(a))
            ),
            None,
        )
        if nxt is None or not match or not match.group(1):
            return names
        names.append(nxt)
        form = next(f for f in _forms(nxt) if (" " + tail).startswith(" " + f + " "))
        rest = " " + tail[len(form) :]
