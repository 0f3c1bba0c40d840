"""XLSX output: the identity and the procedure table as cells, the flowchart as a picture over the lanes."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from PIL import Image

from sopap.core import sopfile
from sopap.core.layout import RenderOptions
from sopap.core.model import SOP
from sopap.core.renderers import available_formats, render
from sopap.core.renderers.xlsx import HEADER_ROW, render_xlsx
from tests.conftest import SERANG, examples, spec_example
from tests.strategies import sops


def _spj() -> SOP:
    return sopfile.load(spec_example())


def _book(sop: SOP, options: RenderOptions | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(sop, options)))


def _merged(ws: object, row: int, col: int) -> str | None:
    for merged in ws.merged_cells.ranges:  # type: ignore[attr-defined]
        if merged.min_row == row and merged.min_col == col:
            return merged.coord  # type: ignore[no-any-return]
    return None


def test_xlsx_is_offered_by_the_format_registry_and_renders_through_it() -> None:
    assert "xlsx" in available_formats()
    assert render(_spj(), "xlsx")[:2] == b"PK"


def test_the_workbook_has_an_identity_sheet_and_a_procedure_sheet() -> None:
    book = _book(_spj())
    assert book.sheetnames == ["Identitas", "Prosedur"]
    identity = book["Identitas"]
    values = {identity.cell(r, 1).value: identity.cell(r, 2).value for r in range(1, identity.max_row + 1)}
    assert values["Nomor"] == "12.01.32.2019"
    assert values["Nama SOP"] == "Mekanisme Penyusunan SPJ"
    assert values["Tanggal Efektif"] == "30 April 2019"
    assert values["Peralatan / Perlengkapan"] == "\u2022 ATK\n\u2022 Komputer\n\u2022 Printer"
    assert "W. Hari Pamungkas" in values["Disahkan oleh"]


def test_the_procedure_sheet_has_grouped_headers_and_one_row_per_step_with_its_mutu_baku() -> None:
    sop = _spj()
    ws = _book(sop)["Prosedur"]
    h0, h1 = HEADER_ROW, HEADER_ROW + 1
    assert [ws.cell(h0, c).value for c in (1, 2, 3, 6, 9)] == [
        "No",
        "Uraian Prosedur",
        "Pelaksana",
        "Mutu Baku",
        "Ket.",
    ]
    assert _merged(ws, h0, 3) == "C4:E4" and _merged(ws, h0, 6) == "F4:H4" and _merged(ws, h0, 1) == "A4:A5"
    assert [ws.cell(h1, c).value for c in range(3, 9)] == [
        "PPTK",
        "Bendahara Pengeluaran",
        "Kasubag Keuangan",
        "Kelengkapan",
        "Waktu",
        "Output",
    ]
    first = h1 + 1
    for i, step in enumerate(sop.langkah):
        r = first + i
        assert ws.cell(r, 1).value == f"{i + 1}."
        assert ws.cell(r, 2).value == step.kegiatan
        assert ws.cell(r, 6).value == step.kelengkapan[0]
        assert ws.cell(r, 7).value == step.waktu
        assert ws.cell(r, 8).value == step.output[0]
    assert ws.cell(first + len(sop.langkah), 1).value is None


def test_the_actor_of_each_step_is_marked_in_its_cell_so_the_table_alone_is_useful() -> None:
    ws = _book(_spj())["Prosedur"]
    first = HEADER_ROW + 2
    marks = [[ws.cell(first + i, c).value for c in (3, 4, 5)] for i in range(5)]
    assert marks == [
        ["\u25cf", None, None],
        [None, "\u25a0", None],
        [None, None, "\u25c6"],
        [None, "\u25a0", None],
        [None, "\u25cf", None],
    ]


def test_the_flowchart_picture_is_embedded_over_the_actor_columns_at_the_first_step() -> None:
    data = render_xlsx(_spj())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1
        image = Image.open(io.BytesIO(archive.read(media[0])))
        assert image.format == "PNG" and image.width > 300
        drawing = archive.read("xl/drawings/drawing1.xml").decode()
    assert "<col>2</col>" in drawing and f"<row>{HEADER_ROW + 1}</row>" in drawing


def test_the_sheet_prints_landscape_on_the_chosen_paper_with_repeated_header_rows_and_frozen_panes() -> None:
    for paper, size in (("f4", 14), ("a4", 9)):
        ws = _book(_spj(), RenderOptions(paper=paper))["Prosedur"]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == size
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW + 1}"
        assert ws.freeze_panes == f"C{HEADER_ROW + 2}"


def test_english_sheet_names_and_headers_with_lang_en() -> None:
    book = _book(_spj(), RenderOptions(lang="en"))
    assert book.sheetnames == ["Identity", "Procedure"]
    assert book["Procedure"].cell(HEADER_ROW, 3).value == "Actors"


@pytest.mark.parametrize("path", sorted(SERANG.glob("*.sop.yaml"))[:4], ids=lambda p: p.name.split("-")[0])
def test_examples_render_with_every_step_in_the_table(path: object) -> None:
    sop = sopfile.load_path(path)  # type: ignore[arg-type]
    ws = _book(sop)["Prosedur"]
    first = HEADER_ROW + 2
    assert [ws.cell(first + i, 2).value for i in range(len(sop.langkah))] == [s.kegiatan for s in sop.langkah]


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=20, max_actors=8))
def test_generated_sops_render_a_row_and_a_mark_per_step(sop: SOP) -> None:
    ws = _book(sop)["Prosedur"]
    first = HEADER_ROW + 2
    actors = [ws.cell(HEADER_ROW + 1, c).value for c in range(3, 3 + len(sop.actors))]
    for i, step in enumerate(sop.langkah):
        marked = [a for k, a in enumerate(actors) if ws.cell(first + i, 3 + k).value]
        assert sorted(marked) == sorted(set(step.pelaksana))
