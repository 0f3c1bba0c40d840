"""The SVG: deterministic, accessible, the whole sheet or the flowchart alone."""

from __future__ import annotations

from xml.etree import ElementTree

from sopap.core.renderers.svg import render_svg
from sopap.core.sopfile import load
from tests.conftest import spec_example
from tests.strategies import synthetic_sop

NS = "{http://www.w3.org/2000/svg}"


def test_the_svg_is_well_formed_and_accessible() -> None:
    sop = load(spec_example())
    root = ElementTree.fromstring(render_svg(sop))
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == sop.nama  # type: ignore[union-attr]
    assert "Penyerahan SPJ" in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_the_same_sop_gives_the_same_svg() -> None:
    sop = load(spec_example())
    assert render_svg(sop) == render_svg(sop)
    assert render_svg(sop, flowchart_only=True) == render_svg(sop, flowchart_only=True)


def test_the_flowchart_alone_has_every_step_and_no_table_text() -> None:
    sop = synthetic_sop(20)
    svg = render_svg(sop, flowchart_only=True)
    root = ElementTree.fromstring(svg)
    steps = {int(e.get("data-step", "0")) for e in root.iter() if e.get("data-step")}
    assert steps == set(range(1, 21))
    assert "Uraian Prosedur" not in svg
    assert 'data-kind="offpage"' not in svg  # one unbroken chart


def test_the_whole_sheet_has_one_group_per_page() -> None:
    root = ElementTree.fromstring(render_svg(synthetic_sop(60)))
    pages = [g for g in root.iter(f"{NS}g") if g.get("class") == "page"]
    assert len(pages) > 1
