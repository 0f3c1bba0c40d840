"""PDFs that LibreOffice writes (its own drawing of Word tables and shapes: stroked borders, symbols as
quads, outlines apart from their fill, separate arrowheads) import back to the SOPs they were made from.
Skipped where `soffice` is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sopap.core.importers import import_file
from sopap.core.layout.options import RenderOptions
from sopap.core.sopfile import dump, load

pytest.importorskip("pymupdf")
docx = pytest.importorskip("sopap.core.renderers.docx")
SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

SERANG = Path(__file__).resolve().parents[2] / "examples" / "serang"
# A decision going forward, one going back to an earlier step, and a long procedure.
NAMES = ("31-pengajuan-spp-spm", "33-penyusunan-renja", "38-penyusunan-lppd")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    for name in NAMES:
        sop = load((SERANG / f"{name}.sop.yaml").read_text(encoding="utf-8"))
        (folder / f"{name}.docx").write_bytes(docx.render_docx(sop, RenderOptions()))
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{n}.docx") for n in NAMES),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_a_word_sop_converted_to_pdf_by_libreoffice_imports_back_equal(converted, name):
    want = load((SERANG / f"{name}.sop.yaml").read_text(encoding="utf-8"))
    result = import_file((converted / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    assert len(result.sops) == 1
    got = result.sops[0]
    assert got.sop is not None, got.report.render()
    assert dump(got.sop) == dump(want)
    assert set(got.report.actor_evidence) == {"shape"}
