"""The catalog's Indonesian stemmer (Sastrawi): roots stay whole, the forms of one word meet."""

from __future__ import annotations

import pytest

from sopap.web.catalog.selectors import catalog_search
from sopap.web.catalog.stemmer import index_terms, stem
from tests.web.conftest import SOP_DATA


@pytest.mark.parametrize(
    ("word", "root"), [("dinas", "dinas"), ("berita", "berita"), ("sesuai", "sesuai"), ("mengirim", "kirim")]
)
def test_a_root_stays_whole_and_an_affixed_word_loses_its_affixes(word, root):
    assert stem(word) == root


def test_perbaikan_and_memperbaiki_meet_at_baik():
    assert stem("perbaikan") == stem("memperbaiki") == "baik"


def test_kerjakan_and_pekerjaan_meet_at_kerja():
    assert stem("kerjakan") == stem("pekerjaan") == "kerja"


def test_penyusunan_and_menyusun_meet():
    assert stem("penyusunan") == stem("menyusun") == "susun"


def test_the_case_of_a_word_does_not_change_its_root():
    assert stem("Memperbaiki") == stem("MEMPERBAIKI") == "baik"


@pytest.mark.parametrize("word", ["2019", "spm2", "kégiatan"])
def test_a_number_or_a_word_with_letters_outside_a_to_z_is_kept_whole(word):
    # Sastrawi would cut such a word where the other characters are.
    assert stem(word) == word
    assert index_terms(word) == word


@pytest.mark.django_db
def test_mengirim_finds_the_sop_whose_steps_say_dikirim(make_sop, to_state):
    # The old rule-only stemmer made "mengirim" into "irim" and "dikirim" into "kirim": they never met.
    to_state(make_sop(data=SOP_DATA), "berlaku")
    assert [e.nama for e in catalog_search(q="mengirim")] == ["Mekanisme Penyusunan SPJ"]
