"""Old .doc and .xls files: converted by LibreOffice in a folder of its own under a time limit, then read;
a clear message naming the file when LibreOffice is missing, fails or takes too long."""

import stat
import tempfile

import pytest

from sopap.core.importers import CorruptFileError, ImportFileError, import_file, supported_suffixes
from sopap.core.importers.legacy import ConverterMissingError, convert_legacy
from tests.core.importers.layouts import ConversionUnavailable, build_family, libreoffice_save, soffice
from tests.importers.corpus import build_xlsx, serang_sops
from tests.importers.fidelity import compare


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


def _as_xls(data: bytes) -> bytes:
    """A workbook of ours saved by LibreOffice Calc as an old .xls; a skip saying what is missing when the
    LibreOffice here cannot write one (installed without Calc)."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .xls test file cannot be made")
    try:
        return libreoffice_save(data, ".xlsx", "xls")
    except ConversionUnavailable as exc:
        pytest.skip(f"LibreOffice here has no Calc (install libreoffice-calc-nogui): {exc}")


def test_an_old_excel_workbook_gives_the_same_sops_as_the_workbook_it_was_saved_from():
    sops = serang_sops()[:2]
    workbook = build_xlsx(sops)
    old = _as_xls(workbook)
    assert old.startswith(b"\xd0\xcf\x11\xe0")  # an OLE compound file, not a renamed .xlsx
    result = import_file(old, "Buku SOP lama.xls")
    agreement = compare(sops, [s.sop for s in result.sops], "xls")
    assert agreement.sops_found == 2
    assert agreement.field_rate == 1.0, agreement.misses[:10]
    assert agreement.actor_rate == 1.0, agreement.misses[:10]
    for found, sop in zip(result.sops, sops, strict=True):
        assert found.sop is not None and (found.sop.nomor, found.sop.nama) == (sop.nomor, sop.nama)
        assert found.sop.actors == sop.actors
        assert [s.pelaksana for s in found.sop.langkah] == [s.pelaksana for s in sop.langkah]
    assert [s.yaml for s in result.sops] == [s.yaml for s in import_file(workbook, "Buku SOP lama.xlsx").sops]


def test_an_old_excel_file_without_libreoffice_names_the_file_and_how_to_save_it(monkeypatch, tmp_path):
    monkeypatch.setenv("SOPAP_SOFFICE", str(tmp_path / "tidak-ada"))
    with pytest.raises(ConverterMissingError) as info:
        import_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Buku SOP lama.xls")
    assert info.value.path == "Buku SOP lama.xls"
    message = info.value.message
    assert "LibreOffice" in message and ".xls" in message and ".xlsx" in message and "Excel" in message
    assert "Buku SOP lama.xls" in info.value.localized("en") and "LibreOffice" in info.value.localized("en")


def test_the_cli_without_libreoffice_names_the_old_file_writes_nothing_and_shows_no_traceback(
    monkeypatch, tmp_path
):
    from click.testing import CliRunner

    from sopap.cli.main import cli

    monkeypatch.setenv("SOPAP_SOFFICE", str(tmp_path / "tidak-ada"))
    source = tmp_path / "Buku SOP lama.xls"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = tmp_path / "keluaran"
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert run.exit_code == 2
    assert "Buku SOP lama.xls" in run.output and "LibreOffice" in run.output
    assert "Traceback" not in run.output and isinstance(run.exception, SystemExit)
    assert not out.exists() or list(out.iterdir()) == []
