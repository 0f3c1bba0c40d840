"""The fixed parts of a procedure page (:class:`Frame`: title, header, body, signature room) and the rows
put on pages (:func:`paginate`), with room for the off-page connectors of flows that cross a page break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopap.core.layout.blocks import (
    BODY,
    FOOTER_H,
    HEADER_FONT,
    LEADING,
    MARGIN,
    PAD_Y,
    SUBTITLE_SIZE,
    SYMBOL_CLEARANCE,
    TITLE_SIZE,
    WORDS,
)
from sopap.core.layout.offpage import BRANCH_DROP, OFFPAGE_DROP, offpage_room
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.pagination import PageSpec, Paginator
from sopap.core.layout.planning import (
    Branch,
    ColumnPlan,
    RowPlan,
    RowSlice,
    SymbolSizes,
    plan_columns,
    symbol_kind,
)
from sopap.core.layout.text import wrap

if TYPE_CHECKING:
    from sopap.core.model import SOP


@dataclass
class Frame:
    """The fixed parts of a procedure page, in points."""

    size: tuple[float, float]
    title_top: float
    title_lines: list[str]
    subtitle_lines: list[str]
    header_top: float
    header_edges: tuple[float, float, float]
    body_top: float
    body_bottom: float
    signature_h: float

    @property
    def body_h(self) -> float:
        return self.body_bottom - self.body_top


def plan_frame(sop: SOP, options: RenderOptions, content_w: float) -> tuple[Frame, list[ColumnPlan], float]:
    size = options.landscape
    words = WORDS(options.lang)
    title = f"{words['sop']} - {sop.nama.upper()}"
    title_lines = wrap(title, "bold", TITLE_SIZE, content_w)
    subtitle = sop.instansi + (f"  \u2022  {words['nomor']}: {sop.nomor}" if sop.nomor else "")
    subtitle_lines = wrap(subtitle, "regular", SUBTITLE_SIZE, content_w)
    title_top = MARGIN - 6
    header_top = (
        title_top + len(title_lines) * TITLE_SIZE * 1.25 + len(subtitle_lines) * SUBTITLE_SIZE * 1.3 + 8
    )
    columns = plan_columns(sop, content_w, options.lang)
    header_lines = 1
    for c in columns:
        lines = wrap(c.label, "bold", HEADER_FONT, c.width - 2 * 2.5)
        header_lines = max(header_lines, len(lines))
    group_h = HEADER_FONT * LEADING + 2 * PAD_Y
    sub_h = header_lines * HEADER_FONT * LEADING + 2 * PAD_Y
    edges = (header_top, header_top + group_h, header_top + group_h + sub_h)
    signature_h = 82.0 if sop.disahkan_oleh and (sop.disahkan_oleh.nama or sop.disahkan_oleh.jabatan) else 0.0
    frame = Frame(
        size=size,
        title_top=title_top,
        title_lines=title_lines,
        subtitle_lines=subtitle_lines,
        header_top=header_top,
        header_edges=edges,
        body_top=edges[2],
        body_bottom=size[1] - MARGIN - FOOTER_H + 6,
        signature_h=signature_h,
    )
    lane = next(c.width for c in columns if c.key == "actor")
    return frame, columns, lane


def paginate(
    sop: SOP,
    rows: list[RowPlan],
    frame: Frame,
    limit: int | None,
    sizes: SymbolSizes,
    lane_w: float,
    branches: list[Branch],
) -> list[list[RowSlice]]:
    """Rows onto pages, with room for an off-page connector below each step whose flow leaves its page
    and above each it arrives at. Pagination and that room depend on each other; room only grows, so
    repeating settles. Each round looks again only at the flows of rows whose page was made anew."""
    spec = PageSpec(frame.body_h, frame.signature_h, limit, PAD_Y, BODY, LEADING, SYMBOL_CLEARANCE)
    paginator = Paginator(rows, spec)
    edges = list(dict.fromkeys((b.source, b.target, b.kind) for b in branches))
    leaving: dict[int, list[int]] = {}
    arriving: dict[int, list[int]] = {}
    for source, target, _ in edges:
        leaving.setdefault(source, []).append(target)
        arriving.setdefault(target, []).append(source)
    grown: list[int] | None = None
    for _ in range(len(rows) + 2):
        fresh = paginator.update(grown)
        touched: set[int] = set()
        for page in fresh:
            for piece in page:
                if piece.part == 0:
                    step = piece.row.step
                    touched.add(step)
                    touched.update(leaving.get(step, ()))
                    touched.update(arriving.get(step, ()))
        grown = []
        for step in sorted(touched):
            home = paginator.home(step - 1)
            row = rows[step - 1]
            out = sum(1 for t in leaving.get(step, ()) if paginator.home(t - 1) is not home)
            if out:
                room = offpage_room(sizes, lane_w, out)
                if symbol_kind(sop, step) == "decision":
                    room += BRANCH_DROP - OFFPAGE_DROP
                if row.extra_below < room:
                    row.extra_below = room
                    grown.append(step - 1)
            arrive = sum(1 for s in arriving.get(step, ()) if paginator.home(s - 1) is not home)
            if arrive:
                room = offpage_room(sizes, lane_w, arrive)
                if row.extra_above < room:
                    row.extra_above = room
                    grown.append(step - 1)
        if not grown:
            break
    return paginator.pages
