"""Actors from where the flowchart is drawn, in every dialect Word uses; decisions from diamonds and marks."""

import pytest
from corpus import SHAPE_VARIANTS, Options, build_docx, for_text_variant, synthetic_sops

from sopap.core.importers import import_file
from sopap.core.importers.decisions import infer_decisions
from sopap.core.importers.inference import StepRow, infer_actors
from sopap.core.importers.tables import Cell, Shape, ShapeKind, Table


@pytest.mark.parametrize("variant", SHAPE_VARIANTS)
def test_joint_steps_decisions_and_a_branch_to_the_end_survive_every_drawing_dialect(variant):
    sop = synthetic_sops()[0]
    if variant == "text":
        sop = for_text_variant(sop)
    result = import_file(build_docx([sop], Options(shapes=variant)), "x.docx")
    got = result.sops[0].sop
    assert [s.pelaksana for s in got.langkah] == [s.pelaksana for s in sop.langkah]
    assert [s.keputusan for s in got.langkah] == [s.keputusan for s in sop.langkah]


@pytest.mark.parametrize(
    ("variant", "evidence"),
    [("cell", "shape"), ("canvas", "shape"), ("vml", "shape"), ("symbols", "symbol"), ("text", "text")],
)
def test_the_report_says_which_evidence_decided_the_actors(variant, evidence):
    sop = synthetic_sops()[1]
    if variant == "text":
        sop = for_text_variant(sop)
    report = import_file(build_docx([sop], Options(shapes=variant)), "x.docx").sops[0].report
    assert set(report.actor_evidence) == {evidence}


def test_a_shape_written_as_choice_and_vml_fallback_is_counted_once():
    from sopap.core.importers.docx_reader import read_docx

    sop = synthetic_sops()[1]
    blocks = read_docx(build_docx([sop], Options(shapes="cell")))
    procedure = next(b for b in blocks if isinstance(b, Table) and b.shapes)
    boxes = [
        s for s in procedure.shapes if s.kind in (ShapeKind.PROCESS, ShapeKind.TERMINATOR, ShapeKind.DECISION)
    ]
    assert len(boxes) == len(sop.langkah)


def _table(rows: int, actors: int, k: float = 1.0) -> Table:
    grid = [[Cell([], r, c) for c in range(actors)] for r in range(rows)]
    return Table(
        grid=grid,
        col_bounds=[i * 1000.0 * k for i in range(actors + 1)],
        row_bounds=[i * 1000.0 * k for i in range(rows + 1)],
    )


def _box(kind, col, row, text="", k=1.0):
    return Shape(
        kind=kind,
        x0=(col * 1000 + 300) * k,
        y0=(row * 1000 + 300) * k,
        x1=(col * 1000 + 700) * k,
        y1=(row * 1000 + 700) * k,
        text=text,
    )


def test_branches_follow_the_connectors_leaving_a_diamond_with_their_labels():
    k = 200.0  # cells of 200 000 EMU (about 16 pt), as on paper: line ends half a point apart are joined
    table = _table(4, 2, k)

    def shape(kind, x0, y0, x1, y1, text="", start=None, end=None):
        scaled = [None if p is None else (p[0] * k, p[1] * k) for p in (start, end)]
        return Shape(kind, x0 * k, y0 * k, x1 * k, y1 * k, text=text, start=scaled[0], end=scaled[1])

    table.shapes = [
        _box(ShapeKind.TERMINATOR, 0, 0, k=k),
        _box(ShapeKind.PROCESS, 1, 1, k=k),
        _box(ShapeKind.DECISION, 0, 2, k=k),
        _box(ShapeKind.TERMINATOR, 1, 3, k=k),
        # Tidak: back up to step 2, labelled next to the diamond; Ya: down to step 4. No arrowheads.
        shape(ShapeKind.CONNECTOR, 700, 1500, 1300, 2500, start=(700, 2500), end=(1300, 1500)),
        shape(ShapeKind.LABEL, 750, 2300, 850, 2400, text="Tidak"),
        shape(ShapeKind.CONNECTOR, 500, 2700, 1300, 3300, start=(500, 2700), end=(1300, 3300)),
        shape(ShapeKind.LABEL, 520, 2750, 600, 2850, text="Ya"),
    ]
    steps = [
        StepRow(
            table=table,
            rows=range(r, r + 1),
            number=r + 1,
            kegiatan=f"langkah {r + 1}",
            actor_columns={0: "A", 1: "B"},
        )
        for r in range(4)
    ]
    actors = infer_actors(steps, ["A", "B"])
    assert [a.names for a in actors] == [["A"], ["B"], ["A"], ["B"]]
    branches = infer_decisions(steps, actors)
    assert (branches[2].ya, branches[2].tidak, branches[2].how) == (4, 2, "connectors")


