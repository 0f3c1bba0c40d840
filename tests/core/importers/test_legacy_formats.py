"""Old .doc and .xls files: converted by LibreOffice in a folder of its own under a time limit, then read;
a clear message naming the file when LibreOffice is missing, fails or takes too long."""

import stat
import tempfile

import pytest

from sopap.core.importers import CorruptFileError, ImportFileError, import_file, supported_suffixes
from sopap.core.importers.legacy import ConverterMissingError, convert_legacy
from tests.core.importers.layouts import ConversionUnavailable, build_family, soffice


def _fake_soffice(tmp_path, body: str) -> str:
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


def test_doc_and_xls_are_in_the_registry_of_importers():
    assert {".doc", ".xls"} <= set(supported_suffixes())


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_an_old_word_book_is_converted_and_gives_its_sops():
    try:
        family = build_family("doc")
    except ConversionUnavailable as exc:
        pytest.skip(f"LibreOffice cannot write .doc here: {exc}")
    result = import_file(family.data, family.filename)
    assert [s.sop.nomor for s in result.sops if s.sop] == [s.nomor for s in family.expected]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_conversion_leaves_no_folder_behind(tmp_path, monkeypatch):
    try:
        family = build_family("doc")
    except ConversionUnavailable as exc:
        pytest.skip(f"LibreOffice cannot write .doc here: {exc}")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    import_file(family.data, family.filename)
    assert list(tmp_path.iterdir()) == []


def test_an_old_file_without_libreoffice_gets_a_message_naming_the_file_and_the_way_out(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("SOPAP_SOFFICE", str(tmp_path / "tidak-ada"))
    with pytest.raises(ConverterMissingError) as info:
        import_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lama.doc")
    assert info.value.path == "lama.doc"
    assert "LibreOffice" in info.value.message and ".docx" in info.value.message


def test_a_file_libreoffice_cannot_convert_gets_a_message_naming_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("SOPAP_SOFFICE", _fake_soffice(tmp_path, "exit 0"))
    with pytest.raises(CorruptFileError) as info:
        import_file(b"bukan dokumen", "rusak.xls")
    assert info.value.path == "rusak.xls"
    assert ".xls" in info.value.message and ".xlsx" in info.value.message


def test_a_conversion_over_its_time_limit_is_stopped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("SOPAP_SOFFICE", _fake_soffice(tmp_path, "exec sleep 60"))
    with pytest.raises(ImportFileError) as info:
        convert_legacy(b"isi", "doc", "docx", "lambat.doc", timeout=0.5)
    assert info.value.path == "lambat.doc"
    assert "detik" in info.value.message
