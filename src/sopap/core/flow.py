"""The procedure as a graph: where each step goes, what can be reached, how long the main path takes.

Steps are numbered from 1; :data:`END_NODE` (0) stands for the end of the procedure.
Callers should run the rules first: these functions skip targets that are out of range.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sopap.core import waktu as waktu_mod
from sopap.core.vocabulary import END, Simbol

if TYPE_CHECKING:
    from sopap.core.model import SOP

END_NODE = 0


def _target(value: int | str, count: int) -> int | None:
    if value == END:
        return END_NODE
    if isinstance(value, int) and 1 <= value <= count:
        return value
    return None


def successors(sop: SOP, number: int) -> list[int]:
    """Where step ``number`` goes: ya first then tidak for a decision; the next step otherwise."""
    count = len(sop.langkah)
    step = sop.langkah[number - 1]
    if step.keputusan is not None:
        out = []
        for branch in (step.keputusan.ya, step.keputusan.tidak):
            target = _target(branch, count)
            if target is not None and target not in out:
                out.append(target)
        return out
    if step.simbol == Simbol.SELESAI or number == count:
        return [END_NODE]
    return [number + 1]


def reachable(sop: SOP) -> set[int]:
    """The steps (and possibly END_NODE) reachable from step 1."""
    seen = {1}
    queue = deque([1])
    while queue:
        node = queue.popleft()
        if node == END_NODE:
            continue
        for nxt in successors(sop, node):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def trapped(sop: SOP) -> list[int]:
    """The steps of loops with no way out: reachable, on a cycle, and never reaching the end.

    Every step has a successor, so any path that never ends runs into such a loop; the steps that merely
    lead into it are not listed, because the loop is what the author has to fix.
    """
    count = len(sop.langkah)
    predecessors: dict[int, list[int]] = {n: [] for n in range(count + 1)}
    for number in range(1, count + 1):
        for nxt in successors(sop, number):
            predecessors[nxt].append(number)
    can_finish = {END_NODE}
    queue = deque([END_NODE])
    while queue:
        node = queue.popleft()
        for prev in predecessors[node]:
            if prev not in can_finish:
                can_finish.add(prev)
                queue.append(prev)
    stuck = [n for n in reachable(sop) if n != END_NODE and n not in can_finish]
    return sorted(n for n in stuck if _on_cycle(sop, n))


def _on_cycle(sop: SOP, start: int) -> bool:
    seen: set[int] = set()
    queue = deque(successors(sop, start))
    while queue:
        node = queue.popleft()
        if node == start:
            return True
        if node == END_NODE or node in seen:
            continue
        seen.add(node)
        queue.extend(successors(sop, node))
    return False


def main_path(sop: SOP) -> list[int]:
    """The steps along the main path from step 1: next step, and `ya` at every decision.

    Stops at the end, or before a step would repeat (a `ya` that loops back).
    """
    path: list[int] = []
    node = 1
    count = len(sop.langkah)
    while node != END_NODE and node not in path and 1 <= node <= count:
        path.append(node)
        step = sop.langkah[node - 1]
        if step.keputusan is not None:
            target = _target(step.keputusan.ya, count)
            if target is None:
                break
            node = target
        else:
            node = successors(sop, node)[0]
    return path


def handoffs(sop: SOP) -> list[tuple[int, int, str, str]]:
    """Each arrow that crosses from one actor to another: (from step, to step, from actor, to actor)."""
    out = []
    for number, step in enumerate(sop.langkah, start=1):
        for nxt in successors(sop, number):
            if nxt == END_NODE:
                continue
            target = sop.langkah[nxt - 1]
            if set(step.pelaksana) != set(target.pelaksana):
                out.append((number, nxt, ", ".join(step.pelaksana), ", ".join(target.pelaksana)))
    return out


@dataclass
class Duration:
    """A sum of `waktu` in working seconds, with the steps that could not be counted."""

    seconds: Decimal = Decimal(0)
    counted: list[int] = field(default_factory=list)
    not_summable: list[int] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.not_summable or self.unreadable or self.missing)

    def humanize(self, calendar: waktu_mod.Calendar = waktu_mod.DEFAULT_CALENDAR, *, lang: str = "id") -> str:
        return waktu_mod.humanize(self.seconds, calendar, lang=lang)


def duration(
    sop: SOP, steps: list[int] | None = None, calendar: waktu_mod.Calendar = waktu_mod.DEFAULT_CALENDAR
) -> Duration:
    """Add up the `waktu` of ``steps`` (all steps when None) in working time."""
    result = Duration()
    for number in steps if steps is not None else range(1, len(sop.langkah) + 1):
        text = sop.langkah[number - 1].waktu
        if text is None:
            result.missing.append(number)
            continue
        try:
            parsed = waktu_mod.parse(text)
        except waktu_mod.WaktuError:
            result.unreadable.append(number)
            continue
        if not parsed.summable:
            result.not_summable.append(number)
            continue
        result.seconds += parsed.seconds(calendar)
        result.counted.append(number)
    return result


def standard_duration(sop: SOP, calendar: waktu_mod.Calendar = waktu_mod.DEFAULT_CALENDAR) -> Duration:
    """The SOP's standard duration: the sum along the main path."""
    return duration(sop, main_path(sop), calendar)


def jenis(sop: SOP) -> str:
    """Perwali Serang 50/2017 Pasal 8: one actor makes an SOP teknis, more an SOP administratif."""
    return "administratif" if len(sop.actors) >= 2 else "teknis"
