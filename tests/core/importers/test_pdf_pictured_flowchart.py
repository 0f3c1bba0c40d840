"""A PDF procedure table whose text is real but whose flowchart, over the actor columns, is one picture.

The table's rulings and words are drawn with PyMuPDF as a word processor prints them; the flowchart is
drawn on a scratch page and rasterised, then pasted over the actor columns (opaque, transparent, or as a
screenshot that took the table's rulings with it). The actors come back from the symbols seen in the
pixels, and a picture that is no flowchart gives no actor."""

from __future__ import annotations

import math
import random

import pytest

from sopap.core.importers import import_file
from sopap.core.importers.pdf_reader import read_pdf
from sopap.core.importers.tables import RASTER, ShapeKind, Table

pymupdf = pytest.importorskip("pymupdf")

BLACK = (0, 0, 0)
ACTORS = ["Operator", "Verifikator", "Kepala Seksi"]
# Columns: No | Kegiatan | three actors | Kelengkapan | Waktu | Output ; rows: header, actor names, 5 steps.
XS = [40, 70, 260, 330, 400, 470, 560, 620, 720]
YS = [60, 80, 100, 150, 200, 250, 300, 350]
# Each step: its text (naming no actor), its actor column (0-2) and its symbol.
STEPS = [
    ("Menerima berkas permohonan", 0, "terminator"),
    ("Memeriksa kelengkapan berkas", 1, "process"),
    ("Menilai kelayakan permohonan", 2, "decision"),
    ("Mencatat hasil penilaian", 0, "process"),
    ("Mengarsipkan berkas", 1, "process"),
]
AREA = (XS[2], YS[2], XS[5], YS[-1])  # the picture covers the actor columns of the step rows


def _centre(step: int) -> tuple[float, float]:
    col = STEPS[step][1]
    return (XS[2 + col] + XS[3 + col]) / 2, (YS[2 + step] + YS[3 + step]) / 2


