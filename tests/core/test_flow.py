from __future__ import annotations

from sopap.core import flow
from sopap.core.model import SOP
from tests.conftest import sop_data


def _sop(**changes: object) -> SOP:
    return SOP.model_validate(sop_data(**changes))


def test_a_step_goes_to_the_next_and_the_last_to_the_end() -> None:
    sop = _sop()
    assert flow.successors(sop, 1) == [2]
    assert flow.successors(sop, 5) == [flow.END_NODE]


def test_a_decision_goes_to_ya_then_tidak() -> None:
    assert flow.successors(_sop(), 3) == [4, 2]


def test_the_main_path_takes_ya_at_every_decision() -> None:
    assert flow.main_path(_sop()) == [1, 2, 3, 4, 5]


def test_the_standard_duration_sums_the_main_path_in_working_time() -> None:
    data = sop_data()
    data["langkah"][3]["waktu"] = "2 hari"
    data["langkah"][4]["waktu"] = "35 menit"
    duration = flow.standard_duration(SOP.model_validate(data))
    assert duration.humanize() == "2 hari 3 jam 35 menit"
    assert duration.complete


def test_steps_off_the_main_path_count_only_in_the_raw_sum() -> None:
    data = sop_data()
    data["langkah"][2]["keputusan"] = {"ya": 5, "tidak": 4}
    data["langkah"][3]["waktu"] = "1 hari"
    sop = SOP.model_validate(data)
    assert flow.main_path(sop) == [1, 2, 3, 5]
    assert flow.standard_duration(sop).humanize() == "4 jam"
    assert flow.duration(sop).humanize() == "1 hari 4 jam"


def test_waktu_that_cannot_be_summed_is_reported_not_guessed() -> None:
    data = sop_data()
    data["langkah"][1]["waktu"] = "Setiap hari"
    data["langkah"][2].pop("waktu")
    duration = flow.standard_duration(SOP.model_validate(data))
    assert duration.not_summable == [2]
    assert duration.missing == [3]
    assert duration.humanize() == "3 jam"
    assert not duration.complete


def test_a_loop_without_exit_is_found() -> None:
    data = sop_data()
    data["langkah"][3]["keputusan"] = {"ya": 3, "tidak": 2}
    data["langkah"][2]["keputusan"] = {"ya": 4, "tidak": 2}
    assert flow.trapped(SOP.model_validate(data)) == [2, 3, 4]


def test_handoffs_are_arrows_between_different_actors() -> None:
    assert [(a, b) for a, b, _, _ in flow.handoffs(_sop())] == [(1, 2), (2, 3), (3, 4), (3, 2)]


def test_one_actor_makes_an_sop_teknis_and_more_an_sop_administratif() -> None:
    assert flow.jenis(_sop()) == "administratif"
    data = sop_data(pelaksana=None)
    for step in data["langkah"]:
        step["pelaksana"] = "Operator"
    assert flow.jenis(SOP.model_validate(data)) == "teknis"
