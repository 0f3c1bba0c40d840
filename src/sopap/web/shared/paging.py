"""Long lists one page at a time (`?halaman=N`), without counting the whole list: one row past the page
tells whether there is a next one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest

PAGE_SIZE = 100
_LAST_PAGE = 10_000

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    first_shown: int
    last_shown: int
    prev_query: str  # the query string of the page before, "" on the first
    next_query: str  # of the page after, "" on the last


def page_number(raw: str) -> int:
    """The page asked for; anything that is not a page number shows the first."""
    return int(raw) if raw.isdigit() and 0 < int(raw) <= _LAST_PAGE else 1


def page_query(request: HttpRequest, number: int) -> str:
    """The request's query string (search, filters, period kept) pointing at another page."""
    query = request.GET.copy()
    query["halaman"] = str(number)
    return query.urlencode()


def page_of(request: HttpRequest, rows: Sequence[T] | Any, *, size: int | None = None) -> Page[T]:
    """The page of ``rows`` (a list or a queryset, sliced so a queryset reads only that page) asked for."""
    size = size or PAGE_SIZE
    number = page_number(request.GET.get("halaman", ""))
    start = (number - 1) * size
    fetched = list(rows[start : start + size + 1])
    items = fetched[:size]
    return Page(
        items=items,
        number=number,
        first_shown=start + 1,
        last_shown=start + len(items),
        prev_query=page_query(request, number - 1) if number > 1 else "",
        next_query=page_query(request, number + 1) if len(fetched) > size else "",
    )
