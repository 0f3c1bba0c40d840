from __future__ import annotations

from sopap.core.model import SOP, Simbol
from tests.conftest import sop_data


def test_a_single_string_and_a_list_of_one_mean_the_same_step_fields() -> None:
    one = SOP.model_validate(sop_data())
    data = sop_data()
    data["langkah"][0]["pelaksana"] = ["PPTK"]
    data["langkah"][0]["kelengkapan"] = ["SPJ"]
    assert SOP.model_validate(data) == one
    assert one.langkah[0].pelaksana == ["PPTK"]


def test_actor_columns_default_to_the_actors_of_the_steps_in_order_of_first_appearance() -> None:
    sop = SOP.model_validate(sop_data(pelaksana=None))
    assert sop.pelaksana is None
    assert sop.actors == ["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan"]


def test_declared_actor_columns_keep_their_order() -> None:
    sop = SOP.model_validate(sop_data(pelaksana=["Kasubag Keuangan", "PPTK", "Bendahara Pengeluaran"]))
    assert sop.actors == ["Kasubag Keuangan", "PPTK", "Bendahara Pengeluaran"]


def test_symbols_default_to_terminators_at_both_ends_and_a_diamond_for_decisions() -> None:
    sop = SOP.model_validate(sop_data())
    assert [sop.symbol_of(n) for n in range(1, 6)] == [
        Simbol.MULAI,
        Simbol.PROSES,
        Simbol.KEPUTUSAN,
        Simbol.PROSES,
        Simbol.SELESAI,
    ]


def test_an_explicit_simbol_overrides_the_default() -> None:
    data = sop_data()
    data["langkah"][1]["simbol"] = "selesai"
    assert SOP.model_validate(data).symbol_of(2) == Simbol.SELESAI


def test_surrounding_whitespace_is_dropped_from_text() -> None:
    data = sop_data(nama="  Mekanisme Penyusunan SPJ \n")
    assert SOP.model_validate(data).nama == "Mekanisme Penyusunan SPJ"


def test_numbers_written_where_text_is_expected_become_text() -> None:
    data = sop_data(nomor=800)
    assert SOP.model_validate(data).nomor == "800"


def test_lanes_are_the_actor_columns_then_actors_a_draft_names_without_declaring() -> None:
    data = sop_data()
    data["langkah"][1]["pelaksana"] = ["Bendahara Pengeluaran", "Kepala Dinas"]
    sop = SOP.model_validate(data)
    assert sop.lane_actors == ["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan", "Kepala Dinas"]
    assert sop.actors == ["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan"]
