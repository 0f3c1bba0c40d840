"""Errors in the procedure: actors, decisions, waktu, and a flow that must end."""

from __future__ import annotations

from tests.core.rules.helpers import codes, only, sop_data


def test_a_step_whose_actor_is_not_declared_is_an_error_with_a_suggestion() -> None:
    data = sop_data()
    data["langkah"][1]["pelaksana"] = "Bendahara Pengeluran"
    diagnostic = only(data, "unknown-actor")
    assert (diagnostic.step, diagnostic.field) == (2, "pelaksana")
    assert "maksudnya “Bendahara Pengeluaran”?" in diagnostic.message()


def test_undeclared_actors_are_fine_when_the_sop_declares_no_columns() -> None:
    data = sop_data(pelaksana=None)
    data["langkah"][1]["pelaksana"] = "Siapa Saja"
    assert "unknown-actor" not in codes(data)


def test_a_decision_target_out_of_range_names_the_step_and_keputusan() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 99, "tidak": 2}
    diagnostic = only(data, "target-out-of-range")
    assert (diagnostic.step, diagnostic.field) == (3, "keputusan.ya")
    assert (
        "tujuan cabang Ya (langkah 99) di luar jangkauan: SOP ini hanya punya 5 langkah"
        in diagnostic.message()
    )


def test_a_decision_pointing_at_itself_is_an_error() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 4, "tidak": 3}
    assert only(data, "target-self").field == "keputusan.tidak"


def test_a_decision_with_equal_branches_is_an_error() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 4, "tidak": 4}
    assert only(data, "targets-equal").step == 3


def test_a_decision_symbol_without_branches_is_an_error() -> None:
    data = sop_data()
    data["langkah"][1]["simbol"] = "keputusan"
    assert only(data, "decision-without-branches").step == 2


def test_branches_on_a_step_drawn_as_a_process_are_an_error() -> None:
    data = sop_data()
    data["langkah"][2]["simbol"] = "proses"
    assert only(data, "branches-without-decision").step == 3


def test_unparsable_waktu_is_an_error_on_its_step() -> None:
    data = sop_data()
    data["langkah"][3]["waktu"] = "secepatnya ya"
    diagnostic = only(data, "unreadable-waktu")
    assert (diagnostic.step, diagnostic.field) == (4, "waktu")


def test_a_step_unreachable_from_step_one_is_an_error() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 5, "tidak": 2}
    assert only(data, "unreachable-step").step == 4


def test_a_loop_with_no_way_out_is_an_error() -> None:
    data = sop_data()
    data["langkah"][3]["keputusan"] = {"ya": 3, "tidak": 2}
    data["langkah"][2]["keputusan"] = {"ya": 4, "tidak": 2}
    diagnostic = only(data, "dead-loop")
    assert diagnostic.message().endswith("dari langkah 2, 3, 4 prosedur tidak pernah sampai selesai")


def test_a_decision_may_end_the_procedure() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 4, "tidak": "selesai"}
    assert [c for c in codes(data) if c in {"dead-loop", "unreachable-step"}] == []


def test_the_same_actor_declared_twice_is_an_error() -> None:
    data = sop_data(pelaksana=["PPTK", "PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan"])
    assert only(data, "duplicate-actor").field == "pelaksana"
