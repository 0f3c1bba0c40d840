"""What the procedure sheet is made of, measured before anything is placed: the table's columns (widths
shared between the text columns and the actor lanes), the flowchart's symbol sizes for a lane width, one
row per step (its text wrapped in its columns) and the flows between the steps (:class:`Branch`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopap.core import flow
from sopap.core.layout import routing
from sopap.core.layout.blocks import (
    BODY,
    MIN_FONT,
    MIN_ROW,
    PAD_X,
    PAD_Y,
    SYMBOL_CLEARANCE,
    WORDS,
    lines_height,
)
from sopap.core.layout.geometry import Align, ColumnKey, SymbolKind
from sopap.core.layout.pagination import Slice
from sopap.core.layout.text import wrap_items
from sopap.core.vocabulary import Simbol

if TYPE_CHECKING:
    from sopap.core.model import SOP

# --------------------------------------------------------------------------------------------- columns


@dataclass
class ColumnPlan:
    key: ColumnKey
    width: float
    label: str
    actor: str | None = None


def _actors(sop: SOP) -> list[str]:
    return sop.lane_actors or ["-"]


# Preferred and minimum widths of the text columns, in points.
_TEXT_COLUMNS: list[tuple[ColumnKey, float, float]] = [
    ("no", 22, 20),
    ("kegiatan", 185, 118),
    ("kelengkapan", 120, 82),
    ("waktu", 50, 40),
    ("output", 112, 78),
    ("keterangan", 60, 40),
]

LANE_MAX = 96.0

LANE_PREFERRED = 62.0


def plan_columns(sop: SOP, width: float, lang: str) -> list[ColumnPlan]:
    words = WORDS(lang)
    actors = _actors(sop)
    n = len(actors)
    preferred = sum(p for _, p, _ in _TEXT_COLUMNS)
    minimum = sum(m for _, _, m in _TEXT_COLUMNS)
    lanes_total = width - preferred
    scale = 1.0
    if lanes_total / n < LANE_PREFERRED:
        # Many actors: give lanes room by narrowing the text columns towards their minimum.
        need = LANE_PREFERRED * n - lanes_total
        room = preferred - minimum
        scale = max(0.0, 1 - need / room) if room > 0 else 0.0
    text_widths = {key: m + (p - m) * scale for key, p, m in _TEXT_COLUMNS}
    lanes_total = width - sum(text_widths.values())
    lane = lanes_total / n
    if lane > LANE_MAX:
        # Few actors: lanes stop growing; the text columns share the rest.
        extra = (lane - LANE_MAX) * n
        lane = LANE_MAX
        for key, share in (("kegiatan", 0.45), ("kelengkapan", 0.25), ("output", 0.2), ("keterangan", 0.1)):
            text_widths[key] += extra * share  # type: ignore[index]
    plans = [
        ColumnPlan("no", text_widths["no"], words["no"]),
        ColumnPlan("kegiatan", text_widths["kegiatan"], words["kegiatan"]),
    ]
    plans += [ColumnPlan("actor", lane, a, a) for a in actors]
    plans += [
        ColumnPlan(key, text_widths[key], words[key])
        for key in ("kelengkapan", "waktu", "output", "keterangan")
    ]
    return plans


# ---------------------------------------------------------------------------------------- symbol sizes


@dataclass(frozen=True)
class SymbolSizes:
    width: float
    process_h: float
    decision_w: float
    decision_h: float
    offpage_w: float
    offpage_h: float
    label_size: float
    channel: float

    @property
    def offpage_room(self) -> float:
        """Height a row needs above or below its symbol to hold an off-page connector and its arrow."""
        return self.offpage_h + 12


MIN_SYMBOL_W = 14.0


def symbol_sizes(lane: float, level: int = 0) -> SymbolSizes:
    """Symbol sizes for lanes ``lane`` wide. The gutters beside the symbol column hold the vertical tracks
    of returns and long jumps (:mod:`.routing`): at least one track a side (two in lanes of 52 pt or more),
    and ``level`` more when the router asked for room; symbols shrink to make it, never below
    :data:`MIN_SYMBOL_W`.
    """
    tracks = (2 if lane >= 52 else 1) + level
    gutter = routing.GRID_CLEAR + (tracks - 1) * routing.TRACK + routing.SYM_CLEAR + 0.5
    channel = max(min(16.0, lane * 0.17), gutter)
    width = max(MIN_SYMBOL_W, min(66.0, lane - 2 * channel))
    process_h = min(22.0, max(12.0, width * 0.4))
    decision_h = min(30.0, max(16.0, width * 0.55))
    offpage_w = min(16.0, max(11.0, width * 0.32))
    return SymbolSizes(
        width=width,
        process_h=process_h,
        decision_w=width,
        decision_h=decision_h,
        offpage_w=offpage_w,
        offpage_h=offpage_w * 1.05,
        label_size=MIN_FONT,
        channel=(lane - width) / 2,
    )


# ------------------------------------------------------------------------------------------------ rows


@dataclass
class _Cell:
    column: int
    lines: list[tuple[str, float]]
    paragraphs: tuple[str, ...]
    bullet: bool
    align: Align
    role: str


@dataclass
class RowPlan:
    step: int
    cells: list[_Cell]
    text_h: float
    symbol_h: float
    extra_above: float = 0.0
    extra_below: float = 0.0
    pad_above: float = 0.0
    """Room the router asked for above the symbol (more horizontal tracks), on top of ``extra_above``."""
    pad_below: float = 0.0

    @property
    def base(self) -> float:
        return max(MIN_ROW, self.text_h + 2 * PAD_Y, self.symbol_h + 2 * SYMBOL_CLEARANCE)

    @property
    def above(self) -> float:
        return self.extra_above + self.pad_above

    @property
    def below(self) -> float:
        return self.extra_below + self.pad_below

    @property
    def height(self) -> float:
        return self.base + self.above + self.below

    @property
    def line_count(self) -> int:
        return max(len(c.lines) for c in self.cells)


RowSlice = Slice[RowPlan]
"""The part of a step's row that one page holds."""


