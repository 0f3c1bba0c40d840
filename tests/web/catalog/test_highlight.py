"""The words of the search marked in the results, everything else escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sopap.web.catalog.highlight import highlight, snippet
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


def test_a_snippet_is_the_first_line_holding_a_word_of_the_search():
    body = "Dinas Komunikasi\nPenerimaan SPJ oleh Bendahara Pengeluaran\nBendahara lagi"
    assert snippet(body, ["bendahara"]) == "Penerimaan SPJ oleh <mark>Bendahara</mark> Pengeluaran"
    assert snippet(body, ["kapal"]) == ""


def test_a_long_line_is_cut_around_the_word_at_spaces():
    line = " ".join(["kata"] * 40) + " Bendahara " + " ".join(["lain"] * 60)
    out = snippet(line, ["bendahara"])
    assert out.startswith("… kata") and out.endswith("lain …") and "<mark>Bendahara</mark>" in out
    assert len(out) < len(line) // 2


@pytest.mark.django_db
def test_a_result_found_by_its_steps_shows_the_line_that_matched(client, make_sop, to_state):
    to_state(make_sop(data=SOP_DATA), "berlaku")
    page = client.get(reverse("catalog:index"), {"q": "bendahara"}).content.decode()
    assert '<span class="snippet"><mark>Bendahara</mark> Pengeluaran</span>' in page
    # Found by its name: no line of the body under it.
    assert 'class="snippet"' not in client.get(reverse("catalog:index"), {"q": "spj"}).content.decode()
