"""Hypothesis strategies for generated SOPs, shared by the test suites.

:func:`sops` draws valid SOPs (the rules find no error): 1..40 steps, 1..12 actors, text of any length,
joint steps, and decisions whose branches keep the procedure finishable.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from sopap.core.model import SOP
from sopap.core.rules import Severity, check_sop
from tests.samples import ACTOR_NAMES, WORDS, synthetic_sop

__all__ = ["ACTOR_NAMES", "WORDS", "sops", "synthetic_sop"]


def _text(draw: Any, low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def sops(draw: Any, max_steps: int = 40, max_actors: int = 12) -> SOP:
    actor_count = draw(st.integers(1, max_actors))
    actors = list(ACTOR_NAMES[:actor_count])
    count = draw(st.integers(1, max_steps))
    steps: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        long_text = draw(st.integers(0, 20)) == 0
        step: dict[str, Any] = {
            "kegiatan": _text(draw, 1, 80 if long_text else 12) or "Kegiatan",
            "pelaksana": draw(
                st.lists(st.sampled_from(actors), min_size=1, max_size=min(3, actor_count), unique=True)
            )
            if draw(st.integers(0, 9)) == 0
            else draw(st.sampled_from(actors)),
        }
        if draw(st.booleans()):
            step["kelengkapan"] = [_text(draw, 1, 8) or "Dokumen" for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            step["waktu"] = f"{draw(st.integers(1, 60))} {draw(st.sampled_from(['menit', 'jam', 'hari']))}"
        if draw(st.booleans()):
            step["output"] = _text(draw, 1, 6) or "Hasil"
        if 1 < number < count and draw(st.integers(0, 4)) == 0:
            back = draw(st.integers(1, count).filter(lambda n, number=number: n != number))
            forward: int | str = number + 1
            if draw(st.integers(0, 5)) == 0:
                forward = "selesai"
            ya, tidak = (forward, back) if draw(st.integers(0, 3)) else (back, forward)
            if ya != tidak:
                step["keputusan"] = {"ya": ya, "tidak": tidak}
        steps.append(step)
    data = {
        "nama": _text(draw, 1, 10) or "SOP",
        "instansi": "Dinas Komunikasi dan Informatika Kota Serang",
        "pelaksana": actors,
        "langkah": steps,
    }
    sop = SOP.model_validate(data)
    assume(not any(d.severity == Severity.ERROR for d in check_sop(sop)))
    return sop
