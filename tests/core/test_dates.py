from __future__ import annotations

import datetime as dt

from sopap.core.dates import format_date, parse_date


def test_indonesian_dates_become_iso_and_a_dash_is_no_date() -> None:
    assert parse_date("08 April 2019") == dt.date(2019, 4, 8)
    assert parse_date("8 Agustus 2023") == dt.date(2023, 8, 8)
    assert parse_date("8 Pebruari 2023") == dt.date(2023, 2, 8)
    assert parse_date("30-04-2019") == dt.date(2019, 4, 30)
    assert parse_date("2019-04-30") == dt.date(2019, 4, 30)
    assert parse_date("-") is None
    assert parse_date("31 Februari 2019") is None


def test_dates_are_written_as_the_seeds_write_them() -> None:
    assert format_date(dt.date(2019, 4, 8)) == "08 April 2019"
    assert format_date(dt.date(2019, 5, 8), "en") == "08 May 2019"
    assert format_date(None) == "-"


def test_every_written_date_reads_back() -> None:
    day = dt.date(2020, 1, 1)
    while day.year == 2020:
        assert parse_date(format_date(day)) == day
        assert parse_date(format_date(day, "en")) == day
        day += dt.timedelta(days=1)
