"""Which steps are decisions and where their branches go: evidence from shapes, connectors and marks.

A diamond shape or ``◇`` makes a step a decision; its branches come from the connectors leaving the
diamond (followed segment by segment where one ends and the next starts, never into a line they only
touch or cross, to the symbol at the arrowhead, and through an off-page connector to the one with the
same letter on another page), each named by the "Ya"/"Tidak" text box beside it near the diamond; else
from `Y`/`T` marks (text boxes or typed letters) in the target rows as the seeds draw them; else the
usual reading (ya: the next step, tidak: the previous one), said so in the report. An off-page
connector's letter is never a mark, whatever it is ("T", "N", "Y").

The steps and who does them come from :mod:`sopap.core.importers.inference`.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from sopap.core.importers.inference import STEP_KINDS, StepActors, StepRow, shape_row, step_index
from sopap.core.importers.tables import Shape, ShapeKind, Table
from sopap.core.importers.text import clean, normal_key

_YES = {"y", "ya", "yes"}
_NO = {"t", "tidak", "tdk", "no", "n"}
Point = tuple[float, float]


@dataclass
class Branches:
    ya: int | str
    tidak: int | str
    how: str  # marks | connectors | default | marks-only


def _mark_kind(text: str) -> str | None:
    word = normal_key(text)
    if word in _YES:
        return "ya"
    if word in _NO:
        return "tidak"
    return None


@dataclass
class _Mark:
    kind: str  # ya | tidak
    step: int
    shape: Shape | None = None


def _marks(steps: list[StepRow]) -> list[_Mark]:
    marks: list[_Mark] = []
    seen_tables: list[Table] = []
    for index, step in enumerate(steps):
        for texts in step.actor_cells.values():
            for text in texts:
                kind = _mark_kind(text)
                if kind and clean(text):
                    marks.append(_Mark(kind, index))
        if all(step.table is not t for t in seen_tables):
            seen_tables.append(step.table)
    for table in seen_tables:
        for shape in table.shapes:
            if shape.kind != ShapeKind.LABEL or _on_offpage(shape, table):
                continue
            kind = _mark_kind(shape.text)
            found = step_index(steps, table, shape_row(table, shape))
            if kind and found is not None:
                marks.append(_Mark(kind, found, shape))
    return marks


def infer_decisions(steps: list[StepRow], actors: list[StepActors]) -> dict[int, Branches]:
    """Branches of each decision step (0-based index -> targets as 1-based step numbers or `selesai`)."""
    marks = _marks(steps)
    decisions = [i for i, a in enumerate(actors) if a.decision]
    if not decisions:
        yes_rows = [m.step for m in marks if m.kind == "ya"]
        no_rows = [m.step for m in marks if m.kind == "tidak"]
        if yes_rows and no_rows:
            # No diamond drawn, only the letters: the decision sits just before its "ya" branch.
            for yes in yes_rows:
                candidate = yes - 1
                if candidate in no_rows:
                    nearest_no = min(no_rows, key=lambda n: abs(n - yes))
                    candidate = min(yes, nearest_no) - 1
                if candidate >= 0 and candidate not in no_rows and candidate not in decisions:
                    decisions.append(candidate)
            for index in decisions:
                actors[index].decision = True
    out: dict[int, Branches] = {}
    used: set[int] = set()
    for index in decisions:
        # Lines drawn from the diamond are the most direct evidence; the marks come next.
        via = _connector_targets(steps, index)
        if via is not None:
            out[index] = via
            continue
        ya = _nearest(marks, "ya", index, used, prefer_after=True)
        tidak = _nearest(marks, "tidak", index, used, prefer_after=False)
        if ya is not None and tidak is not None:
            out[index] = Branches(ya + 1, tidak + 1, "marks")
            continue
        next_step: int | str = index + 2 if index + 1 < len(steps) else "selesai"
        previous: int | str = index if index >= 1 else "selesai"
        if ya is not None:
            # A "ya" mark but no "tidak" mark in any row: the tidak branch leaves the table, to the end.
            out[index] = Branches(ya + 1, "selesai", "marks-end")
        elif tidak is not None:
            out[index] = Branches(next_step, tidak + 1, "marks-partial")
        else:
            out[index] = Branches(next_step, previous, "default")
    return out


def _nearest(marks: list[_Mark], kind: str, index: int, used: set[int], *, prefer_after: bool) -> int | None:
    candidates = [(i, m) for i, m in enumerate(marks) if m.kind == kind and m.step != index and i not in used]
    if not candidates:
        return None

    def rank(item: tuple[int, _Mark]) -> tuple[int, int]:
        step = item[1].step
        on_side = (step > index) if prefer_after else (step < index)
        return (abs(step - index) + (0 if on_side else 1), 0 if on_side else 1)

    position, mark = min(candidates, key=rank)
    used.add(position)
    return mark.step


def _distance(point: tuple[float, float], shape: Shape) -> float:
    """How far a point is from a drawn shape: from its box, or from its rhombus for a decision (whose box
    corners are blank paper a passing line may cross)."""
    x, y = point
    dx = max(shape.x0 - x, 0.0, x - shape.x1)
    dy = max(shape.y0 - y, 0.0, y - shape.y1)
    box = math.hypot(dx, dy)
    if shape.kind != ShapeKind.DECISION or shape.x1 <= shape.x0 or shape.y1 <= shape.y0:
        return box
    hw, hh = (shape.x1 - shape.x0) / 2, (shape.y1 - shape.y0) / 2
    ax, ay = abs(x - shape.cx), abs(y - shape.cy)
    if ax / hw + ay / hh <= 1.0:
        return 0.0
    return max(box, _segment_distance(ax, ay, (hw, 0.0), (0.0, hh)))


def _near(point: tuple[float, float], shape: Shape, tolerance: float) -> bool:
    x, y = point
    dx = max(shape.x0 - x, 0.0, x - shape.x1)
    dy = max(shape.y0 - y, 0.0, y - shape.y1)
    return math.hypot(dx, dy) <= tolerance


def _connector_targets(steps: list[StepRow], index: int) -> Branches | None:
    """Follow the lines leaving the diamond (chains of segments drawn end to start, through elbows, and
    through an off-page connector to its partner on another page) to the symbols they reach."""
    table = steps[index].table
    diamonds = [
        s
        for s in table.shapes
        if s.kind == ShapeKind.DECISION and step_index(steps, table, shape_row(table, s)) == index
    ]
    if not diamonds:
        return None
    # A joint decision has one diamond per actor; its branches may leave any of them.
    tolerance = max(max(25000.0, 0.12 * math.hypot(d.x1 - d.x0, d.y1 - d.y0)) for d in diamonds)
    walker = _Walker(steps, tolerance)
    linked = _linked_targets(steps, index, diamonds, walker, tolerance)
    if linked is not None:
        return linked
    connectors = walker.connectors(table)
    arrows = any(c.arrow for c in connectors)
    paths: list[tuple[int, list[Point]]] = []
    for connector in connectors:
        leaving = walker.leaves(table, connector, diamonds)
        if leaving is None:
            continue
        diamond, entered_at_start = leaving
        point = connector.end if entered_at_start else connector.start
        assert point is not None
        arrow_in = connector.arrow in ("both", "start" if entered_at_start else "end")
        arrow_out = connector.arrow in ("both", "end" if entered_at_start else "start")
        if arrow_in and not arrow_out:
            continue  # its arrowhead points at the diamond: a flow coming in, not a branch going out
        path = [connector]
        target, arrow_out = walker.walk(table, point, path, arrow_out, exclude=diamond)
        if target is None or target == index:
            continue
        if arrows and not arrow_out:
            continue  # where lines carry arrowheads, a line without one is no branch (an incoming flow)
        if target == len(steps) - 1 and any(_TO_END.search(c.alt) for c in path):
            # Drawn to the final terminator, as "selesai" is; only the line's alternative text says
            # whether it means "go to the end" rather than "go to the last step".
            target = _END
        # Only the way on the diamond's own page can be measured against its Ya/Tidak labels.
        start = connector.start if entered_at_start else connector.end
        assert start is not None
        on_page = list(itertools.takewhile(lambda c: any(c is t for t in table.shapes), path))
        paths.append((target, _polyline(start, on_page)))
    unique = list(dict.fromkeys(t for t, _ in paths))
    if len(unique) != 2:
        return None
    return _two_branches(table, paths, unique, index, tolerance, "connectors")


def _linked_targets(
    steps: list[StepRow], index: int, diamonds: list[Shape], walker: _Walker, tolerance: float
) -> Branches | None:
    """Branches from connectors glued to the diamond (`stCxn`/`endCxn`): the drawing itself says which
    shape each line leaves and reaches, whatever its geometry. A line glued at its start leaves the
    diamond (unless its arrowhead says otherwise); one glued at its end comes in. A loose far end is
    walked as a drawn line."""
    table = steps[index].table
    ids = {d.ident: d for d in diamonds if d.ident}
    if not ids:
        return None
    by_id = {s.ident: s for s in table.shapes if s.ident and s.kind != ShapeKind.CONNECTOR}
    paths: list[tuple[int, list[Point]]] = []
    for connector in walker.connectors(table):
        assert connector.start is not None and connector.end is not None
        if connector.start_link in ids and connector.arrow != "start":
            diamond, origin, point, far = (
                ids[connector.start_link],
                connector.start,
                connector.end,
                connector.end_link,
            )
        elif connector.end_link in ids and connector.arrow == "start":
            diamond, origin, point, far = (
                ids[connector.end_link],
                connector.end,
                connector.start,
                connector.start_link,
            )
        else:
            continue
        reached = by_id.get(far)
        target: int | None
        if reached is not None and reached.kind in STEP_KINDS:
            target = step_index(steps, table, shape_row(table, reached))
        elif reached is not None and reached.kind == ShapeKind.OFFPAGE:
            partner = walker.partner(reached, table)
            target = _through_offpage(steps, walker, partner) if partner is not None else None
        else:
            target, _ = walker.walk(table, point, [connector], True, exclude=diamond)
        if target is None or target == index:
            continue
        way = _polyline(origin, [connector])
        if _distance(origin, diamond) > tolerance:
            # The line's geometry was left behind when the shapes moved; the side of the diamond it is
            # glued to is what shows where it leaves, so its labels are measured from there.
            way = _site_way(diamond, connector.start_site if origin is connector.start else None)
        paths.append((target, way))
    unique = list(dict.fromkeys(t for t, _ in paths))
    if len(unique) == 1:
        return _one_branch(table, steps, index, unique[0], paths[0][1], tolerance, "linked")
    if len(unique) != 2:
        return None
    return _two_branches(table, paths, unique, index, tolerance, "linked")


def _two_branches(
    table: Table,
    paths: list[tuple[int, list[Point]]],
    unique: list[int],
    index: int,
    tolerance: float,
    how: str,
) -> Branches:
    """Ya and Tidak among a diamond's two ways out: by their labels, else the way to the next step is Ya
    (where the reader's eye goes on)."""
    ya, tidak = _assign_labels(table, paths, unique, tolerance)
    if ya is None and tidak is None:
        ya = index + 1 if index + 1 in unique else unique[0]
    if ya is None:
        ya = next(t for t in unique if t != tidak)
    if tidak is None:
        tidak = next(t for t in unique if t != ya)
    return Branches(_number(ya), _number(tidak), how)


def _one_branch(
    table: Table, steps: list[StepRow], index: int, only: int, way: list[Point], tolerance: float, how: str
) -> Branches:
    """One line glued to the diamond: the other branch leaves the drawing. A "Tidak" line has its "Ya"
    going on to the next step; otherwise the line is the "Ya" and "Tidak" goes to the end."""
    label = _nearest_label(table, way, tolerance)
    if label == "tidak":
        return Branches(index + 2 if index + 1 < len(steps) else "selesai", _number(only), how)
    return Branches(_number(only), "selesai", how)


_SITES = {0: (0.0, -1.0), 1: (-1.0, 0.0), 2: (0.0, 1.0), 3: (1.0, 0.0)}  # top, left, bottom, right


def _site_way(shape: Shape, site: int | None) -> list[Point]:
    """A short way out of ``shape`` from its connection site ``site`` (Office numbers the four sites of
    a box or diamond top, left, bottom, right)."""
    dx, dy = _SITES.get(site if site is not None else 2, (0.0, 1.0))
    hw, hh = (shape.x1 - shape.x0) / 2, (shape.y1 - shape.y0) / 2
    start = (shape.cx + dx * hw, shape.cy + dy * hh)
    reach = 2 * max(hw, hh)
    return [start, (start[0] + dx * reach, start[1] + dy * reach)]


def _nearest_label(table: Table, way: list[Point], tolerance: float) -> str | None:
    found = [
        (_label_distance(shape, way)[0], kind)
        for shape in table.shapes
        if shape.kind == ShapeKind.LABEL
        and not _on_offpage(shape, table)
        and (kind := _mark_kind(shape.text)) is not None
        and _label_distance(shape, way)[1] < 6 * tolerance
    ]
    return min(found)[1] if found else None


def _through_offpage(steps: list[StepRow], walker: _Walker, partner: tuple[Table, Shape]) -> int | None:
    """The step an "in" off-page connector leads to: along the line glued to it, else the box below."""
    table, offpage = partner
    by_id = {s.ident: s for s in table.shapes if s.ident}
    for connector in walker.connectors(table):
        if offpage.ident and connector.start_link == offpage.ident:
            reached = by_id.get(connector.end_link)
            if reached is not None and reached.kind in STEP_KINDS:
                return step_index(steps, table, shape_row(table, reached))
    return walker.below(table, offpage)


_END = -1  # a branch to the end of the procedure (`selesai`), among 0-based step indexes
_TO_END = re.compile(r"(→|->)\s*(selesai|end)$", re.IGNORECASE)


def _number(target: int) -> int | str:
    return "selesai" if target == _END else target + 1


def _assign_labels(
    table: Table, paths: list[tuple[int, list[Point]]], targets: list[int], tolerance: float
) -> tuple[int | None, int | None]:
    """Which branch the "Ya" and which the "Tidak" text box stands beside. A label is written beside its
    branch near the decision, so it is measured against each branch's way from the diamond: how close
    its box comes to the line, plus a little for how far along the line that is (another branch may turn
    a corner just past the label, closer than the label's own line at its start). The two labels are
    assigned together, the pairing with the smaller total winning."""

    def measure(label: Shape, target: int) -> tuple[float, float]:
        found = [_label_distance(label, way) for t, way in paths if t == target and len(way) > 1]
        return min(found, default=(math.inf, math.inf))

    labels: dict[str, list[Shape]] = {"ya": [], "tidak": []}
    for shape in table.shapes:
        kind = _mark_kind(shape.text) if shape.kind == ShapeKind.LABEL else None
        if kind is None or _on_offpage(shape, table):
            continue
        if min(measure(shape, t)[1] for t in targets) < 6 * tolerance:
            labels[kind].append(shape)

    def cost(kind: str, target: int) -> float:
        return min((measure(label, target)[0] for label in labels[kind]), default=math.inf)

    first, second = targets
    if labels["ya"] and labels["tidak"]:
        straight = cost("ya", first) + cost("tidak", second)
        crossed = cost("ya", second) + cost("tidak", first)
        return (first, second) if straight <= crossed else (second, first)
    if labels["ya"]:
        ya = min(targets, key=lambda t: cost("ya", t))
        return ya, next(t for t in targets if t != ya)
    if labels["tidak"]:
        tidak = min(targets, key=lambda t: cost("tidak", t))
        return next(t for t in targets if t != tidak), tidak
    return None, None


_ALONG = 0.25
"""What a unit of way along a branch costs a label, against a unit of distance from it."""
_REACH = 150 * 12700
"""How far along a branch (EMU) its label is looked for."""
_STEP = 0.5 * 12700


def _polyline(start: Point, segments: list[Shape]) -> list[Point]:
    """The points a way through ``segments`` passes, from ``start`` (each segment may be drawn either way
    round; its nearer end is where the way enters it)."""
    points = [start]
    for segment in segments:
        assert segment.start is not None and segment.end is not None
        near, far = segment.start, segment.end
        if math.dist(points[-1], far) < math.dist(points[-1], near):
            near, far = far, near
        if math.dist(points[-1], near) > 1.0:
            points.append(near)
        points.append(far)
    return points


def _label_distance(label: Shape, way: list[Point]) -> tuple[float, float]:
    """(the cost of ``label`` standing by ``way``: its box's distance from a point of it plus
    :data:`_ALONG` times how far along that point is, least over the way's first :data:`_REACH`; the
    plain least distance)."""
    best, plain, along = math.inf, math.inf, 0.0
    for a, b in itertools.pairwise(way):
        length = math.dist(a, b)
        count = max(1, math.ceil(length / _STEP))
        for i in range(count + 1):
            t = min(length, i * _STEP)
            if along + t > _REACH:
                break
            x = a[0] + (b[0] - a[0]) * (t / length if length else 0.0)
            y = a[1] + (b[1] - a[1]) * (t / length if length else 0.0)
            gap = math.hypot(max(label.x0 - x, 0.0, x - label.x1), max(label.y0 - y, 0.0, y - label.y1))
            plain = min(plain, gap)
            best = min(best, gap + _ALONG * (along + t))
        along += length
        if along > _REACH:
            break
    return best, plain


_SAME_POINT = 0.5 * 12700  # half a point, in EMU: two line ends this close are drawn as one


class _Walker:
    """Walks a drawn line from one point to the symbol it ends at, across off-page connector pairs.

    A line is a chain of straight segments, each drawn from where the line comes to where it goes, so one
    segment's end is the next one's start; the arrowhead at the end of the last one marks the symbol it
    reaches. Segments are joined only where their ends meet: a line ending on the middle of another (a
    "T") or crossing it is not joined to it. Lines drawn by hand may have their segments drawn either way
    round and their ends a little apart; those are joined too, but only loose end to loose end.
    """

    def __init__(self, steps: list[StepRow], tolerance: float) -> None:
        self.steps = steps
        self.tolerance = tolerance
        self.tables: list[Table] = []
        for step in steps:
            if all(step.table is not t for t in self.tables):
                self.tables.append(step.table)

    @staticmethod
    def connectors(table: Table) -> list[Shape]:
        return [s for s in table.shapes if s.kind == ShapeKind.CONNECTOR and s.start and s.end]

    def joined(
        self, table: Table, point: tuple[float, float], segment: Shape, *, at_start: bool | None = None
    ) -> bool:
        """Whether another segment has an end at ``point`` (an end of ``segment``): a corner of a line
        rather than its loose end. With ``at_start``, only a segment going on in the drawn direction counts
        (one ending where ``segment`` starts, or starting where it ends); two lines drawn from one point
        are two lines."""
        for other in self.connectors(table):
            if other is segment:
                continue
            assert other.start is not None and other.end is not None
            ends = (
                [other.end]
                if at_start is True
                else [other.start]
                if at_start is False
                else [other.start, other.end]
            )
            if any(math.dist(point, end) <= _SAME_POINT for end in ends):
                return True
        return False

    def symbol_at(self, table: Table, point: tuple[float, float], skip: Shape | None) -> Shape | None:
        """The symbol (a step's, or an off-page connector) a line end at ``point`` touches: the nearest."""
        near = [
            (_distance(point, b), math.hypot(b.cx - point[0], b.cy - point[1]), position, b)
            for position, b in enumerate(table.shapes)
            if b is not skip
            and (b.kind in STEP_KINDS or b.kind == ShapeKind.OFFPAGE)
            and _near(point, b, self.tolerance)
        ]
        return min(near, key=lambda item: item[:3])[3] if near else None

    def leaves(self, table: Table, connector: Shape, diamonds: list[Shape]) -> tuple[Shape, bool] | None:
        """(the diamond, whether at the segment's start) when ``connector`` is the first segment of a line
        drawn from one of ``diamonds``: one end touches it, nearer to it than to any other symbol, and no
        other segment goes on from that end (a line passing the diamond turns a corner there)."""
        assert connector.start is not None and connector.end is not None
        best: tuple[float, Shape, bool] | None = None
        for diamond in diamonds:
            for point, at_start in ((connector.start, True), (connector.end, False)):
                gap = _distance(point, diamond)
                if gap > self.tolerance or (best is not None and gap >= best[0]):
                    continue
                best = gap, diamond, at_start
        if best is None:
            return None
        _, diamond, at_start = best
        point = connector.start if at_start else connector.end
        if self.symbol_at(table, point, None) is not diamond:
            return None
        if self.joined(table, point, connector, at_start=at_start):
            return None
        return diamond, at_start

    def walk(
        self, table: Table, point: tuple[float, float], path: list[Shape], arrow_out: bool, exclude: Shape
    ) -> tuple[int | None, bool]:
        """(index of the step reached, whether the way there carries an arrowhead pointing onwards)."""
        jumps = 0
        skip: Shape | None = exclude
        for _ in range(64):
            # The segment going on from here is followed first (a line may pass close to a symbol); at
            # an arrowhead, or where no segment goes on, the symbol at the end is where the line arrives;
            # failing that, a loose segment end nearby (a line drawn by hand, its ends a little apart).
            last = path[-1]
            forward = last.end is not None and math.dist(point, last.end) < 1.0  # walked start -> end
            arrived = last.arrow in ("both", "end" if forward else "start")
            follow = None if arrived else self.next_segment(table, point, path, forward, exact=True)
            if follow is None:
                hit = self.symbol_at(table, point, skip)
                skip = None  # the shape the line left is skipped only at its first end
                if hit is not None:
                    if hit.kind != ShapeKind.OFFPAGE:
                        return step_index(self.steps, table, shape_row(table, hit)), arrow_out
                    partner = self.partner(hit, table) if jumps < 4 else None
                    if partner is None:
                        return None, arrow_out
                    jumps += 1
                    table, skip = partner
                    follow = self.leaving(table, skip, path)
                    if follow is None:
                        return self.below(table, skip), arrow_out
                else:
                    follow = self.next_segment(table, point, path, forward, exact=False)
                    if follow is None:
                        return step_index(self.steps, table, table.row_at(point[1])), arrow_out
            connector, point, onwards = follow
            path.append(connector)
            arrow_out = arrow_out or connector.arrow in ("both", "end" if onwards else "start")
        return None, arrow_out

    def next_segment(
        self, table: Table, point: tuple[float, float], path: list[Shape], forward: bool, *, exact: bool
    ) -> tuple[Shape, tuple[float, float], bool] | None:
        """The segment going on from ``point`` (``exact``: one with an end on it; else a loose end within
        the tolerance). Where several do, the nearest wins, then one drawn on in the same direction as the
        way so far (its start here), then one that does not turn back."""
        last = path[-1]
        came_from = last.start if forward else last.end
        assert came_from is not None
        incoming = (point[0] - came_from[0], point[1] - came_from[1])
        best: tuple[tuple[bool, bool, bool, bool, float], tuple[Shape, tuple[float, float], bool]] | None = (
            None
        )
        for other in self.connectors(table):
            if any(other is p for p in path):
                continue
            assert other.start is not None and other.end is not None
            for touch, far, onwards in ((other.start, other.end, True), (other.end, other.start, False)):
                gap = math.dist(point, touch)
                if gap > (_SAME_POINT if exact else self.tolerance):
                    continue
                if gap > _SAME_POINT and self.joined(table, touch, other):
                    continue  # a corner of another line, not a loose end this one was meant to meet
                going = (far[0] - touch[0], far[1] - touch[1])
                back = incoming[0] * going[0] + incoming[1] * going[1] < 0
                against = other.arrow == ("end" if not onwards else "start")  # its arrowhead points here
                rank = (gap > _SAME_POINT, against, onwards != forward, back, gap)
                if best is None or rank < best[0]:
                    best = rank, (other, far, onwards)
        return best[1] if best is not None else None

    def partner(self, offpage: Shape, table: Table) -> tuple[Table, Shape] | None:
        """The off-page connector with the same letter, preferably on the nearest other page."""
        letter = _letter(offpage, table)
        if not letter:
            return None
        here = next((i for i, t in enumerate(self.tables) if t is table), 0)
        found: list[tuple[int, int, Table, Shape]] = []
        for position, other_table in enumerate(self.tables):
            for shape in other_table.shapes:
                if (
                    shape is offpage
                    or shape.kind != ShapeKind.OFFPAGE
                    or _letter(shape, other_table) != letter
                ):
                    continue
                found.append((0 if other_table is not table else 1, abs(position - here), other_table, shape))
        if not found:
            return None
        _, _, other_table, shape = min(found, key=lambda item: (item[0], item[1]))
        return other_table, shape

    def leaving(
        self, table: Table, offpage: Shape, path: list[Shape]
    ) -> tuple[Shape, tuple[float, float], bool] | None:
        """The line leaving an "in" off-page connector: of the segments with an end at it (nearer to it
        than to any other symbol, and no corner of a passing line), the nearest; one drawn from it, and
        one without an arrowhead pointing at it, before others."""
        best: tuple[tuple[bool, bool, float], tuple[Shape, tuple[float, float], bool]] | None = None
        for connector in self.connectors(table):
            if any(connector is p for p in path):
                continue
            assert connector.start is not None and connector.end is not None
            for touch, far, onwards in (
                (connector.start, connector.end, True),
                (connector.end, connector.start, False),
            ):
                gap = _distance(touch, offpage)
                if gap > self.tolerance or self.symbol_at(table, touch, None) is not offpage:
                    continue
                if self.joined(table, touch, connector, at_start=onwards):
                    continue
                against = connector.arrow in ("both", "start" if onwards else "end")
                rank = (against, not onwards, gap)
                if best is None or rank < best[0]:
                    best = rank, (connector, far, onwards)
        return best[1] if best is not None else None

    def below(self, table: Table, offpage: Shape) -> int | None:
        """An "in" connector drawn without a line: the step box just below it."""
        boxes = [
            b
            for b in table.shapes
            if b.kind in STEP_KINDS and b.y0 >= offpage.y0 and b.x0 <= offpage.cx <= b.x1
        ]
        if boxes:
            return step_index(self.steps, table, shape_row(table, min(boxes, key=lambda b: b.y0)))
        return step_index(self.steps, table, shape_row(table, offpage))


def _letter(offpage: Shape, table: Table) -> str:
    """The letter of an off-page connector: its own text, else a text box drawn on it."""
    if clean(offpage.text):
        return normal_key(offpage.text)
    for shape in table.shapes:
        if (
            shape.kind in (ShapeKind.LABEL, ShapeKind.OTHER)
            and clean(shape.text)
            and offpage.x0 <= shape.cx <= offpage.x1
            and offpage.y0 <= shape.cy <= offpage.y1
        ):
            return normal_key(shape.text)
    return ""


def _on_offpage(label: Shape, table: Table) -> bool:
    """A text box drawn on an off-page connector: its letter, not a Ya/Tidak mark."""
    return any(
        s.kind == ShapeKind.OFFPAGE and s.x0 <= label.cx <= s.x1 and s.y0 <= label.cy <= s.y1
        for s in table.shapes
    )


def _segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / length))
    return math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy))
