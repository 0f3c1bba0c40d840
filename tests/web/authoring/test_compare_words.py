"""The compare page names each field as the editor does and marks the words that changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.authoring.compare import word_diff
from sopap.web.authoring.services import revision_update
from sopap.web.workflow import services as wf
from tests.web.conftest import SOP_DATA, fresh


def test_the_changed_words_are_marked_and_the_rest_left_alone():
    a, b = word_diff("Penyerahan SPJ ke bendahara", "Penyerahan SPJ elektronik ke bendahara")
    assert a == "Penyerahan SPJ ke bendahara"
    assert b == "Penyerahan SPJ <ins>elektronik</ins> ke bendahara"
    a, b = word_diff("1 jam", "2 jam")
    assert (a, b) == ("<del>1</del> jam", "<ins>2</ins> jam")


def test_what_is_compared_is_escaped_and_keeps_its_lines():
    a, b = word_diff("<b>SPJ</b>\nKuitansi", "<b>SPJ</b>\nNota")
    assert a == "&lt;b&gt;SPJ&lt;/b&gt;<br><del>Kuitansi</del>"
    assert b == "&lt;b&gt;SPJ&lt;/b&gt;<br><ins>Nota</ins>"


@pytest.mark.django_db
def test_the_compare_page_shows_labels_not_yaml_keys(login, world, make_sop, to_state):
    old = to_state(make_sop(), "berlaku")
    new = wf.review_open(sop=old, actor=fresh(world.drafter))
    data = {**SOP_DATA, "langkah": [dict(step) for step in SOP_DATA["langkah"]]}
    data["langkah"][0]["waktu"] = "2 jam"
    data["langkah"][2]["keputusan"] = {"ya": 5, "tidak": 2}
    revision_update(sop=new, actor=fresh(world.drafter), data=data, loaded_version=new.version)
    page = login(fresh(world.drafter)).get(
        reverse("authoring:compare", args=[old.document_id]), {"a": old.pk, "b": new.pk}
    )
    html = page.content.decode()
    assert '<span class="cmp-label">Waktu:</span> <del>1</del> jam' in html
    assert '<span class="cmp-label">Waktu:</span> <ins>2</ins> jam' in html
    assert '<span class="cmp-label">Jika Ya, ke langkah:</span> <ins>5</ins>' in html
    assert '<th scope="row">Tanggal pembuatan</th><td data-label="Revisi 1">08 April 2019</td>' in html
    for key in ("kegiatan:", "ya:", "tidak:", "waktu:", "tanggal_pembuatan", "2019-04-08"):
        assert key not in html


def test_with_a_single_revision_the_compare_page_says_there_is_nothing_to_compare_yet(login, world, make_sop):
    sop = make_sop()
    html = login(world.drafter).get(reverse("authoring:compare", args=[sop.document_id])).content.decode()
    assert "baru memiliki satu revisi" in html
    assert 'class="compare"' not in html


def test_comparing_a_revision_with_itself_asks_for_two_different_ones(login, world, make_sop, to_state):
    old = to_state(make_sop(), "berlaku")
    wf.review_open(sop=old, actor=fresh(world.drafter))
    page = login(fresh(world.drafter)).get(
        reverse("authoring:compare", args=[old.document_id]), {"a": old.pk, "b": old.pk}
    )
    html = page.content.decode()
    assert "pilih dua revisi yang berbeda" in html and 'class="compare"' not in html
