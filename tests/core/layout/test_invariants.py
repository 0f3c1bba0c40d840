"""The geometry invariants hold for every example and for generated SOPs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopap.core.layout import RenderOptions, layout_procedure
from sopap.core.model import SOP
from sopap.core.sopfile import load, load_path
from tests.conftest import SERANG, examples, spec_example
from tests.core.layout.checks import (
    assert_branches_leave_apart,
    assert_connectors_clear,
    assert_decisions_have_two_labelled_branches,
    assert_labels_clear,
    assert_labels_unambiguous,
    assert_layout_ok,
    assert_offpage_pairs,
    assert_one_symbol_per_actor_in_its_row,
)
from tests.samples import branches_side_by_side_sop
from tests.strategies import sops, synthetic_sop

EXAMPLES = sorted(SERANG.glob("*.sop.yaml"))
EXAMPLES_N = examples(60)
"""Generated SOPs per invariant test (``SOPAP_HYPOTHESIS=search`` for many more)."""


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("per_page", [None, 5])
def test_every_serang_example_lays_out_cleanly(path: Path, per_page: int | None) -> None:
    sop = load_path(path)
    assert_layout_ok(sop, layout_procedure(sop, RenderOptions(steps_per_page=per_page)))


def test_the_format_documents_example_lays_out_cleanly() -> None:
    sop = load(spec_example())
    assert_layout_ok(sop, layout_procedure(sop))


@pytest.mark.parametrize("paper", ["f4", "a4"])
def test_a_60_step_sop_lays_out_cleanly_on_several_pages(paper: str) -> None:
    sop = synthetic_sop(60)
    layout = layout_procedure(sop, RenderOptions(paper=paper))  # type: ignore[arg-type]
    assert len(layout.pages) > 1
    assert_layout_ok(sop, layout)


@pytest.mark.parametrize("paper", ["f4", "a4"])
@pytest.mark.parametrize("per_page", [None, 5])
def test_two_branches_going_down_leave_the_diamond_apart_each_labelled_by_its_own_line(
    paper: str, per_page: int | None
) -> None:
    # Step 11's branches both go down to the next rows (ya: 13, tidak: 12); they used to leave the
    # diamond's bottom 4 pt apart, with "Tidak" beside the "Ya" line.
    sop = branches_side_by_side_sop()
    options = RenderOptions(paper=paper, steps_per_page=per_page)  # type: ignore[arg-type]
    layout = layout_procedure(sop, options)
    page = layout.pages[layout.page_of_step[11]]
    assert sorted(c.kind for c in page.connectors if c.source == 11) == ["tidak", "ya"]
    assert_branches_leave_apart(layout)
    assert_labels_unambiguous(layout)
    assert_layout_ok(sop, layout)


@settings(
    max_examples=EXAMPLES_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(sops())
def test_every_step_has_one_symbol_in_each_of_its_actors_columns(sop: SOP) -> None:
    assert_one_symbol_per_actor_in_its_row(sop, layout_procedure(sop))


@settings(
    max_examples=EXAMPLES_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(sops())
def test_no_connector_passes_through_a_symbol_other_than_its_ends(sop: SOP) -> None:
    assert_connectors_clear(layout_procedure(sop, RenderOptions(steps_per_page=6)))


@settings(
    max_examples=EXAMPLES_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(sops())
def test_every_page_break_has_a_pair_of_offpage_connectors_with_the_same_label(sop: SOP) -> None:
    assert_offpage_pairs(sop, layout_procedure(sop, RenderOptions(steps_per_page=4)))


@settings(
    max_examples=EXAMPLES_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(sops())
def test_decisions_have_exactly_two_labelled_branches_clear_of_every_line(sop: SOP) -> None:
    layout = layout_procedure(sop, RenderOptions(steps_per_page=5))
    assert_decisions_have_two_labelled_branches(sop, layout)
    assert_labels_clear(layout)


@settings(
    max_examples=EXAMPLES_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(sops(), st.sampled_from([None, 3, 5, 8]), st.sampled_from(["f4", "a4"]))
def test_every_branch_label_is_nearer_its_own_line_than_any_other_by_a_margin(
    sop: SOP, per_page: int | None, paper: str
) -> None:
    options = RenderOptions(paper=paper, steps_per_page=per_page)  # type: ignore[arg-type]
    assert_labels_unambiguous(layout_procedure(sop, options))
