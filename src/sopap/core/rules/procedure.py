"""Rules on one valid SOP: actors, decisions, waktu, the flow, and the regulations' warnings."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from sopap.core import flow, waktu
from sopap.core.diagnostics import Diagnostic, Severity
from sopap.core.i18n import Text, Verbatim
from sopap.core.labels import FieldLabel
from sopap.core.vocabulary import Simbol

if TYPE_CHECKING:
    from sopap.core.model import SOP

REVIEW_YEARS = 2

Locate = Callable[[tuple[str | int, ...]], int | None]


def _no_line(_: tuple[str | int, ...]) -> int | None:
    return None


def check_sop(sop: SOP, *, locate: Locate = _no_line, today: dt.date | None = None) -> list[Diagnostic]:
    """Every rule on one SOP, errors first in step order, then warnings."""
    out: list[Diagnostic] = []

    def add(
        code: str,
        severity: Severity,
        loc: tuple[str | int, ...],
        step: int | None = None,
        field: str | None = None,
        **params: object,
    ) -> None:
        out.append(Diagnostic(code, severity, dict(params), line=locate(loc), step=step, field=field))

    count = len(sop.langkah)
    declared = list(sop.pelaksana) if sop.pelaksana else None
    if declared:
        for index, actor in enumerate(declared):
            if actor in declared[:index]:
                add("duplicate-actor", Severity.ERROR, ("pelaksana", index), field="pelaksana", actor=actor)

    structure_ok = True
    hints: dict[str, Text] = {}  # a misspelt actor is usually misspelt the same way in many steps
    for number, step in enumerate(sop.langkah, start=1):
        base: tuple[str | int, ...] = ("langkah", number - 1)
        if declared:
            for index, actor in enumerate(step.pelaksana):
                if actor not in declared:
                    if actor not in hints:
                        hints[actor] = _closest(actor, declared)
                    loc = (*base, "pelaksana", index) if len(step.pelaksana) > 1 else (*base, "pelaksana")
                    add(
                        "unknown-actor",
                        Severity.ERROR,
                        loc,
                        number,
                        "pelaksana",
                        actor=actor,
                        hint=hints[actor],
                    )
        decision = step.keputusan
        if step.simbol == Simbol.KEPUTUSAN and decision is None:
            add("decision-without-branches", Severity.ERROR, (*base, "simbol"), number, "simbol")
        if decision is not None:
            if step.simbol is not None and step.simbol != Simbol.KEPUTUSAN:
                add(
                    "branches-without-decision",
                    Severity.ERROR,
                    (*base, "simbol"),
                    number,
                    "simbol",
                    simbol=str(step.simbol),
                )
            for branch in ("ya", "tidak"):
                target = getattr(decision, branch)
                loc = (*base, "keputusan", branch)
                if isinstance(target, int) and not 1 <= target <= count:
                    structure_ok = False
                    add(
                        "target-out-of-range",
                        Severity.ERROR,
                        loc,
                        number,
                        f"keputusan.{branch}",
                        branch=FieldLabel(branch),
                        target=target,
                        count=count,
                    )
                elif target == number:
                    add(
                        "target-self",
                        Severity.ERROR,
                        loc,
                        number,
                        f"keputusan.{branch}",
                        branch=FieldLabel(branch),
                    )
            if decision.ya == decision.tidak:
                add(
                    "targets-equal",
                    Severity.ERROR,
                    (*base, "keputusan"),
                    number,
                    "keputusan",
                    target=decision.ya,
                )
        if step.waktu is not None:
            try:
                waktu.parse(step.waktu)
            except waktu.WaktuError as exc:
                add(
                    "unreadable-waktu",
                    Severity.ERROR,
                    (*base, "waktu"),
                    number,
                    "waktu",
                    detail=exc.text,
                )

    if structure_ok:
        reached = flow.reachable(sop)
        for number in range(2, count + 1):
            if number not in reached:
                add("unreachable-step", Severity.ERROR, ("langkah", number - 1), number)
        stuck = flow.trapped(sop)
        if stuck:
            add(
                "dead-loop",
                Severity.ERROR,
                ("langkah", stuck[0] - 1),
                stuck[0],
                steps=", ".join(str(n) for n in stuck),
            )

    out.extend(_warnings(sop, locate, today or dt.date.today(), structure_ok))
    return out


def _closest(name: str, candidates: list[str]) -> Text:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return Text("; maksudnya “{key}”?", key=close[0])
    return Verbatim(f" ({', '.join(candidates)})")


def _warnings(sop: SOP, locate: Locate, today: dt.date, structure_ok: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def add(
        code: str,
        loc: tuple[str | int, ...],
        step: int | None = None,
        field: str | None = None,
        **params: object,
    ) -> None:
        out.append(Diagnostic(code, Severity.WARNING, dict(params), line=locate(loc), step=step, field=field))

    used = {actor for step in sop.langkah for actor in step.pelaksana}
    if len(used) < 2:
        add("sop-teknis", ("langkah",), count=len(used))
    if sop.pelaksana:
        for index, actor in enumerate(sop.pelaksana):
            if actor not in used:
                add("unused-actor", ("pelaksana", index), field="pelaksana", actor=actor)

    matcher = _Matcher(CHAIN_BUDGET)
    for number, step in enumerate(sop.langkah, start=1):
        base: tuple[str | int, ...] = ("langkah", number - 1)
        if not step.output:
            add("missing-output", base, number, "output")
        if step.waktu is None:
            add("missing-waktu", base, number, "waktu")
        if structure_ok and step.output:
            nexts = [n for n in flow.successors(sop, number) if n != flow.END_NODE]
            offered = [n for n in nexts if sop.langkah[n - 1].kelengkapan]
            wanted = [item for n in offered for item in sop.langkah[n - 1].kelengkapan]
            if offered and matcher.chained(step.output, wanted) is False:
                add(
                    "broken-chain",
                    (*base, "output"),
                    number,
                    "output",
                    output="; ".join(step.output),
                    next=", ".join(str(n) for n in offered),
                )

    if sop.tanggal_efektif and sop.tanggal_pembuatan and sop.tanggal_efektif < sop.tanggal_pembuatan:
        add(
            "efektif-before-pembuatan",
            ("tanggal_efektif",),
            field="tanggal_efektif",
            efektif=sop.tanggal_efektif,
            pembuatan=sop.tanggal_pembuatan,
        )
    if sop.tanggal_efektif:
        since = max(d for d in (sop.tanggal_efektif, sop.tanggal_revisi) if d)
        years = _whole_years(since, today)
        if years >= REVIEW_YEARS:
            field = (
                "tanggal_revisi" if sop.tanggal_revisi and since == sop.tanggal_revisi else "tanggal_efektif"
            )
            add("review-overdue", (field,), field=field, since=since, years=years)
    return out


def _whole_years(since: dt.date, today: dt.date) -> int:
    years = today.year - since.year
    if (today.month, today.day) < (since.month, since.day):
        years -= 1
    return years


# Words that carry no document identity in a Mutu Baku cell.
_STOPWORDS = {
    "yang",
    "telah",
    "sudah",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "oleh",
    "dengan",
    "atau",
    "serta",
    "pada",
    "the",
    "a",
    "of",
    "and",
    "hasil",
}
_TOKEN = re.compile(r"[0-9a-z]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOPWORDS]


FUZZY_WORD = 40
"""Longest word compared letter by letter for typos; longer tokens (words typed together without
spaces) must match exactly. Indonesian's long words (`pertanggungjawaban`) have under 25 letters."""


