"""Limits on the size of an SOP: errors located by step and field, checked before anything expensive."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from sopap.core import flow
from sopap.core.rules import exceeded_limits, lint_text
from sopap.core.rules.limits import (
    IDENTITY_LISTS,
    MAX_ACTORS,
    MAX_CHARS,
    MAX_LIST_ITEMS,
    MAX_STEP_ITEMS,
    MAX_STEPS,
)
from sopap.core.sopfile import load_path, parse_text
from tests.conftest import SERANG, sop_yaml
from tests.core.rules.helpers import TODAY, sop_data


def _text(length: int, word: str = "dokumen") -> str:
    """Readable text of exactly ``length`` characters."""
    text = ""
    while len(text) < length:
        text += f"{word} {len(text)} "
    return text[:length].rstrip() + "x" * (length - len(text[:length].rstrip()))


def _at_the_limits() -> dict[str, Any]:
    """A valid SOP with every count and every text exactly at its limit."""
    actors = [_text(MAX_CHARS["pelaksana"], f"Kepala Seksi {i}") for i in range(MAX_ACTORS)]
    share = MAX_CHARS["langkah.kelengkapan"] // MAX_STEP_ITEMS
    steps = [
        {
            "kegiatan": _text(MAX_CHARS["langkah.kegiatan"], "Memverifikasi"),
            "pelaksana": actors[i % MAX_ACTORS],
            "kelengkapan": [_text(share, "Berkas") for _ in range(MAX_STEP_ITEMS)],
            "waktu": "1 jam",  # a waktu must read as a duration; its length limit is tested below
            "output": [_text(share, "Laporan") for _ in range(MAX_STEP_ITEMS)],
            "keterangan": _text(MAX_CHARS["langkah.keterangan"], "catatan"),
        }
        for i in range(MAX_STEPS)
    ]
    steps[0]["pelaksana"] = actors
    lists = {key: [_text(MAX_CHARS[key], key) for _ in range(MAX_LIST_ITEMS)] for key in IDENTITY_LISTS}
    return {
        "nama": _text(MAX_CHARS["nama"], "Mekanisme"),
        "nomor": _text(MAX_CHARS["nomor"], "800"),
        "pemerintah": _text(MAX_CHARS["pemerintah"], "Pemerintah"),
        "instansi": _text(MAX_CHARS["instansi"], "Dinas"),
        "disahkan_oleh": {
            "jabatan": _text(MAX_CHARS["disahkan_oleh.jabatan"], "Kepala"),
            "nama": _text(MAX_CHARS["disahkan_oleh.nama"], "Nama"),
            "nip": _text(MAX_CHARS["disahkan_oleh.nip"], "1977"),
        },
        **lists,
        "pelaksana": actors,
        "langkah": steps,
    }


def _yaml(data: dict[str, Any]) -> str:
    # Through JSON: a list used twice would be written as a YAML alias, which the reader refuses.
    return sop_yaml(json.loads(json.dumps(data)))


def _lint(data: dict[str, Any]) -> Any:
    return lint_text(_yaml(data), path="besar.sop.yaml", today=TODAY)


def _limit_errors(data: dict[str, Any]) -> list[Any]:
    return [d for d in _lint(data).diagnostics if d.code.startswith(("too-many", "text-too", "items-too"))]


def test_an_sop_at_every_limit_is_accepted() -> None:
    data = _at_the_limits()
    assert len(data["langkah"]) == MAX_STEPS and len(data["pelaksana"]) == MAX_ACTORS
    assert exceeded_limits(data) == []
    result = _lint(data)
    assert result.sop is not None
    assert result.errors == []


def test_every_serang_example_is_far_inside_the_limits() -> None:
    for path in sorted(SERANG.glob("*.sop.yaml")):
        sop = load_path(path)
        assert len(sop.langkah) * 4 <= MAX_STEPS and len(sop.actors) * 3 <= MAX_ACTORS
        assert exceeded_limits(sop.model_dump()) == [], path.name


@pytest.mark.parametrize(
    ("where", "field", "limit"),
    [
        ((2, "kegiatan"), "kegiatan", "langkah.kegiatan"),
        ((4, "keterangan"), "keterangan", "langkah.keterangan"),
        ((1, "waktu"), "waktu", "langkah.waktu"),
        ((None, "nama"), "nama", "nama"),
        ((None, "instansi"), "instansi", "instansi"),
        ((None, "nomor"), "nomor", "nomor"),
    ],
)
def test_a_text_one_character_too_long_is_an_error_on_its_step_and_field(
    where: tuple[int | None, str], field: str, limit: str
) -> None:
    step, key = where
    data = sop_data()
    too_long = _text(MAX_CHARS[limit] + 1)
    if step is None:
        data[key] = too_long
    else:
        data["langkah"][step - 1][key] = too_long
    (error,) = _limit_errors(data)
    assert (error.code, error.severity, error.step, error.field) == ("text-too-long", "error", step, field)
    text = _yaml(data)
    assert text.splitlines()[error.line - 1].strip(" -").startswith(f"{key}:")
    limit_id = f"{MAX_CHARS[limit]:,}".replace(",", ".")
    assert f"paling banyak {limit_id}" in error.message()


def test_the_message_says_how_long_the_text_is_and_how_long_it_may_be() -> None:
    data = sop_data()
    data["langkah"][2]["kegiatan"] = _text(2400)
    (error,) = _limit_errors(data)
    assert error.render() == (
        f"besar.sop.yaml:{error.line}: GALAT langkah 3, kegiatan: teks 2.400 karakter, paling banyak 1.000 "
        "[text-too-long]"
    )
    assert "ERROR step 3, kegiatan: text of 2,400 characters, at most 1,000" in error.render("en")


def test_a_steps_kelengkapan_is_bounded_as_one_cell_all_items_together() -> None:
    data = sop_data()
    half = MAX_CHARS["langkah.kelengkapan"] // 2
    data["langkah"][1]["kelengkapan"] = [_text(half), _text(half)]
    assert _limit_errors(data) == []
    data["langkah"][1]["kelengkapan"] = [_text(half), _text(half + 1)]
    (error,) = _limit_errors(data)
    assert (error.code, error.step, error.field) == ("items-too-long", 2, "kelengkapan")
    assert "(semua butir)" in error.message() and "(all items)" in error.message("en")


def test_an_output_written_as_one_text_is_bounded_like_its_items() -> None:
    data = sop_data()
    data["langkah"][3]["output"] = _text(MAX_CHARS["langkah.output"] + 1)
    (error,) = _limit_errors(data)
    assert (error.code, error.step, error.field) == ("text-too-long", 4, "output")


def test_an_identity_list_item_too_long_names_the_item() -> None:
    data = sop_data(dasar_hukum=["PP 58/2005", "UU 23/2014", _text(MAX_CHARS["dasar_hukum"] + 1)])
    (error,) = _limit_errors(data)
    assert (error.step, error.field) == (None, "dasar_hukum[3]")


def test_a_signers_nip_too_long_is_named() -> None:
    data = sop_data(
        disahkan_oleh={"nama": "W. Hari Pamungkas", "nip": "1" * (MAX_CHARS["disahkan_oleh.nip"] + 1)}
    )
    (error,) = _limit_errors(data)
    assert error.field == "disahkan_oleh.nip"


def test_too_many_steps_is_one_error_at_the_first_step_too_many() -> None:
    data = sop_data()
    step = {
        "kegiatan": "Memeriksa",
        "pelaksana": "PPTK",
        "kelengkapan": "SPJ",
        "output": "SPJ",
        "waktu": "1 jam",
    }
    data["langkah"] = [copy.deepcopy(step) for _ in range(MAX_STEPS + 1)]
    (error,) = _limit_errors(data)
    assert (error.code, error.step, error.field) == ("too-many-steps", None, "langkah")
    assert error.message() == "SOP ini punya 151 langkah, paling banyak 150; pecah menjadi beberapa SOP"
    text = _yaml(data)
    lines_of_steps = [
        n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("- kegiatan:")
    ]
    assert error.line == lines_of_steps[MAX_STEPS]


def test_too_many_declared_actors_points_at_the_first_one_too_many() -> None:
    names = [f"Pelaksana {i}" for i in range(MAX_ACTORS + 1)]
    data = sop_data(pelaksana=names)
    (error,) = _limit_errors(data)
    assert (error.code, error.field) == ("too-many-actors", "pelaksana")
    assert error.message("en") == "this SOP has 21 actors (columns), at most 20"
    assert _yaml(data).splitlines()[error.line - 1].strip() == f"- Pelaksana {MAX_ACTORS}"


def test_actors_named_only_by_the_steps_count_as_columns_too() -> None:
    data = sop_data(pelaksana=None)
    for number, step in enumerate(data["langkah"]):
        step["pelaksana"] = [f"Pelaksana {number}-{i}" for i in range(5)]
    (error,) = _limit_errors(data)
    # Steps 1-4 name 20 actors; step 5 brings the 21st to 25.
    assert (error.code, error.step, error.field) == ("too-many-actors", 5, "pelaksana")
    assert "25 pelaksana" in error.message()


def test_too_many_items_in_a_list_are_counted() -> None:
    data = sop_data(peralatan=[f"Alat {i}" for i in range(MAX_LIST_ITEMS + 1)])
    data["langkah"][0]["output"] = [f"D{i}" for i in range(MAX_STEP_ITEMS + 1)]
    errors = {(d.code, d.step, d.field) for d in _limit_errors(data)}
    assert errors == {("too-many-items", None, "peralatan"), ("too-many-items", 1, "output")}


def test_an_sop_over_a_limit_gets_only_the_limit_errors_and_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: object) -> None:
        raise AssertionError("the flow of an SOP over a limit must not be followed")

    monkeypatch.setattr(flow, "reachable", never)
    data = sop_data()
    del data["langkah"][1]["output"]  # a warning that is not given while the SOP is too big
    data["langkah"] = [copy.deepcopy(step) for _ in range(40) for step in data["langkah"]]
    result = _lint(data)
    assert result.sop is None
    assert [d.code for d in result.diagnostics] == ["too-many-steps"]


def test_the_check_reads_any_parsed_mapping_without_raising() -> None:
    odd: list[Any] = [
        {"langkah": "x"},
        {"langkah": [1, None, {"kegiatan": ["a"], "pelaksana": {"x": 1}}]},
        [],
        None,
    ]
    for data in odd:
        assert exceeded_limits(data) == []


def test_the_check_locates_lines_through_the_documents_lines() -> None:
    data = sop_data()
    data["langkah"][4]["keterangan"] = _text(MAX_CHARS["langkah.keterangan"] + 1)
    text = sop_yaml(data)
    document = parse_text(text)
    (error,) = exceeded_limits(document.data, locate=document.line_of)
    assert error.line is not None
    assert text.splitlines()[error.line - 1].strip().startswith("keterangan:")
    assert exceeded_limits(document.data)[0].line is None
