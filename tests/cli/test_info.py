from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import SERANG, sop_data


def test_info_tells_actors_steps_decisions_handoffs_duration_and_jenis() -> None:
    result = CliRunner().invoke(cli, ["info", str(SERANG / "33-penyusunan-renja.sop.yaml")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Jenis: SOP administratif" in out
    assert "Pelaksana (5): Kepala OPD, Sekretaris, Kasubag PEP, Bidang, Pelaksana" in out
    assert "langkah 6: ya → 7, tidak → 5" in out
    assert "Perpindahan antar pelaksana:" in out
    # 5 + 30 + 30 min, 5 + 5 + 5 days, 3 + 3 h, 1 day along the main path
    assert "Durasi standar (jalur utama): 16 hari 7 jam 5 menit" in out


def test_info_as_json_in_english() -> None:
    result = CliRunner().invoke(
        cli, ["info", "--format", "json", "--lang", "en", str(SERANG / "32-penyusunan-spj.sop.yaml")]
    )
    facts = json.loads(result.output)
    assert facts["keputusan"] == [{"langkah": 3, "ya": 4, "tidak": 2}]
    assert facts["durasi_standar"]["teks"] == "5 hours"


def test_info_on_an_invalid_sop_prints_the_errors(write_sop: Any) -> None:
    path = write_sop(sop_data(nama=None))
    result = CliRunner().invoke(cli, ["info", str(path)])
    assert result.exit_code == 1
    assert "Nama SOP wajib diisi" in result.output
