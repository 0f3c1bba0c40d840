"""The `broken-chain` warning does a bounded amount of work, and on real SOPs the bound changes nothing."""

from __future__ import annotations

import difflib
import random

import pytest

from sopap.core.model import SOP
from sopap.core.rules import check_sop, procedure
from sopap.core.rules.limits import MAX_CHARS, MAX_STEPS
from sopap.core.sopfile import load_path
from tests.conftest import SERANG


def _chains(sop: SOP) -> list[tuple[int | None, str]]:
    return [(d.step, d.message()) for d in check_sop(sop) if d.code == "broken-chain"]


def test_the_serang_examples_get_the_same_warnings_with_and_without_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sops = [load_path(p) for p in sorted(SERANG.glob("*.sop.yaml"))]
    bounded = [_chains(sop) for sop in sops]
    monkeypatch.setattr(procedure, "CHAIN_BUDGET", None)
    assert [_chains(sop) for sop in sops] == bounded
    assert sum(map(len, bounded)) > 5  # the examples do break chains: the comparison says something


def _adversarial(count: int = MAX_STEPS) -> SOP:
    """Steps whose kelengkapan and output are word salads of similar words: no output is taken up, and
    finding that out compares every word with every other."""
    rng = random.Random(7)
    share = MAX_CHARS["langkah.kelengkapan"] // 4

    def salad() -> str:
        words = ("".join(rng.choice("abcde") for _ in range(9)) for _ in range(share))
        return " ".join(words)[:share]

    steps = [
        {
            "kegiatan": f"Kegiatan {n}",
            "pelaksana": "AB"[n % 2],
            "kelengkapan": [salad() for _ in range(4)],
            "output": [salad() for _ in range(4)],
            "waktu": "1 jam",
        }
        for n in range(count)
    ]
    return SOP.model_validate({"nama": "Salad", "instansi": "Dinas", "langkah": steps})


def test_an_sop_within_the_limits_cannot_make_the_chain_warning_compare_without_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared = 0
    ratio = difflib.SequenceMatcher.ratio

    def counted(self: difflib.SequenceMatcher[str]) -> float:
        nonlocal compared
        compared += 1
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    check_sop(_adversarial())
    # A letter-by-letter comparison costs at least 80 of the budget (two 4-letter words); without the
    # bound this SOP makes over 100,000 of them.
    assert 0 < compared <= procedure.CHAIN_BUDGET // 80


def test_past_the_budget_no_chain_is_judged_rather_than_a_wrong_one(monkeypatch: pytest.MonkeyPatch) -> None:
    sop = _adversarial(8)
    unbounded = {step for step, _ in _chains_with(monkeypatch, sop, None)}
    bounded = {step for step, _ in _chains_with(monkeypatch, sop, 500_000)}  # about 140,000 a step
    assert bounded and bounded < unbounded  # fewer warnings, each of them also given without the bound


def _chains_with(
    monkeypatch: pytest.MonkeyPatch, sop: SOP, budget: int | None
) -> list[tuple[int | None, str]]:
    monkeypatch.setattr(procedure, "CHAIN_BUDGET", budget)
    return _chains(sop)


def test_taken_up_on_its_own_is_not_bounded() -> None:
    long_output = " ".join(f"dokumen{n}" for n in range(200))
    assert procedure.taken_up(long_output, long_output + " tambahan")
