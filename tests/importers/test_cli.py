"""`sopap import`: files, folders and zips in; atomic, never-silent writes out; exit codes that mean something."""

import io
import zipfile

from click.testing import CliRunner
from corpus import Options, build_docx, serang_sops

from sopap.cli.main import cli
from sopap.core.sopfile import load


def _write(tmp_path, name="sop.docx", sops=None):
    path = tmp_path / name
    path.write_bytes(build_docx(sops or serang_sops()[:1], Options(shapes="cell")))
    return path


def test_a_clean_import_exits_0_and_prints_the_fidelity_report(tmp_path):
    source = _write(tmp_path)
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    assert "terbaca" in run.output and "disimpulkan" in run.output and "lint: 0 galat" in run.output
    written = list((tmp_path / "out").glob("*.sop.yaml"))
    assert load(written[0].read_text(encoding="utf-8")) == serang_sops()[0]


def test_the_report_is_in_english_with_lang_en(tmp_path):
    source = _write(tmp_path)
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert "read (" in run.output and "inferred" in run.output and "step actors" in run.output


def test_an_existing_file_is_never_overwritten_silently(tmp_path):
    source = _write(tmp_path)
    out = tmp_path / "out"
    for _ in range(2):
        assert CliRunner().invoke(cli, ["import", str(source), "-o", str(out)]).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and any(n.endswith("-2.sop.yaml") for n in names)


def test_timpa_overwrites_in_place(tmp_path):
    source = _write(tmp_path)
    out = tmp_path / "out"
    for _ in range(2):
        assert CliRunner().invoke(cli, ["import", str(source), "-o", str(out), "--timpa"]).exit_code == 0
    assert len(list(out.iterdir())) == 1


def test_an_sop_missing_required_fields_is_written_as_a_draft_and_exits_1(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("SOP Penerimaan Surat Masuk")
    table = document.add_table(rows=3, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ["No", "Kegiatan", "Pelaksana", "Waktu", "Output"], strict=True
    ):
        cell.text = text
    for row, values in zip(
        table.rows[1:],
        [
            ["1", "Menerima surat", "Petugas", "5 menit", "Surat"],
            ["2", "Mencatat surat", "Petugas", "5 menit", "Agenda"],
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    out_doc = io.BytesIO()
    document.save(out_doc)
    source = tmp_path / "draf.docx"
    source.write_bytes(out_doc.getvalue())
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out")])
    assert run.exit_code == 1, run.output
    assert "draf" in run.output
    text = next((tmp_path / "out").glob("*.sop.yaml")).read_text(encoding="utf-8")
    assert "Penerimaan Surat Masuk" in text and "Menerima surat" in text and "Petugas" in text


def test_a_folder_and_a_zip_of_files_are_imported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.docx", serang_sops()[:1])
    _write(folder, "b.docx", serang_sops()[1:2])
    archive = tmp_path / "kumpulan.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in folder.iterdir():
            z.write(p, p.name)
    for source, out in ((folder, tmp_path / "o1"), (archive, tmp_path / "o2")):
        run = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
        assert run.exit_code == 0, run.output
        assert len(list(out.glob("*.sop.yaml"))) == 2


def test_a_missing_path_exits_2(tmp_path):
    run = CliRunner().invoke(cli, ["import", str(tmp_path / "tidak-ada.docx"), "-o", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert "tidak ditemukan" in run.output
