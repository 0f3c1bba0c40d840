"""`sopap org-import` refuses what it cannot load before it touches a database, saying where; `sopap
org-template` writes the workbook. (Loading into a database: tests/web/organisations/test_org_import_command.py.)"""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from sopap.cli.main import cli

SMALL = """\
versi_format: 1
pemerintah: Pemerintah Kota Contoh
perangkat_daerah:
  - nama: Dinas Kesehatan Kota Contoh
    unit:
      - nama: Sekretariat
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["org-import", *args])


def test_a_bad_file_is_refused_with_its_line_and_key_and_nothing_is_loaded(tmp_path):
    path = tmp_path / "salah.org.yaml"
    path.write_text(SMALL.replace("    unit:", "    kode: 7\n    unit:"), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f'{path}:5: perangkat_daerah[0].kode: harus berupa teks (tulis dalam tanda kutip, mis. "01", agar angka '
        "nol di depan tetap)",
        f"{path}: tidak dimuat; tidak ada yang ditulis",
    ]


def test_a_bad_workbook_is_refused_by_sheet_row_and_column_in_english_on_request(tmp_path):
    out = tmp_path / "organisasi.xlsx"
    assert CliRunner().invoke(cli, ["org-template", str(out)]).exit_code == 0
    book = openpyxl.load_workbook(out)
    book["Pemda"]["A2"] = "Pemerintah Kota Contoh"
    book["Unit"]["A2"] = "Dinas Kesehatan"
    book["Unit"]["C2"] = "Sekretariat"
    book.save(out)
    result = run(str(out), "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{out}, sheet “Unit”, row 2, column “Perangkat daerah”: Perangkat Daerah “Dinas Kesehatan” is not on "
        "the sheet Perangkat Daerah",
        f"{out}: not loaded; nothing was written",
    ]


def test_a_missing_file_and_a_file_of_another_kind_are_refused(tmp_path):
    assert run(str(tmp_path / "tidak-ada.org.yaml")).exit_code == 2
    other = tmp_path / "x.sop.yaml"
    other.write_text("nama: x\n", encoding="utf-8")
    result = run(str(other))
    assert result.exit_code == 2 and "bukan berkas organisasi (.org.yaml atau .xlsx)" in result.output


def test_the_first_admin_s_password_is_no_option_of_the_command(tmp_path):
    path = tmp_path / "contoh.org.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = run(str(path), "--password", "rahasia")
    assert result.exit_code == 2 and "No such option" in result.output
    command = cli.get_command(None, "org-import")  # type: ignore[arg-type]
    assert [p.name for p in command.params] == ["path", "lang", "dry_run"]


def test_the_template_command_writes_an_xlsx_and_refuses_another_suffix(tmp_path):
    out = tmp_path / "templat.xlsx"
    result = CliRunner().invoke(cli, ["org-template", str(out)])
    assert result.exit_code == 0 and result.output == f"{out}: templat organisasi ditulis\n"
    assert openpyxl.load_workbook(out).sheetnames[0] == "Petunjuk"
    refused = CliRunner().invoke(cli, ["org-template", str(tmp_path / "t.ods")])
    assert refused.exit_code == 2 and not (tmp_path / "t.ods").exists()
