"""The layout engine: SOP -> pages of geometry, measured first, then placed, then routed.

The procedure sheet (the identity sheet is :mod:`.identity`) is laid out in four passes:

1. columns: widths shared between text columns and actor lanes (narrow lanes for many actors);
2. rows: each step's text is wrapped in its column and measured; the row is as tall as its tallest cell
   (text is never shrunk below :data:`MIN_FONT`);
3. pages: rows are put on pages while they fit (and at most ``steps_per_page``); a flow that crosses a
   page break needs room for an off-page connector below its source and above its target, so pagination
   is repeated until that room is stable;
4. flowchart: one symbol per actor of each step, then connectors routed by :mod:`.routing`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from sopap.core import flow
from sopap.core.i18n import N_, Words
from sopap.core.layout import routing
from sopap.core.layout.geometry import (
    Align,
    Box,
    Column,
    ColumnKey,
    Connector,
    FontStyle,
    HeaderCell,
    Item,
    OffPageConnector,
    Page,
    ProcedureLayout,
    Rect,
    Row,
    Rule,
    Symbol,
    SymbolKind,
    TableGrid,
    TextBlock,
    TextLine,
)
from sopap.core.layout.options import RenderOptions
from sopap.core.layout.pagination import PageSpec, Paginator, Slice
from sopap.core.layout.text import ASCENT, DESCENT, text_width, wrap, wrap_items
from sopap.core.model import SOP, Simbol

MIN_FONT = 7.5
BODY = 8.0
HEADER_FONT = 7.5
LEADING = 1.22
PAD_X = 3.5
PAD_Y = 3.5
MARGIN = 28.0
MIN_ROW = 36.0
SYMBOL_CLEARANCE = 12.0
"""Room above and below a symbol: enough for a connector to turn and still end in a full arrowhead."""
GRID = "#000000"
SHADE = "#E6ECF2"
OUTER_RULE = 0.9
INNER_RULE = 0.45

WORDS = Words(
    {
        "no": N_("No"),
        "kegiatan": N_("Uraian Prosedur"),
        "pelaksana": N_("Pelaksana"),
        "mutu": N_("Mutu Baku"),
        "kelengkapan": N_("Kelengkapan"),
        "waktu": N_("Waktu"),
        "output": N_("Output"),
        "keterangan": N_("Ket."),
        "sop": N_("STANDAR OPERASIONAL PROSEDUR (SOP)"),
        "page": N_("Halaman {n} dari {total}"),
        "nomor": N_("Nomor"),
        "pembuatan": N_("Tanggal Pembuatan"),
        "revisi": N_("Tanggal Revisi"),
        "efektif": N_("Tanggal Efektif"),
        "disahkan": N_("Disahkan oleh"),
        "nama": N_("Nama SOP"),
        "dasar_hukum": N_("Dasar Hukum"),
        "kualifikasi": N_("Kualifikasi Pelaksana"),
        "keterkaitan": N_("Keterkaitan dengan SOP Lain"),
        "peralatan": N_("Peralatan / Perlengkapan"),
        "peringatan": N_("Peringatan"),
        "pencatatan": N_("Pencatatan dan Pendataan"),
        "logo": N_("LOGO"),
        "continued": N_("(lanjutan)"),
        "nip": N_("NIP."),
        "ya": N_("Ya"),
        "tidak": N_("Tidak"),
    }
)


# ------------------------------------------------------------------------------------------- text blocks


def _baseline(top: float, index: int, size: float) -> float:
    leading = size * LEADING
    return top + index * leading + (leading - size * (ASCENT + DESCENT)) / 2 + size * ASCENT


def text_block(
    rect: Rect,
    lines: list[tuple[str, float]],
    *,
    style: FontStyle = "regular",
    size: float = BODY,
    align: Align = "left",
    valign: str = "middle",
    role: str,
    paragraphs: tuple[str, ...] = (),
    bullet: bool = False,
    step: int | None = None,
    column: int | None = None,
    pad_x: float = PAD_X,
    pad_y: float = PAD_Y,
) -> TextBlock:
    """Place already-wrapped ``lines`` ((text, indent) pairs) in ``rect``."""
    leading = size * LEADING
    height = len(lines) * leading
    if valign == "top":
        top = rect.y + pad_y
    elif valign == "bottom":
        top = rect.bottom - pad_y - height
    else:
        top = rect.y + (rect.h - height) / 2
    placed = []
    for i, (text, indent) in enumerate(lines):
        width = text_width(text, style, size)
        if align == "center":
            x = rect.cx - width / 2
        elif align == "right":
            x = rect.right - pad_x - width
        else:
            x = rect.x + pad_x + indent
        placed.append(TextLine(text, x, _baseline(top, i, size), width))
    return TextBlock(rect, tuple(placed), style, size, leading, align, role, paragraphs, bullet, step, column)


def lines_height(count: int, size: float = BODY) -> float:
    return count * size * LEADING


# --------------------------------------------------------------------------------------------- columns


@dataclass
class _ColumnPlan:
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


def _plan_columns(sop: SOP, width: float, lang: str) -> list[_ColumnPlan]:
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
        _ColumnPlan("no", text_widths["no"], words["no"]),
        _ColumnPlan("kegiatan", text_widths["kegiatan"], words["kegiatan"]),
    ]
    plans += [_ColumnPlan("actor", lane, a, a) for a in actors]
    plans += [
        _ColumnPlan(key, text_widths[key], words[key])
        for key in ("kelengkapan", "waktu", "output", "keterangan")
    ]
    return plans


# ---------------------------------------------------------------------------------------- symbol sizes


@dataclass(frozen=True)
class _SymbolSizes:
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


def _symbol_sizes(lane: float, level: int = 0) -> _SymbolSizes:
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
    return _SymbolSizes(
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
class _RowPlan:
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


def _plan_rows(sop: SOP, columns: list[_ColumnPlan], sizes: _SymbolSizes) -> list[_RowPlan]:
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
        kind = _kind(sop, number)
        symbol_h = sizes.decision_h if kind == "decision" else sizes.process_h
        rows.append(_RowPlan(number, cells, text_h, symbol_h))
    return rows


def _kind(sop: SOP, number: int) -> SymbolKind:
    symbol = sop.symbol_of(number)
    if symbol == Simbol.KEPUTUSAN:
        return "decision"
    if symbol in (Simbol.MULAI, Simbol.SELESAI):
        return "terminator"
    return "process"


# ------------------------------------------------------------------------------------------ pagination


_Slice = Slice[_RowPlan]


@dataclass
class _Frame:
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


TITLE_SIZE = 11.0
SUBTITLE_SIZE = 8.5
FOOTER_H = 16.0


def _paginate(
    sop: SOP,
    rows: list[_RowPlan],
    frame: _Frame,
    limit: int | None,
    sizes: _SymbolSizes,
    lane_w: float,
    branches: list[_Branch],
) -> list[list[_Slice]]:
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
                room = _offpage_room(sizes, lane_w, out)
                if _kind(sop, step) == "decision":
                    room += BRANCH_DROP - OFFPAGE_DROP
                if row.extra_below < room:
                    row.extra_below = room
                    grown.append(step - 1)
            arrive = sum(1 for s in arriving.get(step, ()) if paginator.home(s - 1) is not home)
            if arrive:
                room = _offpage_room(sizes, lane_w, arrive)
                if row.extra_above < room:
                    row.extra_above = room
                    grown.append(step - 1)
        if not grown:
            break
    return paginator.pages


# ---------------------------------------------------------------------------------------- the sheet


@dataclass
class _Branch:
    source: int
    target: int  # a step number; a "selesai" branch points at the final terminator
    kind: str  # flow | ya | tidak
    end: bool = False  # the branch goes to the end of the procedure


def _branches(sop: SOP) -> list[_Branch]:
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
                out.append(_Branch(number, target, kind, end))
        else:
            for nxt in flow.successors(sop, number):
                if nxt != flow.END_NODE and nxt != number:
                    out.append(_Branch(number, nxt, "flow"))
    return out


def _frame(sop: SOP, options: RenderOptions, content_w: float) -> tuple[_Frame, list[_ColumnPlan], float]:
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
    columns = _plan_columns(sop, content_w, options.lang)
    header_lines = 1
    for c in columns:
        lines = wrap(c.label, "bold", HEADER_FONT, c.width - 2 * 2.5)
        header_lines = max(header_lines, len(lines))
    group_h = HEADER_FONT * LEADING + 2 * PAD_Y
    sub_h = header_lines * HEADER_FONT * LEADING + 2 * PAD_Y
    edges = (header_top, header_top + group_h, header_top + group_h + sub_h)
    signature_h = 82.0 if sop.disahkan_oleh and (sop.disahkan_oleh.nama or sop.disahkan_oleh.jabatan) else 0.0
    frame = _Frame(
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


def layout_procedure(
    sop: SOP, options: RenderOptions | None = None, *, continuous: bool = False, body_text: bool = True
) -> ProcedureLayout:
    """Lay out the procedure sheet (landscape): the table, one row per step, with the flowchart in it.

    ``continuous``: one page as tall as the table needs, never broken (the web editor's live view).
    ``body_text``: False leaves out the text blocks of the table's body (rows are measured all the same),
    for a view of the flowchart alone.
    """
    options = options or RenderOptions()
    page_w, _ = options.landscape
    content_w = page_w - 2 * MARGIN
    frame, plans, lane_w = _frame(sop, options, content_w)
    if continuous:
        options = RenderOptions(options.paper, None, options.lang)
        frame = replace(frame, body_bottom=1e9, signature_h=0.0)
    rows = _plan_rows(sop, plans, _symbol_sizes(lane_w))
    branches = _branches(sop)
    # Route; when a connector finds no free track, make room where it asked (taller gaps around its rows,
    # wider gutters) and lay the sheet out again. Rows only grow and symbols only shrink, so this ends;
    # the last attempt draws whatever is left as it can (never seen in the tests).
    level = 0
    attempts = 10
    for attempt in range(attempts):
        sizes = _symbol_sizes(lane_w, level)
        for row in rows:
            kind = _kind(sop, row.step)
            row.symbol_h = sizes.decision_h if kind == "decision" else sizes.process_h
            row.extra_above = row.extra_below = 0.0
        layout, failed = _attempt(
            sop,
            options,
            frame,
            plans,
            lane_w,
            sizes,
            rows,
            branches,
            continuous,
            force=attempt == attempts - 1,
            body_text=body_text,
        )
        if not failed:
            return layout
        for step_above, step_below in failed:
            rows[step_above - 1].pad_below += routing.TRACK * 2
            rows[step_below - 1].pad_above += routing.TRACK * 2
        if attempt % 2 == 1 and sizes.width > MIN_SYMBOL_W:
            level += 1
    return layout


def _attempt(
    sop: SOP,
    options: RenderOptions,
    frame: _Frame,
    plans: list[_ColumnPlan],
    lane_w: float,
    sizes: _SymbolSizes,
    rows: list[_RowPlan],
    branches: list[_Branch],
    continuous: bool,
    *,
    force: bool,
    body_text: bool = True,
) -> tuple[ProcedureLayout, list[tuple[int, int]]]:
    """One layout of the sheet; also the (upper step, lower step) pairs whose connector found no room."""
    content_w = options.landscape[0] - 2 * MARGIN
    pages = _paginate(sop, rows, frame, options.steps_per_page, sizes, lane_w, branches)
    page_of = {s.row.step: i for i, page in enumerate(pages) for s in page if s.part == 0}

    columns = _columns(plans)
    x0 = MARGIN
    if continuous:
        bottom = frame.body_top + sum(sl.height for sl in pages[0])
        height = bottom + MARGIN + FOOTER_H
        frame = replace(frame, size=(frame.size[0], height), body_bottom=bottom)
    grids: list[TableGrid] = []
    for slices in pages:
        y = frame.body_top
        placed_rows = []
        for sl in slices:
            placed_rows.append(Row(sl.row.step, y, y + sl.height, sl.part))
            y += sl.height
        grids.append(_grid(columns, frame, tuple(placed_rows), x0))

    symbols_by_page: list[list[Symbol]] = [[] for _ in pages]
    step_symbols: dict[int, list[Symbol]] = {}
    for index, (slices, grid) in enumerate(zip(pages, grids, strict=True)):
        for sl, row in zip(slices, grid.rows, strict=True):
            if sl.part != 0:
                continue
            syms = _step_symbols(sop, sl.row, row, grid, sizes)
            step_symbols[sl.row.step] = syms
            symbols_by_page[index].extend(syms)

    # Off-page connectors: labels in reading order of their first appearance.
    crossing = [b for b in branches if page_of.get(b.source) != page_of.get(b.target)]

    def first_seen(b: _Branch) -> tuple[int, float, int]:
        ps, pt = page_of[b.source], page_of[b.target]
        if ps <= pt:
            return (ps, step_symbols[b.source][0].rect.y, 0)
        return (pt, step_symbols[b.target][0].rect.y, 1)

    crossing.sort(key=first_seen)
    offpage: list[OffPageConnector] = []
    outs: dict[int, list[tuple[_Branch, str]]] = {}
    ins: dict[int, list[tuple[_Branch, str]]] = {}
    for i, b in enumerate(crossing):
        label = _letters(i)
        outs.setdefault(b.source, []).append((b, label))
        ins.setdefault(b.target, []).append((b, label))
    out_symbols: dict[tuple[int, int, str], Symbol] = {}
    in_symbols: dict[tuple[int, int, str], Symbol] = {}
    for step, items in outs.items():
        anchor = _nearest(step_symbols[step], step_symbols[items[0][0].target][0])
        for j, (b, label) in enumerate(items):
            cx, line = _offpage_slot(sizes, lane_w, j, len(items), anchor.rect.cx)
            drop = BRANCH_DROP if anchor.kind == "decision" else OFFPAGE_DROP
            top = anchor.rect.bottom + drop + line * (sizes.offpage_h + OFFPAGE_GAP)
            rect = Rect(cx - sizes.offpage_w / 2, top, sizes.offpage_w, sizes.offpage_h)
            sym = Symbol("offpage", rect, b.source, anchor.actor, label, MIN_FONT, "out")
            out_symbols[(b.source, b.target, b.kind)] = sym
            symbols_by_page[page_of[step]].append(sym)
    for step, items in ins.items():
        anchor = _nearest(step_symbols[step], step_symbols[items[0][0].source][0])
        for j, (b, label) in enumerate(items):
            cx, line = _offpage_slot(sizes, lane_w, j, len(items), anchor.rect.cx)
            top = anchor.rect.y - OFFPAGE_DROP - sizes.offpage_h - line * (sizes.offpage_h + OFFPAGE_GAP)
            rect = Rect(cx - sizes.offpage_w / 2, top, sizes.offpage_w, sizes.offpage_h)
            sym = Symbol("offpage", rect, b.target, anchor.actor, label, MIN_FONT, "in")
            in_symbols[(b.source, b.target, b.kind)] = sym
            symbols_by_page[page_of[step]].append(sym)
    for b in crossing:
        key = (b.source, b.target, b.kind)
        offpage.append(
            OffPageConnector(
                label=out_symbols[key].label,
                source=b.source,
                target=b.target,
                out_page=page_of[b.source],
                in_page=page_of[b.target],
                kind="flow" if b.kind == "flow" else b.kind,  # type: ignore[arg-type]
                out_symbol=out_symbols[key],
                in_symbol=in_symbols[key],
            )
        )

    # Routing, page by page.
    connectors_by_page: list[list[Connector]] = [[] for _ in pages]
    requests_by_page: list[list[routing.Request]] = [[] for _ in pages]
    for b in branches:
        ps, pt = page_of[b.source], page_of[b.target]
        branch_label = None if b.kind == "flow" else ("Ya" if b.kind == "ya" else "Tidak")
        kind = b.kind
        target_id = 0 if b.end else b.target
        if ps == pt:
            src_sym = _nearest(step_symbols[b.source], step_symbols[b.target][0])
            dst_sym = _nearest(step_symbols[b.target], src_sym)
            requests_by_page[ps].append(
                routing.Request(src_sym, dst_sym, kind, b.source, target_id, branch_label)
            )
        else:
            key = (b.source, b.target, b.kind)
            out_sym, in_sym = out_symbols[key], in_symbols[key]
            src_sym = _nearest(step_symbols[b.source], out_sym)
            requests_by_page[ps].append(
                routing.Request(src_sym, out_sym, kind, b.source, target_id, branch_label)
            )
            dst_sym = _nearest(step_symbols[b.target], in_sym)
            requests_by_page[pt].append(
                routing.Request(in_sym, dst_sym, "offpage", b.source, target_id, None)
            )
    failed: list[tuple[int, int]] = []
    for index, grid in enumerate(grids):
        joins = _joins(symbols_by_page[index])
        connectors_by_page[index], missing = routing.route_page_checked(
            grid, symbols_by_page[index], joins, requests_by_page[index], sizes.channel, force=force
        )
        for req in missing:
            ends = sorted((req.source, req.target), key=lambda s: s.rect.cy)
            failed.append((ends[0].step, ends[1].step))

    out_pages = []
    total = len(pages)
    for index, (slices, grid) in enumerate(zip(pages, grids, strict=True)):
        page_items = _procedure_page_items(sop, options, frame, grid, slices, index, total, body_text)
        page_items.extend(connectors_by_page[index])
        page_items.extend(symbols_by_page[index])
        if index == total - 1 and frame.signature_h:
            page_items.extend(_signature(sop, grid.bottom + 8, x0 + content_w, options.lang))
        out_pages.append(Page(frame.size, tuple(page_items), index + 1, "landscape"))
    return ProcedureLayout(tuple(out_pages), tuple(offpage), sop.nama, page_of), failed


OFFPAGE_GAP = 7.0
OFFPAGE_DROP = 11.0
"""Length of the line between a symbol and an off-page connector just above or below it."""
BRANCH_DROP = 15.0
"""The same below a decision: long enough for the branch's "Ya"/"Tidak" beside the line and clear of its
arrowhead (2.5 pt gap, the 8.6 pt label, 3.5 pt of arrowhead), where no other line comes near it."""


def _offpage_per_line(sizes: _SymbolSizes, lane_w: float) -> int:
    """Off-page connectors side by side in one line: as many as the symbol column holds (the gutters
    beside it stay free for the routing tracks)."""
    del lane_w
    return max(1, int((sizes.width + OFFPAGE_GAP) // (sizes.offpage_w + OFFPAGE_GAP)))


def _offpage_room(sizes: _SymbolSizes, lane_w: float, count: int) -> float:
    """Height for ``count`` off-page connectors beside a symbol: as many lines as the lane needs."""
    per_line = _offpage_per_line(sizes, lane_w)
    lines = -(-count // per_line)
    return sizes.offpage_room + (lines - 1) * (sizes.offpage_h + OFFPAGE_GAP)


def _offpage_slot(sizes: _SymbolSizes, lane_w: float, index: int, count: int, cx: float) -> tuple[float, int]:
    """Centre x and line of the ``index``-th of ``count`` off-page connectors, kept inside the lane."""
    per_line = _offpage_per_line(sizes, lane_w)
    line, column = divmod(index, per_line)
    in_line = min(per_line, count - line * per_line)
    return cx + (column - (in_line - 1) / 2) * (sizes.offpage_w + OFFPAGE_GAP), line


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _nearest(symbols: list[Symbol], other: Symbol | None) -> Symbol:
    """Of a joint step's symbols, the one closest to ``other`` (the first when there is none)."""
    if other is None or len(symbols) == 1:
        return symbols[0]
    return min(symbols, key=lambda s: (abs(s.rect.cx - other.rect.cx), s.rect.cx))


def _columns(plans: list[_ColumnPlan]) -> tuple[Column, ...]:
    x = MARGIN
    out = []
    for p in plans:
        lines = tuple(wrap(p.label, "bold", HEADER_FONT, p.width - 2 * 2.5))
        out.append(Column(p.key, x, x + p.width, p.label, lines, p.actor))
        x += p.width
    return tuple(out)


def _grid(columns: tuple[Column, ...], frame: _Frame, rows: tuple[Row, ...], x0: float) -> TableGrid:
    e0, e1, e2 = frame.header_edges
    cells = []
    lanes = [i for i, c in enumerate(columns) if c.key == "actor"]
    mutu = [i for i, c in enumerate(columns) if c.key in ("kelengkapan", "waktu", "output")]
    words_group = {"lanes": columns[lanes[0]], "mutu": columns[mutu[0]]}
    del words_group
    for i, c in enumerate(columns):
        if c.key in ("no", "kegiatan", "keterangan"):
            cells.append(HeaderCell(Rect(c.x0, e0, c.width, e2 - e0), c.label, i, i, 0))
        else:
            cells.append(HeaderCell(Rect(c.x0, e1, c.width, e2 - e1), c.label, i, i, 1))
    return TableGrid(x0, columns[-1].x1, columns, frame.header_edges, tuple(cells), rows)


def _group_cells(grid: TableGrid, lang: str) -> list[HeaderCell]:
    words = WORDS(lang)
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(grid.columns) if c.key in ("kelengkapan", "waktu", "output")]
    e0, e1, _ = grid.header_edges
    out = []
    for label, idx in ((words["pelaksana"], lanes), (words["mutu"], mutu)):
        a, b = grid.columns[idx[0]], grid.columns[idx[-1]]
        out.append(HeaderCell(Rect(a.x0, e0, b.x1 - a.x0, e1 - e0), label, idx[0], idx[-1], 0))
    return out