def test_a_shape_spanning_two_actor_columns_is_a_joint_step():
    table = _table(1, 3)
    table.shapes = [Shape(ShapeKind.PROCESS, 100, 200, 1900, 800)]
    steps = [
        StepRow(
            table=table, rows=range(0, 1), number=1, kegiatan="rapat", actor_columns={0: "A", 1: "B", 2: "C"}
        )
    ]
    assert infer_actors(steps, ["A", "B", "C"])[0].names == ["A", "B"]


def test_a_branch_into_an_off_page_connector_continues_at_its_partner_whose_letter_is_no_mark():
    # Page 1: step 1 -> decision 2; Ya goes down to step 3, Tidak into the off-page connector "T"
    # (its letter a separate text box on it). Page 2: the "T" connector, then a line into step 4.
    k = 200.0  # cells of 200 000 EMU (about 16 pt), so the symbols are well apart

    def table(rows):
        grid = [[Cell([], r, c) for c in range(2)] for r in range(rows)]
        return Table(grid, [i * 1000 * k for i in range(3)], [i * 1000 * k for i in range(rows + 1)])

    def shape(kind, x0, y0, x1, y1, text="", line=None):
        start, end = (line[:2], line[2:]) if line else (None, None)
        scaled = (tuple(v * k for v in start), tuple(v * k for v in end)) if line else (None, None)
        return Shape(
            kind,
            x0 * k,
            y0 * k,
            x1 * k,
            y1 * k,
            text=text,
            start=scaled[0],
            end=scaled[1],
            arrow="end" if line else "",
        )

    first, second = table(3), table(2)
    first.shapes = [
        shape(ShapeKind.TERMINATOR, 300, 300, 700, 700),
        shape(ShapeKind.DECISION, 300, 1300, 700, 1700),
        shape(ShapeKind.PROCESS, 300, 2300, 700, 2700),
        shape(ShapeKind.CONNECTOR, 500, 700, 500, 1300, line=(500, 700, 500, 1300)),
        shape(ShapeKind.CONNECTOR, 500, 1700, 500, 2300, line=(500, 1700, 500, 2300)),
        shape(ShapeKind.LABEL, 520, 1750, 600, 1850, text="Ya"),
        shape(ShapeKind.CONNECTOR, 700, 1500, 1300, 1500, line=(700, 1500, 1300, 1500)),
        shape(ShapeKind.CONNECTOR, 1300, 1500, 1300, 1900, line=(1300, 1500, 1300, 1900)),
        shape(ShapeKind.LABEL, 750, 1350, 900, 1450, text="Tidak"),
        shape(ShapeKind.OFFPAGE, 1200, 1900, 1400, 2100),
        shape(ShapeKind.LABEL, 1250, 1950, 1350, 2050, text="T"),
    ]
    first.shapes[6].arrow = ""  # the elbow's first segment has no arrowhead
    second.shapes = [
        shape(ShapeKind.OFFPAGE, 1200, 100, 1400, 300, text="T"),
        shape(ShapeKind.CONNECTOR, 1300, 300, 1300, 1300, line=(1300, 300, 1300, 1300)),
        shape(ShapeKind.PROCESS, 1100, 1300, 1500, 1700),
    ]
    steps = [
        StepRow(table=first, rows=range(r, r + 1), number=r + 1, kegiatan="x", actor_columns={0: "A", 1: "B"})
        for r in range(3)
    ]
    steps.append(
        StepRow(table=second, rows=range(1, 2), number=4, kegiatan="y", actor_columns={0: "A", 1: "B"})
    )
    actors = infer_actors(steps, ["A", "B"])
    assert [a.names for a in actors] == [["A"], ["A"], ["A"], ["B"]]
    branches = infer_decisions(steps, actors)
    assert (branches[1].ya, branches[1].tidak, branches[1].how) == (3, 4, "connectors")
