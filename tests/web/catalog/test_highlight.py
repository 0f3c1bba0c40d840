"""The words of the search marked in the results, everything else escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.catalog.highlight import highlight
from tests.web.conftest import SOP_DATA


def test_a_matching_word_is_marked_whole_and_the_rest_left_alone():
    assert highlight("Mekanisme Penyusunan RENJA", ["renj"]) == "Mekanisme Penyusunan <mark>RENJA</mark>"


def test_another_form_of_the_word_is_marked_through_its_stem():
    assert highlight("Menyusun draft", ["penyusunan"]) == "<mark>Menyusun</mark> draft"


def test_the_text_is_escaped_and_only_the_mark_is_html():
    out = highlight('SPJ <script>alert("x")</script> & co', ["spj", "script"])
    assert (
        out
        == "<mark>SPJ</mark> &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; co"
    )
    assert "<script" not in out


@pytest.mark.django_db
def test_the_results_page_marks_the_words_found(client, make_sop, to_state):
    to_state(make_sop(data={**SOP_DATA, "nama": "Penyusunan <b>SPJ</b> belanja"}), "berlaku")
    page = client.get(reverse("catalog:index"), {"q": "spj"}).content.decode()
    assert "Penyusunan &lt;b&gt;<mark>SPJ</mark>&lt;/b&gt; belanja" in page
