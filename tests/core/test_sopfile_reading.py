"""Reading `.sop.yaml` defensively: every bad input gets a clear SopFileError, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sopap.core import sopfile
from sopap.core.errors import SopFileError, SopInvalidError
from tests.conftest import SERANG, sop_data, sop_yaml, spec_example


def _error(text: str | bytes) -> SopFileError:
    with pytest.raises(SopFileError) as info:
        if isinstance(text, bytes):
            sopfile.read_bytes(text, path="x.sop.yaml")
        else:
            sopfile.load(text, path="x.sop.yaml")
    return info.value


def test_the_format_documents_example_loads() -> None:
    sop = sopfile.load(spec_example())
    assert sop.nama == "Mekanisme Penyusunan SPJ"
    assert sop.tanggal_efektif == dt.date(2019, 4, 30)
    assert sop.disahkan_oleh is not None and sop.disahkan_oleh.nip == "19771231 199702 1 002"
    assert sop.langkah[2].keputusan is not None and sop.langkah[2].keputusan.ya == 4


def test_text_that_is_not_yaml_is_refused_with_its_line() -> None:
    error = _error("nama: [belum ditutup\ninstansi: x\n")
    assert "bukan YAML yang sah" in error.message
    assert "baris" in error.message and "line" in error.text_in("en")


def test_a_binary_file_is_refused_and_pointed_at_import() -> None:
    error = _error(b"PK\x03\x04\x00\x00binary")
    assert "biner" in error.message and "sopap import" in error.message


def test_text_that_is_not_utf8_is_refused() -> None:
    error = _error("nama: Pengajuan Surat Keterangan \xe9".encode("latin-1"))
    assert "UTF-8" in error.message


def test_a_yaml_bomb_of_aliases_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    error = _error(bomb)
    assert "alias" in error.message


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "besar.sop.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(SopFileError) as info:
        sopfile.read_path(big)
    assert "terlalu besar" in info.value.message and "50,0 MB" in info.value.message
    assert "50.0 MB" in info.value.text_in("en")


def test_unsafe_python_tags_are_refused() -> None:
    error = _error("nama: !!python/object/apply:os.system ['echo dimiliki']\n")
    assert "!!python/object/apply:os.system" in error.message


def test_custom_tags_are_refused() -> None:
    assert "tag YAML tidak diizinkan" in _error("nama: !rahasia x\n").message


def test_deep_nesting_is_refused() -> None:
    assert "bersarang" in _error("nama: " + "[" * 50 + "]" * 50 + "\n").message


def test_a_key_written_twice_is_reported_with_both_lines() -> None:
    error = _error("nama: Satu\ninstansi: x\nnama: Dua\n")
    assert "kunci “nama” ditulis dua kali (baris 1 dan 3)" in error.message


def test_an_empty_file_is_reported_as_empty() -> None:
    assert "kosong" in _error("").message


def test_a_list_at_the_top_is_not_an_sop() -> None:
    assert "pemetaan" in _error("- nama: x\n").message


def test_a_missing_file_is_reported_by_name(tmp_path: Path) -> None:
    with pytest.raises(SopFileError) as info:
        sopfile.read_path(tmp_path / "tidak-ada.sop.yaml")
    assert info.value.path and info.value.path.endswith("tidak-ada.sop.yaml")


def test_numbers_and_words_that_yaml_would_retype_stay_as_written() -> None:
    data = sop_data(nomor="PLACEHOLDER")
    text = sop_yaml(data).replace("PLACEHOLDER", "12.10").replace("nama: Mekanisme", "nama: yes Mekanisme")
    text += "peralatan: [on, 0123, 1e3]\n"
    sop = sopfile.load(text)
    assert sop.nomor == "12.10"
    assert sop.peralatan == ["on", "0123", "1e3"]


def test_an_impossible_date_is_an_error_on_its_field_and_line() -> None:
    text = sop_yaml(sop_data()).replace("tanggal_pembuatan: '2019-04-08'", "tanggal_pembuatan: 2019-02-30")
    with pytest.raises(SopInvalidError) as info:
        sopfile.load(text, path="x.sop.yaml")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == "bad-date"
    assert diagnostic.field == "tanggal_pembuatan"
    assert diagnostic.line == text.splitlines().index("tanggal_pembuatan: 2019-02-30") + 1


@pytest.mark.parametrize(
    "text",
    [
        "nama: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "nama:\n" + "".join("  " * i + "-\n" for i in range(3_000)),
    ],
    ids=["flow", "block"],
)
def test_nesting_deep_enough_to_crash_the_parser_is_refused_before_it_is_composed(text: str) -> None:
    assert "bersarang" in _error(text).message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("!!map a: b\n", "tidak cocok dengan isinya (baris 1)"),
        ("nama: !!seq Pengajuan\n", "tidak cocok dengan isinya (baris 1)"),
        ("nama: !!str {a: 1}\n", "tidak cocok dengan isinya (baris 1)"),
        (
            "nama: x\nwaktu: !!bool barangkali\n",
            "nilai “barangkali” tidak dapat dibaca sebagai !!bool (baris 2)",
        ),
        ("nama: !!int Sekretariat\n", "tidak dapat dibaca sebagai !!int (baris 1)"),
        ("nomor: " + "1" * 5000 + "\n", "tidak dapat dibaca sebagai !!int (baris 1)"),
    ],
)
def test_a_tag_that_does_not_fit_its_value_is_reported_with_its_line(text: str, said: str) -> None:
    assert said in _error(text).message


def test_explicit_tags_the_format_allows_still_read_as_before() -> None:
    data = sopfile.parse_text("a: !!int 010\nb: !!float 1.5\nc: !!bool yes\nd: !!str 12\ne: 007\n").data
    assert data == {"a": 8, "b": 1.5, "c": True, "d": "12", "e": "007"}


def test_every_example_is_read_without_the_slower_screening_pass() -> None:
    from tests.samples import synthetic_sop

    texts = [p.read_text(encoding="utf-8") for p in sorted(SERANG.glob("*.sop.yaml"))]
    texts.append(sopfile.dump(synthetic_sop(60)))
    assert all(sopfile._plainly_safe(text) for text in texts)
