"""The two ways a page writes a date: as a document does ("08 November 2026", the style of the printed
SOP, from the core's `format_date`) and compactly in lists and histories ("08 Nov 2026", with the time
when it matters). The interface language picks the month names."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sopap.core.dates import MONTH_NAMES, format_date, parse_date
from sopap.web.shared.i18n import current_lang


def _as_date(value: Any) -> tuple[dt.date | None, dt.time | None]:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date(), value.time()
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str) and value.strip():
        return parse_date(value), None
    return None, None


def document_date(value: Any) -> str:
    """ "08 November 2026"; "" for no date. A text that is no date is given back as it is (a draft may
    still hold what its author typed)."""
    day, _time = _as_date(value)
    if day is None:
        return value.strip() if isinstance(value, str) else ""
    return format_date(day, current_lang())


def compact_date(value: Any, *, with_time: bool = False) -> str:
    """ "08 Nov 2026", or "08 Nov 2026 10.15" with the time (Indonesian writes a period, English a colon)."""
    day, time = _as_date(value)
    if day is None:
        return value.strip() if isinstance(value, str) else ""
    lang = current_lang()
    text = f"{day.day:02d} {MONTH_NAMES[lang][day.month - 1][:3]} {day.year}"
    if with_time and time is not None:
        text += f" {time.hour:02d}{'.' if lang == 'id' else ':'}{time.minute:02d}"
    return text