def _step_symbols(sop: SOP, plan: _RowPlan, row: Row, grid: TableGrid, sizes: _SymbolSizes) -> list[Symbol]:
    kind = _kind(sop, plan.step)
    inner_top = row.y0 + plan.above
    inner_bottom = row.y1 - plan.below
    cy = (inner_top + inner_bottom) / 2
    step = sop.langkah[plan.step - 1]
    actors = list(dict.fromkeys(step.pelaksana)) or [grid.columns[grid.lanes[0]].actor or "-"]
    out = []
    for actor in actors:
        lane = grid.lane_of(actor)
        if kind == "decision":
            w, h = sizes.decision_w, sizes.decision_h
        else:
            w, h = sizes.width, sizes.process_h
        rect = Rect(lane.cx - w / 2, cy - h / 2, w, h)
        label = str(plan.step)
        fits = text_width(label, "regular", sizes.label_size) < (
            w * (0.5 if kind == "decision" else 0.8)
        ) and (h >= sizes.label_size + 3)
        out.append(Symbol(kind, rect, plan.step, actor, label if fits else "", sizes.label_size))
    return out


def _joins(symbols: list[Symbol]) -> list[Connector]:
    by_step: dict[int, list[Symbol]] = {}
    for s in symbols:
        if s.kind != "offpage":
            by_step.setdefault(s.step, []).append(s)
    out = []
    for step, syms in by_step.items():
        syms.sort(key=lambda s: s.rect.cx)
        for a, b in itertools.pairwise(syms):
            y = a.rect.cy
            out.append(Connector(((a.rect.right, y), (b.rect.x, y)), "join", step, step, arrow=False))
    return out


