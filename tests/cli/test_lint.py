"""`sopap lint`: exit codes, languages, machine output, and messages that say where."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sopap.cli.main import cli
from tests.conftest import SERANG, sop_data


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_serang_examples_pass() -> None:
    result = _run("lint", str(SERANG))
    assert result.exit_code == 0, result.output
    assert "14 berkas: 0 galat" in result.output


def test_a_decision_pointing_at_step_99_fails_naming_file_step_and_keputusan(write_sop: Any) -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 99, "tidak": 2}
    path = write_sop(data, "keputusan-salah.sop.yaml")
    result = _run("lint", str(path))
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "GALAT" in line]
    assert str(path) in line and "langkah 3" in line and "keputusan" in line and "99" in line


def test_warnings_pass_unless_strict(write_sop: Any) -> None:
    data = sop_data()
    del data["langkah"][1]["output"]
    path = write_sop(data)
    assert _run("lint", str(path)).exit_code == 0
    assert _run("lint", "--strict", str(path)).exit_code == 1


def test_messages_are_in_english_on_request(write_sop: Any) -> None:
    path = write_sop(sop_data(instansi=None))
    result = _run("lint", "--lang", "en", str(path))
    assert "ERROR instansi: Regional agency is required" in result.output
    assert "1 file(s): 1 error(s)" in result.output


def test_json_output_is_for_machines(write_sop: Any) -> None:
    data = sop_data()
    data["langkah"][0]["pelaksana"] = "Orang Lain"
    path = write_sop(data)
    result = CliRunner().invoke(cli, ["lint", "--format", "json", str(path)])
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1
    (diagnostic,) = [d for d in payload["files"][0]["diagnostics"] if d["severity"] == "error"]
    assert diagnostic["code"] == "unknown-actor" and diagnostic["step"] == 1 and diagnostic["line"]


def test_bad_input_of_every_kind_fails_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "biner.sop.yaml").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "bom.sop.yaml").write_text("a: &a [1, 2]\nb: [*a, *a]\n")
    (tmp_path / "tag.sop.yaml").write_text("nama: !!python/object/apply:os.system [ls]\n")
    (tmp_path / "bukan.sop.yaml").write_text("{{{ ini bukan yaml")
    with (tmp_path / "besar.sop.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["lint", str(tmp_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.count("GALAT") == 5


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "tidak-ada")])
    assert result.exit_code == 2
    assert "tidak ditemukan" in result.output
