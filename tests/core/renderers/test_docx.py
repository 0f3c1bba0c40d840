"""DOCX output: an editable Word document with real tables and native flowchart shapes in the actor cells."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from pypdf import PdfReader

from sopap.core import sopfile
from sopap.core.layout import RenderOptions, layout_procedure
from sopap.core.model import SOP, Simbol
from sopap.core.renderers import available_formats, render
from sopap.core.renderers.docx import render_docx
from tests.conftest import SERANG, examples, spec_example
from tests.strategies import sops

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
}
EXAMPLES = sorted(SERANG.glob("*.sop.yaml"))
PRESET = {
    Simbol.MULAI: "flowChartTerminator",
    Simbol.SELESAI: "flowChartTerminator",
    Simbol.PROSES: "flowChartProcess",
    Simbol.KEPUTUSAN: "flowChartDecision",
}


def _spj() -> SOP:
    return sopfile.load(spec_example())


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _text(element: etree._Element) -> str:
    """Cell text without what is inside shapes."""
    out = []
    for t in element.iter(f"{{{NS['w']}}}t"):
        if not any(a.tag == f"{{{NS['mc']}}}AlternateContent" for a in t.iterancestors()):
            out.append(t.text or "")
    return "".join(out).strip()


def _procedure_tables(root: etree._Element) -> list[etree._Element]:
    return [t for t in root.iter(f"{{{NS['w']}}}tbl") if "Uraian Prosedur" in _text(t.findall("w:tr", NS)[0])]


def _step_shapes(root: etree._Element) -> list[tuple[int, str, str]]:
    """(step, actor, preset) of every flowchart step shape, read from the cell it is anchored in."""
    found = []
    for table in _procedure_tables(root):
        rows = table.findall("w:tr", NS)
        actors = [_text(tc) for tc in rows[1].findall("w:tc", NS)]
        for tr in rows[2:]:
            cells = tr.findall("w:tc", NS)
            number = _text(cells[0]).rstrip(".")
            for index, tc in enumerate(cells):
                for wsp in tc.findall(".//mc:Choice//wps:wsp", NS):
                    preset = wsp.find("wps:spPr/a:prstGeom", NS).get("prst")
                    if preset.startswith("flowChart") and preset != "flowChartOffpageConnector":
                        found.append((int(number), actors[index], preset))
    return found


def _expected(sop: SOP) -> list[tuple[int, str, str]]:
    return [
        (n, actor, PRESET[sop.symbol_of(n)])
        for n, step in enumerate(sop.langkah, start=1)
        for actor in dict.fromkeys(step.pelaksana)
    ]


def test_docx_is_offered_by_the_format_registry_and_renders_through_it() -> None:
    assert "docx" in available_formats()
    data = render(_spj(), "docx")
    assert data[:2] == b"PK"


def test_the_document_opens_in_python_docx_with_the_identity_labels_of_the_official_form() -> None:
    document = docx.Document(io.BytesIO(render_docx(_spj())))
    identity = document.tables[0]
    texts = {cell.text.strip() for row in identity.rows for cell in row.cells}
    for label in (
        "Nomor",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan oleh",
        "Nama SOP",
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan dengan SOP Lain",
        "Peralatan / Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
    ):
        assert label in texts
    assert "12.01.32.2019" in texts
    assert "Mekanisme Penyusunan SPJ" in texts


def test_the_identity_sheet_is_portrait_and_the_procedure_sheet_landscape_on_f4_or_a4() -> None:
    for paper, (w_mm, h_mm) in (("f4", (215, 330)), ("a4", (210, 297))):
        document = docx.Document(io.BytesIO(render_docx(_spj(), RenderOptions(paper=paper))))
        first, second = document.sections
        assert round(first.page_width.mm) == w_mm and round(first.page_height.mm) == h_mm
        assert round(second.page_width.mm) == h_mm and round(second.page_height.mm) == w_mm


def test_the_procedure_table_has_the_grouped_header_repeated_and_one_exact_height_row_per_step() -> None:
    sop = _spj()
    root = _body(render_docx(sop))
    (table,) = _procedure_tables(root)
    rows = table.findall("w:tr", NS)
    top = [_text(tc) for tc in rows[0].findall("w:tc", NS)]
    assert top == ["No", "Uraian Prosedur", "Pelaksana", "Mutu Baku", "Ket."]
    spans = [tc.find("w:tcPr/w:gridSpan", NS) for tc in rows[0].findall("w:tc", NS)]
    assert [int(s.get(f"{{{NS['w']}}}val")) if s is not None else 1 for s in spans] == [1, 1, 3, 3, 1]
    second = [_text(tc) for tc in rows[1].findall("w:tc", NS)]
    assert second == [
        "",
        "",
        "PPTK",
        "Bendahara Pengeluaran",
        "Kasubag Keuangan",
        "Kelengkapan",
        "Waktu",
        "Output",
        "",
    ]
    for tr in rows[:2]:
        assert tr.find("w:trPr/w:tblHeader", NS) is not None
    body = rows[2:]
    assert [_text(tr.findall("w:tc", NS)[0]) for tr in body] == ["1.", "2.", "3.", "4.", "5."]
    assert [_text(tr.findall("w:tc", NS)[1]) for tr in body] == [s.kegiatan for s in sop.langkah]
    for tr in body:
        height = tr.find("w:trPr/w:trHeight", NS)
        assert height.get(f"{{{NS['w']}}}hRule") == "exact"
    layout = layout_procedure(sop, RenderOptions())
    grid = layout.pages[0].grid
    assert grid is not None
    assert [int(tr.find("w:trPr/w:trHeight", NS).get(f"{{{NS['w']}}}val")) for tr in body] == [
        round(r.height * 20) for r in grid.rows
    ]


def test_lists_in_a_cell_are_separate_paragraphs() -> None:
    sop = _spj()
    sop.langkah[0].kelengkapan = ["SPJ", "Kuitansi", "Nota"]
    document = docx.Document(io.BytesIO(render_docx(sop)))
    procedure = document.tables[1]
    cell = procedure.rows[2].cells[5]
    assert [p.text for p in cell.paragraphs] == ["\u2022 SPJ", "\u2022 Kuitansi", "\u2022 Nota"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split("-")[0])
def test_every_step_has_exactly_one_native_shape_per_actor_with_the_right_preset(path: Path) -> None:
    sop = sopfile.load_path(path)
    shapes = _step_shapes(_body(render_docx(sop)))
    assert Counter(shapes) == Counter(_expected(sop))


def test_the_first_and_last_steps_are_terminators_and_a_decision_is_a_diamond() -> None:
    shapes = {step: preset for step, _, preset in _step_shapes(_body(render_docx(_spj())))}
    assert shapes == {
        1: "flowChartTerminator",
        2: "flowChartProcess",
        3: "flowChartDecision",
        4: "flowChartProcess",
        5: "flowChartTerminator",
    }


def test_shapes_are_anchored_in_their_cell_floating_over_the_text_with_a_vml_fallback() -> None:
    root = _body(render_docx(_spj()))
    alternates = list(root.iter(f"{{{NS['mc']}}}AlternateContent"))
    assert alternates
    for alternate in alternates:
        anchor = alternate.find("mc:Choice/w:drawing/wp:anchor", NS)
        assert anchor is not None
        assert anchor.get("layoutInCell") == "1" and anchor.get("behindDoc") == "0"
        assert anchor.find("wp:wrapNone", NS) is not None
        assert anchor.find("wp:positionH", NS).get("relativeFrom") == "column"
        assert anchor.find("wp:positionV", NS).get("relativeFrom") == "paragraph"
        fallback = alternate.find("mc:Fallback/w:pict", NS)
        assert fallback is not None and len(fallback) == 1
        assert fallback[0].tag.startswith(f"{{{NS['v']}}}")
    ids = [d.get("id") for d in root.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == len(set(ids))


def test_connectors_are_straight_segments_ending_in_an_arrowhead_and_labelled_ya_and_tidak() -> None:
    root = _body(render_docx(_spj()))
    wsps = list(root.findall(".//mc:Choice//wps:wsp", NS))
    lines = [w for w in wsps if w.find("wps:spPr/a:prstGeom", NS).get("prst") == "straightConnector1"]
    assert lines and all(w.find("wps:cNvCnPr", NS) is not None for w in lines)
    heads = [w for w in lines if w.find("wps:spPr/a:ln/a:tailEnd", NS) is not None]
    # One arrowhead per flow: 1->2, 2->3, 3->4 (ya), 3->2 (tidak), 4->5.
    assert len(heads) == 5
    labels = [
        _text_in(w)
        for w in wsps
        if w.find("wps:cNvSpPr", NS) is not None and w.find("wps:cNvSpPr", NS).get("txBox") == "1"
    ]
    assert sorted(labels) == ["Tidak", "Ya"]


def _text_in(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{NS['w']}}}t"))


def test_the_document_styles_use_arial() -> None:
    document = docx.Document(io.BytesIO(render_docx(_spj())))
    assert document.styles["Normal"].font.name == "Arial"
    root = _body(render_docx(_spj()))
    fonts = {f.get(f"{{{NS['w']}}}ascii") for f in root.iter(f"{{{NS['w']}}}rFonts")}
    assert fonts <= {"Arial"}


def test_a_procedure_on_several_pages_has_one_table_per_page_and_off_page_connectors_in_pairs() -> None:
    sop = sopfile.load_path(SERANG / "33-penyusunan-renja.sop.yaml")
    options = RenderOptions(steps_per_page=3)
    root = _body(render_docx(sop, options))
    tables = _procedure_tables(root)
    assert len(tables) == len(layout_procedure(sop, options).pages) == 3
    offpage = [
        _text_in(w)
        for w in root.findall(".//mc:Choice//wps:wsp", NS)
        if w.find("wps:spPr/a:prstGeom", NS).get("prst") == "flowChartOffpageConnector"
    ]
    assert offpage and all(count == 2 for count in Counter(offpage).values())
    assert Counter(_step_shapes(root)) == Counter(_expected(sop))


def test_english_headers_with_lang_en() -> None:
    document = docx.Document(io.BytesIO(render_docx(_spj(), RenderOptions(lang="en"))))
    texts = {cell.text.strip() for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Procedure", "Actors", "Quality Standard", "Legal Basis", "SOP Name"} <= texts


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split("-")[0])
def test_every_example_imports_back_to_the_same_sop(path: Path) -> None:
    importers = pytest.importorskip("sopap.core.importers")
    sop = sopfile.load_path(path)
    result = importers.import_file(render_docx(sop), path.name.replace(".sop.yaml", ".docx"))
    assert len(result.sops) == 1
    assert result.sops[0].sop == sop


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=25, max_actors=8))
def test_generated_sops_get_one_shape_per_step_and_actor(sop: SOP) -> None:
    data = render_docx(sop)
    docx.Document(io.BytesIO(data))
    assert Counter(_step_shapes(_body(data))) == Counter(_expected(sop))


# scripts/test.sh installs LibreOffice; on CI a missing one is a failure of the setup, not a reason to skip.
@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice is not installed"
)
def test_libreoffice_converts_the_document_to_a_pdf_with_identity_and_procedure_pages(tmp_path: Path) -> None:
    sop = sopfile.load_path(SERANG / "33-penyusunan-renja.sop.yaml")
    source = tmp_path / "renja.docx"
    source.write_bytes(render_docx(sop, RenderOptions(steps_per_page=5)))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "renja.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # 1 identity page + 2 procedure pages: LibreOffice breaks the pages where the geometry does.
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.stem)
def test_every_row_of_every_table_spans_exactly_the_columns_of_its_grid(path: Path) -> None:
    """Word lays a row out by its cells' gridSpan; a row covering fewer columns than the grid is drawn
    short (LibreOffice forgives it, Word does not)."""
    root = _body(render_docx(sopfile.load_path(path)))
    for table in root.iter(f"{{{NS['w']}}}tbl"):
        columns = len(table.findall("w:tblGrid/w:gridCol", NS))
        for number, row in enumerate(table.findall("w:tr", NS), start=1):
            spans = [
                int(cell.find("w:tcPr/w:gridSpan", NS).get(f"{{{NS['w']}}}val"))
                if cell.find("w:tcPr/w:gridSpan", NS) is not None
                else 1
                for cell in row.findall("w:tc", NS)
            ]
            assert sum(spans) == columns, f"row {number}: {spans} of {columns}"
