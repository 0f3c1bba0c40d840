"""`import_file`: the pure service function the web application calls."""

import io

from corpus import Options, build_docx, serang_sops

from sopap.core.importers import IMPORTERS, ImportResult, import_file
from sopap.core.sopfile import load


def test_import_file_returns_the_model_the_yaml_and_the_report_for_each_sop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = import_file(build_docx(serang_sops()[:2], Options()), "buku.docx")
    assert isinstance(result, ImportResult)
    assert len(result.sops) == 2
    for item in result.sops:
        assert load(item.yaml) == item.sop
        assert "lint" in item.report.render() and item.report.as_dict()["fields"]
    assert list(tmp_path.iterdir()) == []  # no side effects


def test_the_registry_maps_each_extension_to_one_importer():
    assert set(IMPORTERS) >= {".docx", ".xlsx"}


def test_a_draft_missing_a_required_field_is_written_in_the_house_style():
    import docx

    from sopap.core.importers import import_file

    document = docx.Document()
    document.add_paragraph("SOP Penerimaan Surat Masuk")
    rows = [
        ["No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output"],
        ["1", "Menerima surat", "Petugas", "Surat; Amplop", "5 menit", "Surat"],
        ["2", "Mencatat surat", "Petugas", "Surat", "5 menit", "Agenda"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    cell = table.rows[1].cells[3]
    cell.text = "· Surat"
    cell.add_paragraph("· Amplop")
    out = io.BytesIO()
    document.save(out)
    imported = import_file(out.getvalue(), "draf.docx").sops[0]
    assert imported.sop is None  # no instansi: a draft
    assert imported.yaml == (
        "versi_format: 1\n"
        "nama: Penerimaan Surat Masuk\n"
        "langkah:\n"
        "  - kegiatan: Menerima surat\n"
        "    pelaksana: Petugas\n"
        "    kelengkapan: [Surat, Amplop]\n"
        "    waktu: 5 menit\n"
        "    output: Surat\n"
        "  - kegiatan: Mencatat surat\n"
        "    pelaksana: Petugas\n"
        "    kelengkapan: Surat\n"
        "    waktu: 5 menit\n"
        "    output: Agenda\n"
    )
