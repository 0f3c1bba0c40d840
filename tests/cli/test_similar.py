"""`sopap similar DIR` lists the families of SOPs that follow one flow, for people and for machines."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import EXAMPLES


def test_the_serang_folder_has_one_family_of_ten_with_the_steps_that_differ():
    result = CliRunner().invoke(cli, ["similar", str(EXAMPLES / "serang")])
    assert result.exit_code == 0, result.output
    assert "Keluarga 1: 10 SOP dengan alur yang sama" in result.output
    assert "Keluarga 2" not in result.output
    assert "42-penyusunan-dpa.sop.yaml  [DPA]" in result.output
    assert "langkah 1 berbeda: Mendisposisi Surat Edaran Penyusunan RENJA OPD" in result.output


def test_json_names_every_member_with_its_similarity(tmp_path):
    result = CliRunner().invoke(cli, ["similar", str(EXAMPLES / "serang"), "--format", "json"])
    found = json.loads(result.output)
    assert len(found) == 1 and len(found[0]["anggota"]) == 10
    assert all(0.6 <= m["kemiripan"] <= 1 for m in found[0]["anggota"])


def test_a_folder_without_alike_sops_says_so_in_english_too(tmp_path):
    for name in ("31-pengajuan-spp-spm.sop.yaml", "38-penyusunan-lppd.sop.yaml"):
        shutil.copy(EXAMPLES / "serang" / name, tmp_path / name)
    result = CliRunner().invoke(cli, ["similar", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.strip() == "no SOPs share a flow"


def test_a_file_instead_of_a_folder_is_refused_with_its_name(tmp_path):
    path = tmp_path / "x.sop.yaml"
    path.write_text("nama: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["similar", str(path)])
    assert result.exit_code == 2 and f"{path}: harus berupa folder" in result.output
