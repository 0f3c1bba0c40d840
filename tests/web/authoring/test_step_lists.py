"""Kelengkapan and output take one item per line, as the identity lists do; a `;` typed the old way still
separates items, and the form says which."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from sopap.web.authoring import editor
from tests.web.conftest import fresh


def _post(**step: str) -> QueryDict:
    q = QueryDict(mutable=True)
    q["nama"] = "Uji"
    for name in editor.STEP_FIELDS:
        q.appendlist(name, step.get(name, ""))
    return q


def test_one_item_per_line_makes_a_list():
    data = editor.data_from_post(
        _post(kegiatan="Periksa", kelengkapan="SPJ\nKuitansi\n\n", output="SPJ diperiksa\nBerita acara"),
        identity={},
    )
    step = data["langkah"][0]
    assert step["kelengkapan"] == ["SPJ", "Kuitansi"]
    assert step["output"] == ["SPJ diperiksa", "Berita acara"]


def test_a_semicolon_typed_the_old_way_still_separates_items():
    data = editor.data_from_post(_post(kegiatan="Periksa", kelengkapan="SPJ; Kuitansi\nNota"), identity={})
    assert data["langkah"][0]["kelengkapan"] == ["SPJ", "Kuitansi", "Nota"]


def test_a_stored_list_comes_back_one_item_per_line():
    initial = editor.initial_from_data(
        {"langkah": [{"kegiatan": "Periksa", "kelengkapan": ["SPJ", "Kuitansi"], "output": "SPJ diperiksa"}]}
    )
    assert initial["steps"][0]["kelengkapan"] == "SPJ\nKuitansi"
    assert initial["steps"][0]["output"] == "SPJ diperiksa"


@pytest.mark.django_db
def test_the_editor_shows_kelengkapan_and_output_as_lines_and_says_so(login, world, make_sop):
    sop = make_sop()
    page = login(fresh(world.drafter)).get(reverse("authoring:edit", args=[sop.pk])).content.decode()
    assert '<textarea name="kelengkapan" rows="2" aria-describedby="lists-help">SPJ</textarea>' in page
    assert '<textarea name="output" rows="2" aria-describedby="lists-help">SPJ dikirim</textarea>' in page
    assert 'id="lists-help">Kelengkapan dan output: satu butir per baris' in page
