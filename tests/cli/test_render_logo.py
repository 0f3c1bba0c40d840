"""`sopap render --logo FILE` prints the checked logo on the identity sheet (and refuses what is not one);
`--draf` marks every page."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import sop_data
from tests.core.test_logo import SVG, _image


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_render_with_a_logo_draws_it_instead_of_a_placeholder(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_sop(sop_data())
    for name, data in (("lambang.png", _image("PNG")), ("lambang.svg", SVG)):
        logo = tmp_path / name
        logo.write_bytes(data)
        out = tmp_path / f"{name}.pdf"
        result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out), "--logo", str(logo)])
        assert result.exit_code == 0, result.output
        assert "LOGO" not in _text(out)


def test_a_text_file_named_png_is_refused_with_the_reason(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "lambang.png"
    logo.write_text("bukan gambar\n")
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(
        cli, ["render", str(write_sop(sop_data())), "-o", str(out), "--logo", str(logo)]
    )
    assert result.exit_code == 2
    assert "PNG, JPEG atau SVG" in result.output and not out.exists()


def test_draf_marks_every_page(write_sop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(cli, ["render", str(write_sop(sop_data())), "-o", str(out), "--draf"])
    assert result.exit_code == 0, result.output
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    assert all("DRAF" in page.extract_text() for page in pages)