def _procedure_page_items(
    sop: SOP,
    options: RenderOptions,
    frame: _Frame,
    grid: TableGrid,
    slices: list[_Slice],
    index: int,
    total: int,
    body_text: bool = True,
) -> list[Item]:
    words = WORDS(options.lang)
    page_w, page_h = frame.size
    content = Rect(MARGIN, 0, page_w - 2 * MARGIN, 0)
    items: list[Item] = []
    y = frame.title_top
    title_h = len(frame.title_lines) * TITLE_SIZE * 1.25
    items.append(
        text_block(
            Rect(content.x, y, content.w, title_h),
            [(t, 0.0) for t in frame.title_lines],
            style="bold",
            size=TITLE_SIZE,
            align="center",
            role="title",
            paragraphs=(sop.nama,),
            pad_y=0,
        )
    )
    y += title_h
    sub_h = len(frame.subtitle_lines) * SUBTITLE_SIZE * 1.3
    items.append(
        text_block(
            Rect(content.x, y, content.w, sub_h),
            [(t, 0.0) for t in frame.subtitle_lines],
            size=SUBTITLE_SIZE,
            align="center",
            role="subtitle",
            paragraphs=(sop.instansi,),
            pad_y=0,
        )
    )
    items.append(grid)
    e0, _e1, e2 = grid.header_edges
    items.append(Box(Rect(grid.x0, e0, grid.x1 - grid.x0, e2 - e0), SHADE, None, role="header-shade"))
    # Header texts.
    for cell in (*grid.header_cells, *_group_cells(grid, options.lang)):
        col = grid.columns[cell.first_column]
        if cell.first_column == cell.last_column:
            header_lines = list(col.label_lines)
        else:
            header_lines = wrap(cell.label, "bold", HEADER_FONT, cell.rect.w - 5)
        items.append(
            text_block(
                cell.rect,
                [(t, 0.0) for t in header_lines],
                style="bold",
                size=HEADER_FONT,
                align="center",
                role="header",
                paragraphs=(cell.label,),
                column=cell.first_column,
                pad_x=2.5,
            )
        )
    # Body texts.
    placed: list[tuple[_Slice, Row]] = list(zip(slices, grid.rows, strict=True)) if body_text else []
    for s, row in placed:
        for body in s.row.cells:
            col = grid.columns[body.column]
            end = None if s.line_count is None else s.first_line + s.line_count
            lines = body.lines[s.first_line : end]
            if s.part > 0 and body.role == "no":
                lines = []
            if not lines:
                continue
            rect = Rect(col.x0, row.y0, col.width, row.height)
            items.append(
                text_block(
                    rect,
                    lines,
                    align=body.align,
                    valign="top" if s.line_count else "middle",
                    role=body.role,
                    paragraphs=body.paragraphs,
                    bullet=body.bullet,
                    step=s.row.step,
                    column=body.column,
                )
            )
        if s.part > 0:
            col = grid.column("kegiatan")
            items.append(
                text_block(
                    Rect(col.x0, row.y0, col.width, row.height),
                    [(words["continued"], 0.0)],
                    style="italic",
                    size=MIN_FONT,
                    align="right",
                    valign="bottom",
                    role="continued",
                    step=s.row.step,
                    pad_y=2,
                )
            )
    items.extend(_grid_rules(grid))
    # Footer.
    footer_y = page_h - MARGIN - FOOTER_H + 10
    page_text = words["page"].format(n=index + 1, total=total)
    items.append(
        text_block(
            Rect(content.x, footer_y, content.w, FOOTER_H),
            [(page_text, 0.0)],
            size=MIN_FONT,
            align="right",
            role="page-number",
            pad_x=0,
            pad_y=0,
            valign="top",
        )
    )
    left = sop.nama if not sop.nomor else f"{sop.nomor} \u2014 {sop.nama}"
    left_lines = wrap(left, "regular", MIN_FONT, content.w * 0.7)[:1]
    items.append(
        text_block(
            Rect(content.x, footer_y, content.w * 0.7, FOOTER_H),
            [(t, 0.0) for t in left_lines],
            size=MIN_FONT,
            role="footer",
            pad_x=0,
            pad_y=0,
            valign="top",
        )
    )
    return items


