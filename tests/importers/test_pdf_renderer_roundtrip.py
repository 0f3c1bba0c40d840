"""Every PDF that sopap's own renderer (ReportLab) writes imports back to the same SOP: a generator other
than the agencies', with stroked lines, text in the symbols and off-page connectors across pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopap.core.importers import import_file
from sopap.core.layout.options import RenderOptions
from sopap.core.model import SOP
from sopap.core.rules import Severity, check_sop
from sopap.core.sopfile import dump, load
from tests.conftest import examples
from tests.strategies import sops

pytest.importorskip("pymupdf")
renderer = pytest.importorskip("sopap.core.renderers.pdf")

SERANG = sorted((Path(__file__).resolve().parents[2] / "examples" / "serang").glob("*.sop.yaml"))


def _lane_order(sop: SOP) -> SOP:
    lanes = sop.actors
    steps = [s.model_copy(update={"pelaksana": sorted(s.pelaksana, key=lanes.index)}) for s in sop.langkah]
    return sop.model_copy(update={"langkah": steps})


def _end_as_last_step(sop: SOP) -> SOP:
    """A branch to `selesai` is drawn to the final terminator, as one to the last step is; the Word file
    says which in the line's alternative text, a PDF keeps no such text, so the last step is read."""
    last = len(sop.langkah)
    steps = []
    for step in sop.langkah:
        if step.keputusan is not None:
            ya, tidak = (last if t == "selesai" else t for t in (step.keputusan.ya, step.keputusan.tidak))
            step = step.model_copy(
                update={"keputusan": step.keputusan.model_copy(update={"ya": ya, "tidak": tidak})}
            )
        steps.append(step)
    return sop.model_copy(update={"langkah": steps})


def _roundtrip(sop: SOP, options: RenderOptions) -> tuple[str, str]:
    drawn = _lane_order(sop)
    result = import_file(renderer.render_pdf(drawn, options), "render.pdf")
    assert len(result.sops) == 1, [s.report.title for s in result.sops]
    got = result.sops[0]
    return dump(_end_as_last_step(drawn)), dump(got.sop) if got.sop is not None else got.yaml


@pytest.mark.parametrize("steps_per_page", [None, 3])
@pytest.mark.parametrize("path", SERANG, ids=lambda p: p.name.split("-")[0])
def test_every_serang_example_rendered_to_pdf_imports_back_equal(path, steps_per_page):
    sop = load(path.read_text(encoding="utf-8"), path=str(path))
    want, got = _roundtrip(sop, RenderOptions(steps_per_page=steps_per_page, paper="f4"))
    assert got == want


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sops().filter(lambda s: not any(d.severity == Severity.ERROR for d in check_sop(s))),
    st.sampled_from([None, 4]),
)
def test_a_generated_sop_rendered_to_pdf_imports_back_equal(sop, steps_per_page):
    want, got = _roundtrip(sop, RenderOptions(steps_per_page=steps_per_page))
    assert got == want
