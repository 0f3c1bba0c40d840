"""Two PDF drawings of the Word family that hid actors: a column border left out of the table, and a box
filled as one outline that reaches its inside through a slit.

The column-number row ("1 2 3 4 5 ...") still counts the columns: a cell holding "3 4" is two columns,
parted halfway between its numbers, down through that column's cells. Drawn here with PyMuPDF."""

from __future__ import annotations

import pytest

from sopap.core.importers import import_file
from sopap.core.importers.pdf_reader import EMU_PER_PT, read_pdf
from sopap.core.importers.tables import ShapeKind, Table

pymupdf = pytest.importorskip("pymupdf")

BLACK = (0, 0, 0)
ACTORS = ["Operator", "Verifikator", "Kepala"]
# No | Kegiatan | three actors | Kelengkapan | Output ; rows: header, actor names, numbers, 3 steps.
XS = [40, 70, 260, 330, 400, 470, 570, 690]
YS = [60, 80, 100, 112, 160, 210, 260]
STEPS = [("Menerima berkas", 0), ("Memeriksa berkas", 1), ("Menyetujui berkas", 2)]


def _sheet(*, unruled: int | None, slit: bool = False, stub: bool = False) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=792, height=612)
    rules = page.new_shape()
    for i, y in enumerate(YS):
        rules.draw_line((XS[2] if i == 1 else XS[0], y), (XS[5] if i == 1 else XS[-1], y))
    for i, x in enumerate(XS):
        if i == unruled:
            continue  # the border between two actor columns, left out everywhere below "Pelaksana"
        rules.draw_line((x, YS[1] if i in (3, 4) else YS[0]), (x, YS[-1]))
    rules.finish(color=BLACK, width=0.7)
    rules.commit()
    boxes = page.new_shape()
    for index, (_, col) in enumerate(STEPS):
        cx, cy = (XS[2 + col] + XS[3 + col]) / 2, (YS[3 + index] + YS[4 + index]) / 2
        x0, y0, x1, y1 = cx - 20, cy - 10, cx + 20, cy + 10
        if slit:
            # One loop: round the outside, in through a slit at the top-left corner, round the inside.
            # With ``stub`` the outline goes on down a connector leaving the box's bottom (Word fills
            # touching lines and boxes as one outline).
            below = [(cx + 0.4, y1), (cx + 0.4, y1 + 18), (cx - 0.4, y1 + 18), (cx - 0.4, y1)] if stub else []
            outside = [(x0, y0), (x1, y0), (x1, y1), *below, (x0, y1), (x0, y0 + 0.8)]
            inside = [(x0 + 0.8, y0 + 0.8), (x0 + 0.8, y1 - 0.8), (x1 - 0.8, y1 - 0.8), (x1 - 0.8, y0 + 0.8)]
            boxes.draw_polyline([*outside, *inside, (x0 + 0.8, y0 + 0.8), (x0, y0 + 0.8), (x0, y0)])
        else:
            boxes.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
    if slit:
        boxes.finish(fill=BLACK, color=None, even_odd=True)
    else:
        boxes.finish(color=BLACK, width=0.8)
    boxes.commit()
    words = [("No", 45, 85), ("Kegiatan", 120, 85), ("Pelaksana", 330, 74)]
    words += [(name, XS[2 + i] + 4, 93) for i, name in enumerate(ACTORS)]
    words += [("Kelengkapan", 475, 93), ("Output", 575, 93)]
    words += [(str(i + 1), (XS[i] + XS[i + 1]) / 2 - 2, 109) for i in range(len(XS) - 1)]
    for index, (text, _) in enumerate(STEPS):
        y = (YS[3 + index] + YS[4 + index]) / 2 + 3
        words += [(str(index + 1), 52, y), (text, 75, y), ("Berkas", 475, y), ("Catatan", 575, y)]
    for text, x, y in words:
        page.insert_text((x, y), text, fontsize=7)
    return document.tobytes()


def _actors(data: bytes) -> tuple[list[str], list[list[str]]]:
    result = import_file(data, "tanpa-garis.pdf")
    assert len(result.sops) == 1
    got = result.sops[0].data
    return got["pelaksana"], [s["pelaksana"] for s in got["langkah"]]


@pytest.mark.parametrize("unruled", [3, 4], ids=["first-two", "last-two"])
def test_actor_columns_without_a_border_are_parted_by_the_column_number_row(unruled):
    actors, steps = _actors(_sheet(unruled=unruled))
    assert actors == ACTORS
    assert steps == [[ACTORS[col]] for _, col in STEPS]


def test_the_split_falls_halfway_between_the_numbers_and_leaves_the_pelaksana_heading_whole():
    table = next(b for b in read_pdf(_sheet(unruled=3), "tanpa-garis.pdf") if isinstance(b, Table))
    bounds = [round(b / EMU_PER_PT) for b in table.col_bounds]
    assert bounds == [x - XS[0] for x in XS]
    heading = table.grid[0][2]
    assert heading is not None and heading.colspan == 3 and heading.text == "Pelaksana"


def test_a_table_with_every_border_is_left_as_drawn():
    table = next(b for b in read_pdf(_sheet(unruled=None), "tanpa-garis.pdf") if isinstance(b, Table))
    assert [round(b / EMU_PER_PT) for b in table.col_bounds] == [x - XS[0] for x in XS]


@pytest.mark.parametrize("stub", [False, True], ids=["box", "box-and-line"])
def test_a_box_filled_as_one_outline_through_a_slit_is_a_process_symbol(stub):
    data = _sheet(unruled=None, slit=True, stub=stub)
    table = next(b for b in read_pdf(data, "celah.pdf") if isinstance(b, Table))
    assert [s.kind for s in table.shapes if s.kind != ShapeKind.CONNECTOR] == [ShapeKind.PROCESS] * 3
    _, steps = _actors(data)
    assert steps == [[ACTORS[col]] for _, col in STEPS]
