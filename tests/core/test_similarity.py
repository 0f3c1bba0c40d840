"""SOPs that should be one: the families of SOPs with one flow that differ mostly by their document."""

from __future__ import annotations

from hypothesis import given, settings

from sopap.core.model import SOP
from sopap.core.similarity import NAME, families, similarity
from sopap.core.sopfile import load_path
from tests.conftest import EXAMPLES
from tests.strategies import sops

SERANG = {p.name[:2]: load_path(p) for p in sorted((EXAMPLES / "serang").glob("*.sop.yaml"))}
PLANNING = {
    "33",
    "34",
    "35",
    "36",
    "37",
    "39",
    "40",
    "41",
    "42",
    "43",
}  # RENJA, LKjIP, PK, ... Standar Pelayanan


def test_the_ten_serang_planning_and_reporting_sops_are_one_family_and_no_other_sop_is_in_it():
    found = families(SERANG)
    assert [{m.key for m in f.members} for f in found] == [PLANNING]


def test_each_member_says_which_document_it_is_about():
    family = families(SERANG)[0]
    named = {m.key: m.name_words for m in family.members}
    assert named["33"] == ("RENJA",) and named["39"] == ("IKU",) and named["42"] == ("DPA",)


def test_what_differs_points_at_the_step_and_its_words():
    family = families(SERANG)[0]
    dpa = next(m for m in family.members if m.key == "42")
    # The DPA's first step still speaks of the RENJA: copied from it and not corrected.
    first = next(d for d in dpa.differences if d.nomor == 1)
    assert "renja" in first.only_here and NAME in first.only_there
    assert 0.6 <= dpa.similarity < 1


def test_the_central_sop_is_listed_first_and_the_others_most_alike_first():
    family = families(SERANG)[0]
    assert family.members[0].key == family.central and family.members[0].similarity == 1.0
    rest = [m.similarity for m in family.members[1:]]
    assert rest == sorted(rest, reverse=True)


def test_sops_with_another_flow_are_far_apart():
    assert similarity(SERANG["33"], SERANG["34"]) > 0.9
    assert similarity(SERANG["33"], SERANG["31"]) < 0.4
    assert similarity(SERANG["33"], SERANG["38"]) < 0.4  # LPPD: the same subject, another flow


def test_another_actor_on_every_step_makes_two_sops_less_alike():
    renja = SERANG["33"]
    moved = renja.model_copy(
        update={
            "langkah": [s.model_copy(update={"pelaksana": ["Pelaksana"]}) for s in renja.langkah],
        }
    )
    assert similarity(renja, renja) == 1.0
    assert similarity(renja, moved) < similarity(renja, renja)


@settings(max_examples=30, deadline=None)
@given(sops(max_steps=8, max_actors=4), sops(max_steps=8, max_actors=4))
def test_similarity_is_symmetric_and_between_zero_and_one(a: SOP, b: SOP):
    assert 0.0 <= similarity(a, b) <= 1.0
    assert abs(similarity(a, b) - similarity(b, a)) < 1e-9
    assert similarity(a, a) == 1.0