def _grid_rules(grid: TableGrid) -> list[Rule]:
    e0, e1, e2 = grid.header_edges
    bottom = grid.bottom
    rules: list[Rule] = []
    lanes = list(grid.lanes)
    mutu = [i for i, c in enumerate(grid.columns) if c.key in ("kelengkapan", "waktu", "output")]
    spans = [
        (grid.columns[lanes[0]].x0, grid.columns[lanes[-1]].x1),
        (grid.columns[mutu[0]].x0, grid.columns[mutu[-1]].x1),
    ]
    # Horizontal: header separator under the groups, header bottom, row separators.
    for a, b in spans:
        rules.append(Rule((a, e1), (b, e1), INNER_RULE, GRID))
    rules.append(Rule((grid.x0, e2), (grid.x1, e2), OUTER_RULE * 0.8, GRID))
    for row in grid.rows[:-1]:
        rules.append(Rule((grid.x0, row.y1), (grid.x1, row.y1), INNER_RULE, GRID))
    # Vertical: column edges; inside a group they start below the group header.
    group_inner = {c.x0 for i, c in enumerate(grid.columns) if i in lanes[1:] or i in mutu[1:]}
    for c in grid.columns[1:]:
        top = e1 if c.x0 in group_inner else e0
        rules.append(Rule((c.x0, top), (c.x0, bottom), INNER_RULE, GRID))
    # The outer frame last, so it sits on top.
    for start, end in (
        ((grid.x0, e0), (grid.x1, e0)),
        ((grid.x0, bottom), (grid.x1, bottom)),
        ((grid.x0, e0), (grid.x0, bottom)),
        ((grid.x1, e0), (grid.x1, bottom)),
    ):
        rules.append(Rule(start, end, OUTER_RULE, GRID))
    return rules


def _signature(sop: SOP, top: float, right: float, lang: str) -> list[Item]:
    signer = sop.disahkan_oleh
    assert signer is not None
    width = 230.0
    x = right - width
    items: list[Item] = []
    jabatan = wrap((signer.jabatan or "").upper(), "regular", BODY, width)
    y = top
    if jabatan:
        h = lines_height(len(jabatan))
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(t, 0.0) for t in jabatan],
                align="center",
                role="signature",
                pad_y=0,
                pad_x=0,
            )
        )
        y += h
    y += 30
    if signer.nama:
        h = lines_height(1)
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(signer.nama.partition(",")[0].upper() + "".join(signer.nama.partition(",")[1:]), 0.0)],
                style="bold",
                align="center",
                role="signature-name",
                pad_y=0,
                pad_x=0,
            )
        )
        y += h
    if signer.nip:
        h = lines_height(1)
        items.append(
            text_block(
                Rect(x, y, width, h),
                [(f"{WORDS(lang)['nip']} {signer.nip}", 0.0)],
                align="center",
                role="signature",
                pad_y=0,
                pad_x=0,
            )
        )
    return items
