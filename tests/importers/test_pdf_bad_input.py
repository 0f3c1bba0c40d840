"""PDFs that hold no readable SOP: a clear message naming the file, never a traceback, nothing written."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from sopap.cli.main import cli
from sopap.core.importers import (
    CorruptFileError,
    EncryptedFileError,
    ImportFileError,
    NoSopFoundError,
    import_file,
)

pymupdf = pytest.importorskip("pymupdf")


def _scanned() -> bytes:
    """A page that is only a picture of a page, as a scanner writes it."""
    from PIL import Image

    picture = io.BytesIO()
    Image.new("L", (400, 300), 255).save(picture, format="PNG")
    document = pymupdf.open()
    page = document.new_page(width=842, height=595)
    page.insert_image(page.rect, stream=picture.getvalue())
    return document.tobytes()


def _text_pdf(text: str = "Surat undangan rapat") -> bytes:
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), text)
    return document.tobytes()


def test_a_scanned_pdf_says_it_has_no_text_layer_and_names_the_file():
    with pytest.raises(NoSopFoundError) as info:
        import_file(_scanned(), "pindaian.pdf")
    assert "pindaian tanpa lapisan teks" in info.value.message
    assert info.value.path == "pindaian.pdf"


def test_a_password_protected_pdf_asks_for_the_password_to_be_removed():
    document = pymupdf.open(stream=_text_pdf(), filetype="pdf")
    locked = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="rahasia")
    with pytest.raises(EncryptedFileError) as info:
        import_file(locked, "terkunci.pdf")
    assert "kata sandi" in info.value.message


def test_a_damaged_pdf_and_bytes_that_are_no_pdf_are_refused_as_corrupt():
    for data in (b"%PDF-1.7\n" + b"\x00garbage" * 50, b"<html>bukan pdf</html>"):
        with pytest.raises(CorruptFileError) as info:
            import_file(data, "rusak.pdf")
        assert "PDF" in info.value.message


def test_a_text_pdf_without_a_procedure_table_says_what_is_missing():
    with pytest.raises(NoSopFoundError) as info:
        import_file(_text_pdf(), "surat.pdf")
    assert "tabel prosedur" in info.value.message


def test_every_pdf_refusal_is_an_import_error_in_both_languages():
    for data in (_scanned(), b"%PDF-1.4 rusak", _text_pdf()):
        with pytest.raises(ImportFileError) as info:
            import_file(data, "x.pdf")
        assert info.value.text_in("en") != info.value.text_in("id")


def test_sopap_import_of_a_scanned_pdf_prints_the_message_and_writes_nothing(tmp_path):
    source = tmp_path / "pindaian.pdf"
    source.write_bytes(_scanned())
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert run.exit_code != 0
    assert "pindaian.pdf" in run.output and "lapisan teks" in run.output
    assert "Traceback" not in run.output
    assert not list(out.glob("*")) if out.exists() else True
