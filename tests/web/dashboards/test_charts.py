"""The dashboard's charts are SVG drawn on the server: text escaped, bars in proportion, series stacked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sopap.web.dashboards.charts import LABEL_WIDTH, VALUE_WIDTH, WIDTH, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _widths(svg: str) -> list[float]:
    return [float(r.get("width")) for r in ET.fromstring(svg).iter(f"{SVG}rect")]


def test_bars_are_in_proportion_to_their_values_and_the_largest_fills_the_span():
    widths = _widths(bar_chart([Bar("a", (10,)), Bar("b", (5,))], title="t"))
    assert widths == [WIDTH - LABEL_WIDTH - VALUE_WIDTH, (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / 2]


def test_a_zero_draws_no_bar_but_keeps_its_row_and_value():
    svg = bar_chart([Bar("kosong", (0,))], title="t")
    assert _widths(svg) == [] and ">0</text>" in svg and "kosong" in svg


def test_stacked_series_get_a_legend_and_one_rectangle_each():
    svg = bar_chart([Bar("Unit", (2, 3))], title="t", series=["Berlaku", "Dalam proses"])
    root = ET.fromstring(svg)
    assert len(_widths(svg)) == 2 + 2  # two legend squares, two bar pieces
    assert "Berlaku" in svg and "Dalam proses" in svg and ">5</text>" in svg
    assert root.get("role") == "img" and root.get("aria-label") == "t"


def test_every_text_is_escaped():
    svg = bar_chart([Bar("<b>&", (1,))], title='"x"<')
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)  # still well-formed


def test_long_labels_are_shortened_with_the_whole_label_as_a_tooltip():
    label = "Sub Bagian Program, Evaluasi dan Pelaporan Keuangan"
    svg = bar_chart([Bar(label, (1,))], title="t")
    assert f"<title>{label}</title>" in svg and re.search(r">Sub Bagian Program, Evaluasi …<", svg)
