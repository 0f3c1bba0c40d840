"""`sopap book` and `sopap keputusan` on the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sopap.cli.main import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "serang"


def test_book_writes_a_pdf_of_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "buku.pdf"
    result = CliRunner().invoke(
        cli, ["book", str(EXAMPLES), "-o", str(out), "--keputusan", "--tahun", "2019"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_a_missing_logo_is_named_with_its_path(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    result = CliRunner().invoke(
        cli, ["book", str(EXAMPLES), "-o", str(tmp_path / "b.pdf"), "--logo", str(logo)]
    )
    assert result.exit_code == 1
    assert str(logo) in result.output


def test_keputusan_takes_its_number_and_date(tmp_path: Path) -> None:
    out = tmp_path / "k.pdf"
    args = ["keputusan", str(EXAMPLES), "-o", str(out), "--nomor", "065/1/2019", "--tanggal", "2019-04-30"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_a_wrong_setting_names_the_file_and_field(tmp_path: Path) -> None:
    settings = tmp_path / "buku.yaml"
    settings.write_text("keputusan:\n  tanggal: bukan-tanggal\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["book", str(EXAMPLES), "-o", str(tmp_path / "b.pdf"), "--pengaturan", str(settings)]
    )
    assert result.exit_code == 1
    assert f"{settings}: keputusan.tanggal" in result.output


def test_book_writes_a_docx_when_the_output_ends_in_docx(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "buku.docx"
    result = CliRunner().invoke(cli, ["book", str(EXAMPLES), "-o", str(out), "--keputusan"])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "KATA PENGANTAR" in texts and "BAB III PENUTUP" in texts


def test_keputusan_writes_a_docx_to_edit_before_signing(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "k.docx"
    args = ["keputusan", str(EXAMPLES), "-o", str(out), "--nomor", "065/1/2019"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "NOMOR: 065/1/2019" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_an_unknown_output_format_is_refused_naming_pdf_and_docx(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["book", str(EXAMPLES), "-o", str(tmp_path / "buku.odt")])
    assert result.exit_code == 2
    assert "pdf, docx" in result.output
