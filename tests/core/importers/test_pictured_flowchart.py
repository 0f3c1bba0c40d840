"""A flowchart pasted as one picture: actors come from the text, and the report says why."""

from sopap.core.importers import import_file
from sopap.core.importers.report import Status
from tests.core.importers.layouts import build_family


def test_a_flowchart_pasted_as_a_picture_takes_its_actors_from_the_step_texts():
    family = build_family("picture")
    result = import_file(family.data, family.filename)
    for got, want in zip(result.sops, family.expected, strict=True):
        assert got.sop is not None
        assert [s.pelaksana for s in got.sop.langkah] == [s.pelaksana for s in want.langkah]
        assert set(got.report.actor_evidence) == {"text"}


def test_the_report_says_the_flowchart_is_a_picture():
    family = build_family("picture")
    report = import_file(family.data, family.filename).sops[0].report
    notes = [n for n in report.notes if n.field == "bagan alir"]
    assert len(notes) == 1 and notes[0].status == Status.INFERRED
    assert "gambar" in notes[0].detail()


def test_a_drawn_flowchart_gets_no_picture_note():
    family = build_family("grid")
    report = import_file(family.data, family.filename).sops[0].report
    assert not [n for n in report.notes if n.field == "bagan alir"]