def _symbol(shape, kind: str, cx: float, cy: float) -> None:
    w, h = 44, 22
    if kind == "process":
        shape.draw_rect(pymupdf.Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    elif kind == "decision":
        shape.draw_polyline([(cx, cy - 16), (cx + 24, cy), (cx, cy + 16), (cx - 24, cy), (cx, cy - 16)])
    else:
        r = h / 2
        points = [(cx + w / 2 - r + r * math.sin(a), cy - r * math.cos(a)) for a in _arc(0, math.pi)]
        points += [(cx - w / 2 + r - r * math.sin(a), cy + r * math.cos(a)) for a in _arc(0, math.pi)]
        shape.draw_polyline([*points, points[0]])


def _arc(start: float, end: float, steps: int = 16) -> list[float]:
    return [start + (end - start) * i / steps for i in range(steps + 1)]


OFFICE_BLUE = (0.27, 0.45, 0.77)  # the fill Word gives a new shape; its words are white


def _flowchart(*, rulings: bool = False, lettered: bool = False, filled: bool = False) -> pymupdf.Document:
    """The flowchart alone on a page the size of the picture (coordinates as on the sheet)."""
    x0, y0, x1, y1 = AREA
    scratch = pymupdf.open()
    page = scratch.new_page(width=x1 - x0, height=y1 - y0)
    page.set_cropbox(page.rect)
    shape = page.new_shape()
    move = pymupdf.Matrix(1, 0, 0, 1, -x0, -y0)
    if rulings:
        for x in XS[2:6]:
            shape.draw_line(pymupdf.Point(x, y0) * move, pymupdf.Point(x, y1) * move)
        for y in YS[2:]:
            shape.draw_line(pymupdf.Point(x0, y) * move, pymupdf.Point(x1, y) * move)
    if filled:
        symbols = page.new_shape()
        for index, (_, _, kind) in enumerate(STEPS):
            cx, cy = pymupdf.Point(*_centre(index)) * move
            _symbol(symbols, kind, cx, cy)
        symbols.finish(color=(0.18, 0.33, 0.59), fill=OFFICE_BLUE, width=1)
        symbols.commit()
    else:
        for index, (_, _, kind) in enumerate(STEPS):
            cx, cy = pymupdf.Point(*_centre(index)) * move
            _symbol(shape, kind, cx, cy)
    for index in range(len(STEPS) - 1):
        (ax, ay), (bx, by) = (pymupdf.Point(*_centre(i)) * move for i in (index, index + 1))
        # Down from the symbol, across to the next column, down into the next symbol.
        mid = (ay + by) / 2 + 4
        shape.draw_polyline([(ax, ay + 12), (ax, mid), (bx, mid), (bx, by - 12)])
    shape.finish(color=BLACK, width=1, closePath=False)
    shape.commit()
    heads = page.new_shape()
    for index in range(1, len(STEPS)):
        bx, by = pymupdf.Point(*_centre(index)) * move
        heads.draw_polyline([(bx - 3, by - 17), (bx + 3, by - 17), (bx, by - 12), (bx - 3, by - 17)])
    heads.finish(fill=BLACK, color=None)
    heads.commit()
    if lettered:
        for index in range(len(STEPS)):
            cx, cy = pymupdf.Point(*_centre(index)) * move
            page.insert_text((cx - 10, cy + 2), "Berkas", fontsize=6, color=(1, 1, 1) if filled else BLACK)
    return scratch


def _png(scratch: pymupdf.Document, *, alpha: bool = False) -> bytes:
    return scratch[0].get_pixmap(dpi=150, alpha=alpha).tobytes("png")


def _jpeg(scratch: pymupdf.Document) -> bytes:
    """A screenshot saved as JPEG: its lines blurred by the compression, its paper speckled."""
    return scratch[0].get_pixmap(dpi=120).tobytes("jpg", jpg_quality=40)


def _sheet(picture: bytes | None, *, texts: bool = True) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=792, height=612)
    rules = page.new_shape()
    for i, y in enumerate(YS):
        left = XS[2] if i == 1 else XS[0]  # "Pelaksana" heads the actor names: no line under No, Kegiatan
        right = XS[5] if i == 1 else XS[-1]
        rules.draw_line((left, y), (right, y))
    for i, x in enumerate(XS):
        top = YS[1] if i in (3, 4, 6, 7) else YS[0]
        rules.draw_line((x, top), (x, YS[-1]))
    rules.finish(color=BLACK, width=0.7)
    rules.commit()
    words = [("No", 45, 85), ("Kegiatan", 120, 85), ("Pelaksana", 330, 74), ("Mutu Baku", 600, 74)]
    words += [(name, XS[2 + i] + 3, 93) for i, name in enumerate(ACTORS)]
    words += [("Kelengkapan", 475, 93), ("Waktu", 565, 93), ("Output", 625, 93)]
    for index, (text, _, _) in enumerate(STEPS):
        y = _centre(index)[1] + 3
        words += [(str(index + 1), 52, y), (text, 75, y), ("Berkas", 475, y), ("1 hari", 565, y)]
        words += [("Catatan", 625, y)]
    if texts:
        for text, x, y in words:
            page.insert_text((x, y), text, fontsize=7)
    if picture is not None:
        page.insert_image(pymupdf.Rect(*AREA), stream=picture)
    return document.tobytes()


def _steps(data: bytes) -> tuple[list[list[str]], list[str], list[bool]]:
    result = import_file(data, "bagan-gambar.pdf")
    assert len(result.sops) == 1
    got = result.sops[0]
    steps = got.data["langkah"]
    return [s["pelaksana"] for s in steps], got.report.actor_evidence, ["keputusan" in s for s in steps]


def _expected() -> list[list[str]]:
    return [[ACTORS[col]] for _, col, _ in STEPS]


