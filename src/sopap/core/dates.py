"""Dates as Indonesian government documents write them (`08 April 2019`), both ways.

One home for month names, so the importer that reads dates and the renderers that write them agree.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Every spelling met in documents: full names in both languages, abbreviations, old spellings (Pebruari).
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): n for names in MONTH_NAMES.values() for n, name in enumerate(names, start=1)},
    **{name.lower()[:3]: n for names in MONTH_NAMES.values() for n, name in enumerate(names, start=1)},
    "pebruari": 2,
    "peb": 2,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agst": 8,
    "sept": 9,
    "okt": 10,
    "nopember": 11,
    "nop": 11,
    "des": 12,
}


def format_date(value: dt.date | None, lang: str = "id") -> str:
    """`08 April 2019`; a missing date is written `-`, as the seeds do."""
    if value is None:
        return "-"
    return f"{value.day:02d} {MONTH_NAMES.get(lang, MONTH_NAMES['id'])[value.month - 1]} {value.year}"


def parse_date(text: str) -> dt.date | None:
    """`08 April 2019`, `8 Apr 2019`, `08-04-2019`, `8/4/2019`, `2019-04-08` -> a date; anything else None."""
    text = " ".join(text.split()).strip(" .,")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day)
    match = re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _date(year, month, day)
    match = re.fullmatch(r"(\d{1,2})\s*[-/ ]?\s*([A-Za-z]+)\.?\s*[-/ ]?\s*(\d{4})", text)
    if match:
        named = month_number(match.group(2))
        if named:
            return _date(int(match.group(3)), named, int(match.group(1)))
    return None


def month_number(word: str) -> int | None:
    """The month a word names, misspellings a typist makes included (`Novermber`, `Agustu`, `Pebuari`):
    an exact spelling first, else the one full name close enough to it (one or two letters off)."""
    import difflib

    key = word.lower()
    if key in MONTH_NUMBERS:
        return MONTH_NUMBERS[key]
    if len(key) < 5:
        return None
    full = {name: n for name, n in MONTH_NUMBERS.items() if len(name) >= 5}
    close = difflib.get_close_matches(key, list(full), n=3, cutoff=0.8)
    months = {full[name] for name in close}
    return months.pop() if len(months) == 1 else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
