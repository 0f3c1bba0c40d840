"""`import_file`: the pure service function the web application calls."""

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
