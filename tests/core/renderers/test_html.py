"""HTML output for the web catalog: a real table, an accessible SVG, everything escaped."""

from __future__ import annotations

import lxml.html
from hypothesis import HealthCheck, given, settings

from sopap.core import sopfile
from sopap.core.layout import RenderOptions
from sopap.core.model import SOP
from sopap.core.renderers import available_formats, render
from sopap.core.renderers.html import flow_in_words, render_html
from tests.conftest import examples, spec_example
from tests.strategies import sops

SVG = "{http://www.w3.org/2000/svg}"


def _spj() -> SOP:
    return sopfile.load(spec_example())


def _doc(sop: SOP, options: RenderOptions | None = None, **kwargs: bool) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_html(sop, options, **kwargs))


def test_html_is_offered_by_the_format_registry_and_renders_through_it() -> None:
    assert "html" in available_formats()
    assert render(_spj(), "html").startswith(b"<!DOCTYPE html>")


def test_a_standalone_page_has_a_language_a_title_and_a_print_stylesheet() -> None:
    doc = _doc(_spj())
    assert doc.get("lang") == "id"
    assert doc.findtext(".//title") == "Mekanisme Penyusunan SPJ"
    assert "@media print" in doc.findtext(".//style")


def test_a_fragment_for_the_templates_is_one_article_without_a_page_around_it() -> None:
    fragment = render_html(_spj(), standalone=False)
    assert "<html" not in fragment and "<body" not in fragment and "<!DOCTYPE" not in fragment
    element = lxml.html.fragment_fromstring(fragment)
    assert element.tag == "article"
    # The page's stylesheet stays with the page; only the SVG carries its own drawing styles.
    assert all(s.getparent().tag.endswith("defs") for s in element.iter("style", "{*}style"))


def test_the_procedure_is_a_real_table_with_caption_scoped_headers_and_one_row_per_step() -> None:
    sop = _spj()
    table = _doc(sop).find_class("sop-procedure")[0]
    assert "Mekanisme Penyusunan SPJ" in table.find("caption").text_content()
    head = table.find("thead")
    scopes = [(th.text_content(), th.get("scope")) for th in head.iter("th")]
    assert ("Pelaksana", "colgroup") in scopes and ("Mutu Baku", "colgroup") in scopes
    assert ("Kasubag Keuangan", "col") in scopes and ("Uraian Prosedur", "col") in scopes
    assert all(scope for _, scope in scopes)
    rows = table.find("tbody").findall("tr")
    assert len(rows) == len(sop.langkah)
    assert rows[2].find("th").get("scope") == "row"
    assert "Verifikasi SPJ" in rows[2].text_content()


def test_the_actor_of_a_step_is_said_in_text_for_screen_readers() -> None:
    rows = _doc(_spj()).find_class("sop-procedure")[0].find("tbody").findall("tr")
    hidden = [span.text_content() for span in rows[2].find_class("visually-hidden")]
    assert hidden == ["Pelaksana: Kasubag Keuangan"]
    assert "Ya: langkah 4; Tidak: langkah 2" in rows[2].text_content()


def test_the_identity_labels_are_row_headers() -> None:
    table = _doc(_spj()).find_class("sop-identity")[0]
    labels = {th.text_content(): th.get("scope") for th in table.iter("th")}
    assert labels["Nomor"] == "row" and labels["Dasar Hukum"] == "row" and labels["Nama SOP"] == "row"


def test_the_flowchart_svg_is_an_image_with_a_title_and_the_flow_in_words() -> None:
    doc = _doc(_spj())
    (svg,) = [e for e in doc.iter() if isinstance(e.tag, str) and e.tag.endswith("svg")]
    assert svg.get("role") == "img"
    labelled = svg.get("aria-labelledby").split()
    ids = {e.get("id"): e for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    assert all(label in ids for label in labelled)
    assert ids[labelled[0]].text_content() == "Mekanisme Penyusunan SPJ"
    details = doc.find(".//details")
    items = [li.text_content() for li in details.iter("li")]
    assert items[2] == (
        "Langkah 3 (Kasubag Keuangan): Verifikasi SPJ. Jika ya, lanjut ke langkah 4; jika tidak, kembali ke "
        "langkah 2."
    )
    assert items[-1].endswith("Selesai.")


def test_ids_are_unique_so_several_sops_fit_on_one_page() -> None:
    doc = _doc(_spj())
    ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))


def test_user_text_is_escaped_everywhere() -> None:
    sop = _spj()
    evil = '<script>alert("x")</script> & "quotes" <b>'
    sop.nama = evil
    sop.langkah[0].kegiatan = evil
    sop.langkah[1].kelengkapan = [evil, "<img src=x onerror=alert(1)>"]
    sop.pelaksana = ["PPTK <i>", "Bendahara Pengeluaran", "Kasubag Keuangan"]
    sop.langkah[0].pelaksana = ["PPTK <i>"]
    text = render_html(sop)
    assert "<script>" not in text and "<img" not in text and "<i>" not in text and "<b>" not in text
    doc = lxml.html.document_fromstring(text)
    assert not doc.findall(".//script") and not doc.findall(".//img")
    assert evil in doc.find(".//h1").text_content()


def test_english_labels_with_lang_en() -> None:
    doc = _doc(_spj(), RenderOptions(lang="en"))
    assert doc.get("lang") == "en"
    heads = [th.text_content() for th in doc.find_class("sop-procedure")[0].find("thead").iter("th")]
    assert "Actors" in heads and "Quality Standard" in heads
    assert flow_in_words(_spj(), "en")[2] == (
        "Step 3 (Kasubag Keuangan): Verifikasi SPJ. If yes, go on to step 4; if no, go back to step 2."
    )


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops(max_steps=20, max_actors=8))
def test_generated_sops_give_a_row_and_a_sentence_per_step(sop: SOP) -> None:
    doc = _doc(sop)
    rows = doc.find_class("sop-procedure")[0].find("tbody").findall("tr")
    assert len(rows) == len(sop.langkah)
    assert len(list(doc.find(".//details").iter("li"))) == len(sop.langkah)
