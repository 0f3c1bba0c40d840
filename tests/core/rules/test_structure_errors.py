"""Errors in the file's structure, located by file, line, step and field."""

from __future__ import annotations

from tests.conftest import sop_yaml
from tests.core.rules.helpers import codes, lint, only, sop_data


def test_a_valid_sop_has_no_errors() -> None:
    assert [d for d in lint(sop_data()) if d.severity == "error"] == []


def test_a_missing_required_field_is_named() -> None:
    diagnostic = only(sop_data(instansi=None), "missing-field")
    assert diagnostic.field == "instansi"
    assert diagnostic.message() == "Perangkat Daerah wajib diisi"
    assert diagnostic.message("en") == "Regional agency is required"


def test_a_missing_step_field_names_the_step() -> None:
    data = sop_data()
    del data["langkah"][1]["kegiatan"]
    diagnostic = only(data, "missing-field")
    assert (diagnostic.step, diagnostic.field) == (2, "kegiatan")
    assert diagnostic.render().startswith("contoh.sop.yaml:")
    assert "GALAT langkah 2, kegiatan: Kegiatan wajib diisi" in diagnostic.render()


def test_an_unknown_key_suggests_the_key_that_was_meant() -> None:
    data = sop_data()
    data["langkah"][2]["keputusn"] = data["langkah"][2].pop("keputusan")
    diagnostic = only(data, "unknown-key")
    assert diagnostic.step == 3
    assert "maksudnya “keputusan”?" in diagnostic.message()
    assert "did you mean “keputusan”?" in diagnostic.message("en")


def test_an_unknown_top_level_key_suggests_from_the_top_level_keys() -> None:
    data = sop_data()
    data["dasar_hukm"] = ["PP 58/2005"]
    assert "maksudnya “dasar_hukum”?" in only(data, "unknown-key").message()


def test_the_error_line_points_at_the_offending_key() -> None:
    data = sop_data()
    data["langkah"][1]["wkatu"] = "1 jam"
    text = sop_yaml(data)
    diagnostic = only(text, "unknown-key")
    assert text.splitlines()[diagnostic.line - 1].strip().startswith("wkatu:")


def test_a_malformed_date_is_an_error() -> None:
    assert "bad-date" in codes(sop_data(tanggal_efektif="30 April 2019"))


def test_a_list_where_text_is_expected_is_an_error_of_type() -> None:
    diagnostic = only(sop_data(nama=["a", "b"]), "wrong-type")
    assert diagnostic.message() == "Nama SOP harus berupa teks, bukan daftar"


def test_an_sop_without_steps_is_an_error() -> None:
    assert codes(sop_data(langkah=[])) == ["no-steps"]


def test_an_unknown_format_version_is_an_error() -> None:
    assert codes(sop_data(versi_format=2)) == ["bad-version"]


def test_an_unknown_simbol_is_an_error() -> None:
    data = sop_data()
    data["langkah"][0]["simbol"] = "lingkaran"
    assert only(data, "bad-simbol").step == 1


def test_a_decision_target_that_is_neither_number_nor_selesai_is_an_error() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": "lanjut", "tidak": 2}
    diagnostic = only(data, "bad-target")
    assert (diagnostic.step, diagnostic.field) == (3, "keputusan.ya")


def test_unreadable_yaml_is_one_error_not_a_crash() -> None:
    (diagnostic,) = lint("nama: [\n")
    assert diagnostic.code == "file-unreadable"
    assert "bukan YAML yang sah" in diagnostic.message()


def test_a_structural_error_does_not_hide_the_other_findings() -> None:
    data = sop_data()
    del data["langkah"][1]["kegiatan"]  # being typed in the editor
    data["langkah"][2]["keputusan"] = {"ya": 99, "tidak": 2}
    data["langkah"][3]["waktu"] = "kapan-kapan"
    found = {(d.code, d.step) for d in lint(data)}
    assert ("missing-field", 2) in found
    assert ("target-out-of-range", 3) in found
    assert ("unreadable-waktu", 4) in found


def test_findings_on_the_broken_spot_are_not_repeated() -> None:
    data = sop_data()
    data["langkah"][1]["pelaksana"] = ["Bendahara Pengeluaran", ["bersarang"]]
    assert [d.code for d in lint(data) if d.step == 2 and d.severity == "error"] == ["wrong-type"]


def test_a_text_field_left_empty_is_said_to_be_empty() -> None:
    data = sop_data()
    data["langkah"][2]["kegiatan"] = None  # `kegiatan:` with nothing after it
    [diagnostic] = [d for d in lint(data) if d.step == 3 and d.severity == "error"]
    assert diagnostic.code == "empty-text"
    assert "langkah 3, kegiatan: Kegiatan tidak boleh kosong" in diagnostic.render("id")
