"""Bad input gets a clear message, and nothing is written half-way."""

import io
import zipfile

import pytest
from click.testing import CliRunner
from corpus import Options, build_docx, serang_sops

from sopap.cli.main import cli
from sopap.core.errors import SopapError
from sopap.core.importers import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    NoSopFoundError,
    UnsupportedFormatError,
    ZipBombError,
    import_file,
)


def _good() -> bytes:
    return build_docx(serang_sops()[:1], Options(shapes="cell"))


def _encrypted() -> bytes:
    # An encrypted .docx is an OLE compound file holding EncryptionInfo and EncryptedPackage streams.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le")
    return header + directory + b"\0" * 2000


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


def test_a_corrupted_docx_is_refused_as_damaged():
    data = _good()
    broken = data[: len(data) // 2]
    with pytest.raises(CorruptFileError) as info:
        import_file(broken, "rusak.docx")
    assert "rusak" in info.value.message and "damaged" in info.value.text_in("en")


def test_a_docx_with_a_damaged_part_is_refused():
    data = bytearray(_good())
    position = data.find(b"word/document.xml") + 200
    data[position : position + 400] = b"\xff" * 400
    with pytest.raises((CorruptFileError, UnsupportedFormatError)):
        import_file(bytes(data), "rusak.docx")


def test_an_encrypted_docx_asks_for_the_password_to_be_removed():
    with pytest.raises(EncryptedFileError) as info:
        import_file(_encrypted(), "rahasia.docx")
    assert "kata sandi" in info.value.message and "password" in info.value.text_in("en")


def test_an_old_doc_file_asks_to_be_saved_as_docx():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
    with pytest.raises(UnsupportedFormatError) as info:
        import_file(data, "lama.docx")
    assert ".doc" in info.value.message


def test_a_text_file_renamed_docx_says_it_is_plain_text():
    with pytest.raises(UnsupportedFormatError) as info:
        import_file(b"Nama SOP: contoh\n", "catatan.docx")
    assert "teks biasa" in info.value.message and "plain text" in info.value.text_in("en")


def test_an_xlsx_renamed_docx_says_to_check_the_extension():
    from corpus import build_xlsx

    with pytest.raises(UnsupportedFormatError) as info:
        import_file(build_xlsx(serang_sops()[:1]), "salah.docx")
    assert "ekstensi" in info.value.message


def test_a_zip_bomb_is_refused_before_it_expands(bomb):
    with pytest.raises(ZipBombError) as info:
        import_file(bomb, "bom.docx")
    assert "bom zip" in info.value.message or "terlalu besar" in info.value.message


def test_a_100_mb_file_is_refused_by_size():
    with pytest.raises(FileTooLargeError) as info:
        import_file(b"PK\x03\x04" + b"\0" * (100 * 1024 * 1024), "besar.docx")
    assert "terlalu besar" in info.value.message and "MB" in info.value.message


def test_a_document_without_an_sop_says_no_procedure_table_was_found():
    import docx

    document = docx.Document()
    document.add_paragraph("Notulen rapat koordinasi.")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Nama"
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(NoSopFoundError) as info:
        import_file(out.getvalue(), "notulen.docx")
    assert "tidak ada SOP" in info.value.message


def test_an_identity_sheet_without_its_procedure_table_is_named_in_the_message():
    # As when the procedure table is pasted as a picture: the identity is read, the steps are not.
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate(
        [
            ("Nomor SOP", "800/12/2025"),
            ("Tanggal Efektif", "2 Januari 2025"),
            ("Nama SOP", "Pengelolaan Arsip"),
        ]
    ):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(NoSopFoundError) as info:
        import_file(out.getvalue(), "arsip.docx")
    message = info.value.message
    assert "“Pengelolaan Arsip”" in message and "tabel prosedur" in message and "gambar" in message


def test_an_unknown_extension_lists_the_supported_ones():
    with pytest.raises(UnsupportedFormatError) as info:
        import_file(b"PK\x03\x04", "sop.odt")
    assert ".docx" in info.value.message


def test_every_refusal_is_a_sopap_error_with_both_languages():
    for data, name in ((b"", "kosong.docx"), (b"%PDF-1.4 ...", "x.docx"), (_encrypted(), "x.xlsx")):
        with pytest.raises(SopapError) as info:
            import_file(data, name)
        assert (
            info.value.message and info.value.text_in("en") and info.value.message != info.value.text_in("en")
        )


@pytest.mark.parametrize("kind", ["corrupt", "encrypted", "text", "bomb", "empty"])
def test_the_cli_exits_2_without_a_traceback_and_writes_nothing(tmp_path, kind, bomb):
    data = {
        "corrupt": _good()[:3000],
        "encrypted": _encrypted(),
        "text": b"hanya teks",
        "bomb": bomb,
        "empty": b"",
    }[kind]
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(data)
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert run.exit_code == 2
    assert "Traceback" not in run.output
    assert f"{kind}.docx" in run.output
    assert not out.exists() or not any(out.iterdir())


def test_one_bad_file_does_not_stop_the_good_ones_but_the_exit_is_2(tmp_path):
    (tmp_path / "baik.docx").write_bytes(_good())
    (tmp_path / "rusak.docx").write_bytes(b"PK\x03\x04rusak")
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["import", str(tmp_path), "-o", str(out)])
    assert run.exit_code == 2
    assert len(list(out.glob("*.sop.yaml"))) == 1


def test_sizes_have_a_decimal_comma_in_indonesian_and_a_decimal_point_in_english():
    with pytest.raises(FileTooLargeError) as info:
        import_file(b"PK\x03\x04" + b"\0" * (60 * 1024 * 1024), "besar.docx")
    assert "(60,0 MB); batasnya 25,0 MB" in info.value.message
    assert "(60.0 MB); the limit is 25.0 MB" in info.value.text_in("en")
