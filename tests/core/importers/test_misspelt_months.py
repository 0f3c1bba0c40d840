"""Dates with the month misspelt, as typed in real SOPs, are still read; a guess between two months is not."""

import datetime as dt

import pytest

from sopap.core.dates import parse_date


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("15 Novermber 2024", dt.date(2024, 11, 15)),
        ("17 Agustu 2022", dt.date(2022, 8, 17)),
        ("27 Pebruari 2023", dt.date(2023, 2, 27)),
        ("3 Pebuari 2020", dt.date(2020, 2, 3)),
        ("4 Septmber 2019", dt.date(2019, 9, 4)),
        ("1 Nopember 2021", dt.date(2021, 11, 1)),
    ],
)
def test_a_misspelt_month_is_read_as_the_month_it_is_closest_to(typed, date):
    assert parse_date(typed) == date


def test_a_word_as_close_to_two_months_gives_no_date():
    assert parse_date("2 Juny 2021") is None


def test_a_word_that_is_no_month_gives_no_date():
    assert parse_date("5 Jani 2020") is None