def plan_rows(sop: SOP, columns: list[ColumnPlan], sizes: SymbolSizes) -> list[RowPlan]:
    index: dict[str, int] = {c.key: i for i, c in enumerate(columns) if c.key != "actor"}
    rows = []
    for number, step in enumerate(sop.langkah, start=1):
        cells: list[_Cell] = []

        def add(
            key: ColumnKey,
            items: list[str],
            align: Align = "left",
            bullets: bool | None = None,
            cells: list[_Cell] = cells,
        ) -> None:
            if not items:
                return
            col = index[key]
            inner = columns[col].width - 2 * PAD_X
            use_bullets = len(items) > 1 if bullets is None else bullets
            lines = wrap_items(items, "regular", BODY, inner, bullets=use_bullets)
            cells.append(_Cell(col, lines, tuple(items), use_bullets, align, key))

        add("no", [f"{number}."], "center", False)
        add("kegiatan", [step.kegiatan], bullets=False)
        add("kelengkapan", list(step.kelengkapan))
        add("waktu", [step.waktu] if step.waktu else [], "center", False)
        add("output", list(step.output))
        add("keterangan", [step.keterangan] if step.keterangan else [], bullets=False)
        text_h = max((lines_height(len(c.lines)) for c in cells), default=0.0)
        kind = symbol_kind(sop, number)
        symbol_h = sizes.decision_h if kind == "decision" else sizes.process_h
        rows.append(RowPlan(number, cells, text_h, symbol_h))
    return rows


def symbol_kind(sop: SOP, number: int) -> SymbolKind:
    symbol = sop.symbol_of(number)
    if symbol == Simbol.KEPUTUSAN:
        return "decision"
    if symbol in (Simbol.MULAI, Simbol.SELESAI):
        return "terminator"
    return "process"


# ---------------------------------------------------------------------------------------------- flows


@dataclass
class Branch:
    source: int
    target: int  # a step number; a "selesai" branch points at the final terminator
    kind: str  # flow | ya | tidak
    end: bool = False  # the branch goes to the end of the procedure


def plan_branches(sop: SOP) -> list[Branch]:
    count = len(sop.langkah)
    final = next((n for n in range(count, 0, -1) if sop.symbol_of(n) == Simbol.SELESAI), count)
    out = []
    for number, step in enumerate(sop.langkah, start=1):
        if step.keputusan is not None:
            for kind, value in (("ya", step.keputusan.ya), ("tidak", step.keputusan.tidak)):
                target = flow._target(value, count)
                if target is None:
                    continue
                end = target == flow.END_NODE
                if end:
                    target = final
                if target == number:
                    continue
                out.append(Branch(number, target, kind, end))
        else:
            for nxt in flow.successors(sop, number):
                if nxt != flow.END_NODE and nxt != number:
                    out.append(Branch(number, nxt, "flow"))
    return out
