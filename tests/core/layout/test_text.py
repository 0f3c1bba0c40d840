"""Text is measured with the embedded font and wrapped to any column, however long the words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopap.core.layout.text import text_width, wrap


def test_widths_match_arial_metrics() -> None:
    # Liberation Sans is metric-compatible with Arial: the same advance widths, glyph by glyph.
    assert text_width("a", "regular", 10) == pytest.approx(5.56, abs=0.01)
    assert text_width("a", "bold", 10) == pytest.approx(5.56, abs=0.01)
    assert text_width("W", "regular", 10) == pytest.approx(9.44, abs=0.01)


def test_a_word_longer_than_the_column_is_broken_with_a_hyphen() -> None:
    lines = wrap("Pengelolaan", "bold", 7.5, 30)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert all(text_width(line, "bold", 7.5) <= 30 for line in lines)


@given(st.text(alphabet="abcdefghij KLMNOP.,", min_size=0, max_size=300), st.floats(20, 300))
def test_every_wrapped_line_fits_its_column(text: str, width: float) -> None:
    for line in wrap(text, "regular", 8, width):
        assert text_width(line, "regular", 8) <= width + 0.01
    assert "".join(wrap(text, "regular", 8, width)).replace("-", "").replace(" ", "") == text.replace(
        " ", ""
    ).replace("-", "")