def _same_word(a: str, b: str) -> bool:
    return a == b or (_fuzzy(a, b) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def _fuzzy(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` could be one word with a typo; the ratio is at most 2*min/(la+lb)
    (difflib's real_quick_ratio), so most pairs are told apart by their lengths alone."""
    return (
        3 < len(a) <= FUZZY_WORD
        and len(b) <= FUZZY_WORD
        and 2 * min(len(a), len(b)) >= 0.8 * (len(a) + len(b))
    )


CHAIN_BUDGET = 1_000_000
"""Work the `broken-chain` warning may do on one SOP, in word look-ups (about a quarter of a microsecond
each; comparing two words letter by letter costs :func:`_ratio_cost`): some 0.3 s at most. The Serang
examples need at most about a thousand; the limits (rules/limits.py) still let each of 150 steps hold
500 characters of kelengkapan and of output, and every output word is compared with every kelengkapan
word of the next steps (minutes of work for text made to match nothing). Past the budget the remaining
steps are not warned: a warning is a hint, and one that cannot be afforded is not given."""


def _ratio_cost(a: str, b: str) -> int:
    # Measured: a SequenceMatcher ratio of two words takes about 2 microseconds per letter of both.
    return 10 * (len(a) + len(b))


class _Matcher:
    """:func:`taken_up` over one SOP, with tokens and word comparisons remembered and at most ``budget``
    word operations spent (``None``: no bound)."""

    def __init__(self, budget: int | None) -> None:
        self.budget = budget
        self.tokens: dict[str, list[str]] = {}
        self.same: dict[tuple[str, str], bool] = {}

    def chained(self, outputs: list[str], wanted: list[str]) -> bool | None:
        """Whether some output is taken up by some of the ``wanted`` kelengkapan; ``None`` when the
        budget ran out before that was known."""
        for item in wanted:
            for output in outputs:
                found = self.taken_up(output, item)
                if found is None:
                    return None
                if found:
                    return True
        return False

    def taken_up(self, output: str, kelengkapan: str) -> bool | None:
        produced = self._tokens(output)
        wanted = self._tokens(kelengkapan)
        if not produced or not wanted:
            return False
        if not self._spend(len(produced) + len(wanted)):
            return None
        # Words typed together (`Draft LKJiPbidang`) are the same document as `Draft LKJiP Bidang`.
        if "".join(produced) == "".join(wanted):
            return True
        shorter, longer = (produced, wanted) if len(produced) <= len(wanted) else (wanted, produced)
        # Taken up when at least 3 in 4 words of the shorter text are in the longer one.
        need = (3 * len(shorter) + 3) // 4
        spare = len(shorter) - need
        exact = set(longer)
        found = missed = 0
        for word in shorter:
            match = word in exact or self._close(word, longer)
            if match is None:
                return None
            if match:
                found += 1
                if found >= need:
                    return True
            else:
                missed += 1
                if missed > spare:
                    return False
        return found >= need

    def _spend(self, amount: int) -> bool:
        """Take ``amount`` from the budget; False once it is spent."""
        if self.budget is None:
            return True
        self.budget -= amount
        return self.budget >= 0

    def _tokens(self, text: str) -> list[str]:
        if text not in self.tokens:
            self.tokens[text] = _tokens(text)
        return self.tokens[text]

    def _close(self, word: str, others: list[str]) -> bool | None:
        if not self._spend(len(others)):
            return None
        for other in others:
            key = (word, other)
            same = self.same.get(key)
            if same is None:
                if _fuzzy(word, other) and not self._spend(_ratio_cost(word, other)):
                    return None
                same = self.same[key] = _same_word(word, other)
            if same:
                return True
        return False


def taken_up(output: str, kelengkapan: str) -> bool:
    """Whether a kelengkapan names the document an output produced (typos and word order tolerated).

    `SPP/SPM diverifikasi` is taken up by `SPP/SPM yang telah diverifikasi`; `Draft Renja OPD` is not by
    `Draft Renja Bidang`.
    """
    return bool(_Matcher(None).taken_up(output, kelengkapan))