@pytest.mark.parametrize("encoding", ["opaque", "transparent", "jpeg"])
def test_the_actors_come_back_from_the_symbols_seen_in_the_picture(encoding):
    scratch = _flowchart()
    picture = _jpeg(scratch) if encoding == "jpeg" else _png(scratch, alpha=encoding == "transparent")
    actors, evidence, decisions = _steps(_sheet(picture))
    assert actors == _expected()
    assert evidence == ["picture"] * len(STEPS)
    assert decisions == [kind == "decision" for _, _, kind in STEPS]


@pytest.mark.parametrize(
    "drawing",
    [{"rulings": True}, {"lettered": True}, {"filled": True, "lettered": True}],
    ids=["rulings", "lettered", "filled"],
)
def test_a_screenshot_with_rulings_words_or_filled_symbols_still_gives_the_actors(drawing):
    actors, evidence, decisions = _steps(_sheet(_png(_flowchart(**drawing))))
    assert actors == _expected()
    assert evidence == ["picture"] * len(STEPS)
    assert decisions == [kind == "decision" for _, _, kind in STEPS]


def test_the_symbols_are_shapes_of_the_intermediate_with_their_kind_and_the_report_says_picture():
    blocks = read_pdf(_sheet(_png(_flowchart())), "bagan-gambar.pdf")
    table = next(b for b in blocks if isinstance(b, Table))
    seen = [s for s in table.shapes if s.how == RASTER]
    assert sorted(str(s.kind) for s in seen) == sorted(kind for _, _, kind in STEPS)
    assert any(s.kind == ShapeKind.PICTURE for s in table.shapes)
    report = import_file(_sheet(_png(_flowchart())), "bagan-gambar.pdf").sops[0].report
    notes = [n.detail() for n in report.notes if n.field == "bagan alir"]
    assert len(notes) == 1 and "dikenali pada gambar" in notes[0]
    assert "dikenali dari gambar" in report.render()
    assert "recognised in the picture" in report.render("en")


def _noise_photo() -> bytes:
    """A photograph-like picture: shades everywhere, no line drawing."""
    rng = random.Random(7)
    width, height = 210, 250
    samples = bytes(
        max(0, min(255, int(128 + 90 * math.sin(x / 9.0) * math.cos(y / 13.0)) + rng.randint(-40, 40)))
        for y in range(height)
        for x in range(width)
    )
    return pymupdf.Pixmap(pymupdf.csGRAY, width, height, samples, False).tobytes("png")


def _form_screenshot() -> bytes:
    """A screenshot of a form: a grid of boxes side by side, with a little text in them."""
    scratch = pymupdf.open()
    page = scratch.new_page(width=AREA[2] - AREA[0], height=AREA[3] - AREA[1])
    shape = page.new_shape()
    for row in range(8):
        for col in range(3):
            shape.draw_rect(
                pymupdf.Rect(10 + col * 62, 10 + row * 28, 10 + (col + 1) * 62, 10 + (row + 1) * 28)
            )
    shape.finish(color=BLACK, width=1)
    shape.commit()
    for row in range(8):
        page.insert_text((14, 28 + row * 28), f"Isian {row + 1}", fontsize=7)
    return page.get_pixmap(dpi=150).tobytes("png")


def _text_picture() -> bytes:
    """A pasted paragraph: letters, whose counters are the only enclosed paper."""
    scratch = pymupdf.open()
    page = scratch.new_page(width=AREA[2] - AREA[0], height=AREA[3] - AREA[1])
    for line in range(20):
        page.insert_text((6, 14 + line * 12), "Pemohon mengisi formulir dan bukti OPD", fontsize=10)
    return page.get_pixmap(dpi=150).tobytes("png")


@pytest.mark.parametrize("picture", [_noise_photo, _form_screenshot, _text_picture], ids=lambda f: f.__name__)
def test_a_picture_that_is_no_flowchart_gives_no_actor(picture):
    actors, evidence, decisions = _steps(_sheet(picture()))
    assert "picture" not in evidence
    assert actors == [[] for _ in STEPS]  # the step texts name no actor either
    assert not any(decisions)
