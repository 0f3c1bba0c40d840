"""Warnings from Perwali Serang 50/2017 and Permenpan RB 35/2012: the SOP is valid but could be better."""

from __future__ import annotations

import datetime as dt

from sopap.core.rules import taken_up
from tests.core.rules.helpers import codes, lint, only, sop_data


def test_a_single_actor_makes_an_sop_teknis() -> None:
    data = sop_data(pelaksana=None)
    for step in data["langkah"]:
        step["pelaksana"] = "Operator"
    assert "SOP teknis" in only(data, "sop-teknis").message()


def test_a_step_without_output_or_waktu_is_warned() -> None:
    data = sop_data()
    del data["langkah"][1]["output"]
    del data["langkah"][3]["waktu"]
    assert only(data, "missing-output").step == 2
    assert only(data, "missing-waktu").step == 4


def test_an_output_the_next_step_does_not_take_up_breaks_the_chain() -> None:
    data = sop_data()
    data["langkah"][0]["output"] = "Nota dinas"
    diagnostic = only(data, "broken-chain")
    assert diagnostic.step == 1
    assert "Nota dinas" in diagnostic.message()


def test_the_chain_tolerates_word_order_filler_words_and_typos() -> None:
    assert taken_up("SPP/SPM diverifikasi", "SPP/SPM yang telah diverifikasi")
    assert taken_up("Disposisi dan surat edaran", "disposisi Surat Edaran Penyusunan Renja")
    assert taken_up("Draft Renja OPD", "Drfat Renja OPD")
    assert taken_up("Draft LKJiP Bidang", "Draft LKJiPbidang")
    assert not taken_up("Draft Renja OPD", "Draft Renja Bidang")


def test_a_decision_chain_is_checked_against_both_branches() -> None:
    data = sop_data()
    data["langkah"][2]["output"] = "SPJ dikirim"  # the kelengkapan of step 2, the tidak branch
    assert "broken-chain" not in codes(data)


def test_an_effective_date_before_the_creation_date_is_warned() -> None:
    data = sop_data(tanggal_pembuatan="2019-04-08", tanggal_efektif="2019-01-01")
    assert only(data, "efektif-before-pembuatan").field == "tanggal_efektif"


def test_an_sop_in_force_more_than_two_years_is_overdue_for_review() -> None:
    data = sop_data(tanggal_efektif="2019-04-30")
    assert "review-overdue" not in codes(data, today=dt.date(2021, 4, 29))
    diagnostic = [d for d in lint(data, today=dt.date(2021, 4, 30)) if d.code == "review-overdue"]
    assert len(diagnostic) == 1 and "2 tahun" in diagnostic[0].message()


def test_a_revision_restarts_the_review_clock() -> None:
    data = sop_data(tanggal_efektif="2015-01-01", tanggal_revisi="2019-06-01")
    assert "review-overdue" not in codes(data, today=dt.date(2021, 1, 1))


def test_a_declared_actor_who_does_nothing_is_warned() -> None:
    data = sop_data(pelaksana=["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan", "Kepala Dinas"])
    assert "“Kepala Dinas”" in only(data, "unused-actor").message()
