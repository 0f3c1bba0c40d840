"""A PDF whose every line is paint filled as the outline of a stroke (as the browsers and Word write the
signed SOPs of the BPS Bengkulu family): thin filled rectangles for the table, rings for the symbols, a
thin polygon with a triangle for a connector. Drawn here with PyMuPDF, so the test needs no corpus."""

from __future__ import annotations

import math

import pytest

from sopap.core.importers import import_file
from sopap.core.importers.pdf_reader import EMU_PER_PT, read_pdf
from sopap.core.importers.tables import ShapeKind, Table

pymupdf = pytest.importorskip("pymupdf")

BLACK = (0, 0, 0)
# Columns: No | Kegiatan | Staf | Kepala | Kelengkapan | Waktu | Output ; rows: header, sub-header, 3 steps.
XS = [40, 70, 260, 340, 420, 520, 580, 680]
YS = [60, 80, 100, 150, 200, 260]


def _rule(shape, x0, y0, x1, y1):
    shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))


def _ring(shape, points, inset):
    """A symbol's outline as Word prints it: the outer loop and the inner one, filled even-odd."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    inner = [(x + (cx - x) * inset, y + (cy - y) * inset) for x, y in points]
    for loop in (points, inner):
        shape.draw_polyline([*loop, loop[0]])


def _capsule(x0, y0, x1, y1, steps=12):
    r = (y1 - y0) / 2
    right = [
        (x1 - r + r * math.cos(a), y0 + r - r * math.sin(a))
        for a in (math.pi / 2 - i * math.pi / steps for i in range(steps + 1))
    ]
    left = [
        (x0 + r - r * math.cos(a), y0 + r + r * math.sin(a))
        for a in (math.pi / 2 - i * math.pi / steps for i in range(steps + 1))
    ]
    return right + left


def _sheet() -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=792, height=612)
    rules = page.new_shape()
    for y in YS:
        _rule(rules, XS[0], y, XS[-1], y + 0.7)
    for i, x in enumerate(XS):
        # "Pelaksana" and "Mutu Baku" span their columns in the header row: no line between them there.
        top = YS[1] if i in (3, 5, 6) else YS[0]
        _rule(rules, x, top, x + 0.7, YS[-1])
    rules.finish(fill=BLACK, color=None)
    rules.commit()
    symbols = page.new_shape()
    _ring(symbols, _capsule(280, 115, 320, 135), 0.1)  # step 1: Staf, a terminator
    _ring(symbols, [(355, 160), (405, 160), (405, 190), (355, 190)], 0.06)  # step 2: Kepala, a process
    _ring(symbols, [(300, 210), (330, 230), (300, 250), (270, 230)], 0.08)  # step 3: Staf, a decision
    symbols.finish(fill=BLACK, color=None, even_odd=True)
    symbols.commit()
    lines = page.new_shape()
    # Step 1 -> step 2: right from the capsule, then down to the box, as the outline of a 0.8 pt stroke.
    outline = [(320, 124.6), (380.4, 124.6), (380.4, 156), (379.6, 156), (379.6, 125.4), (320, 125.4)]
    lines.draw_polyline([*outline, outline[0]])
    lines.draw_polyline([(377.5, 156), (382.5, 156), (380, 160), (377.5, 156)])
    lines.finish(fill=BLACK, color=None)
    lines.commit()
    for text, x, y in (
        ("No", 45, 75),
        ("Kegiatan", 120, 75),
        ("Pelaksana", 280, 72),
        ("Mutu Baku", 520, 72),
        ("Staf", 285, 93),
        ("Kepala", 360, 93),
        ("Kelengkapan", 425, 93),
        ("Waktu", 525, 93),
        ("Output", 585, 93),
        ("1", 50, 128),
        ("Menyusun konsep surat", 75, 128),
        ("Draf", 425, 128),
        ("1 jam", 525, 128),
        ("Konsep", 585, 128),
        ("2", 50, 178),
        ("Memeriksa konsep surat", 75, 178),
        ("Konsep", 425, 178),
        ("1 hari", 525, 178),
        ("Surat", 585, 178),
        ("3", 50, 233),
        ("Mengirim surat", 75, 233),
        ("Surat", 425, 233),
        ("1 jam", 525, 233),
        ("Tanda terima", 585, 233),
    ):
        page.insert_text((x, y), text, fontsize=8)
    page.insert_text(
        (60, 590),
        "* Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik",
        fontsize=6,
    )
    return document.tobytes()


@pytest.fixture(scope="module")
def imported():
    result = import_file(_sheet(), "gambar-isi.pdf")
    assert len(result.sops) == 1
    return result.sops[0]


def test_the_table_is_read_from_thin_filled_rectangles(imported):
    assert [s["kegiatan"] for s in imported.data["langkah"]] == [
        "Menyusun konsep surat",
        "Memeriksa konsep surat",
        "Mengirim surat",
    ]
    assert imported.data["pelaksana"] == ["Staf", "Kepala"]
    assert imported.data["langkah"][1]["waktu"] == "1 hari"


def test_rings_of_two_loops_are_symbols_and_give_each_step_its_actor(imported):
    assert [s["pelaksana"] for s in imported.data["langkah"]] == [["Staf"], ["Kepala"], ["Staf"]]
    assert imported.report.actor_evidence == ["shape", "shape", "shape"]


def test_a_diamond_ring_makes_a_decision(imported):
    assert "keputusan" in imported.data["langkah"][2]


def test_the_electronic_signature_stamp_is_no_part_of_the_sop(imported):
    assert "ditandatangani" not in imported.yaml


def test_a_connector_filled_as_its_outline_reads_as_its_centre_line_with_the_arrow_at_its_tip():
    table = next(b for b in read_pdf(_sheet(), "x.pdf") if isinstance(b, Table))
    lines = [s for s in table.shapes if s.kind == ShapeKind.CONNECTOR]
    assert len(lines) == 2
    first, second = lines

    def pt(point):
        return tuple(
            round(v / EMU_PER_PT + origin, 1) for v, origin in zip(point, (XS[0], YS[0]), strict=True)
        )

    # The grid's origin is the middle of its 0.7 pt border, hence the half-point tolerance.
    assert pt(first.start)[1] == pytest.approx(125.0, abs=0.5)  # the middle of the 0.8 pt stroke
    assert pt(first.end)[1] == pt(first.start)[1]
    assert first.end == second.start  # the corner is one point
    assert pt(second.end) == pytest.approx((380.0, 160.0), abs=0.5)
    assert second.arrow == "end"
