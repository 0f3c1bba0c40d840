"""Long lists one page at a time (`?halaman=N`), without counting the whole list: one row past the page
tells whether there is a next one. A list that is counted (``counted=True``: one more query, for a list whose
count is cheap) also says "Halaman n dari N" and how many rows it has in all: for a queryset, counted in
the page's own query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Count, Window
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
    total: int | None = None  # how many rows in all, when counted
    pages: int | None = None  # how many pages, when counted


def page_number(raw: str) -> int:
    """The page asked for; anything that is not a page number shows the first."""
    return int(raw) if raw.isdigit() and 0 < int(raw) <= _LAST_PAGE else 1


def page_query(request: HttpRequest, number: int) -> str:
    """The request's query string (search, filters, period kept) pointing at another page."""
    query = request.GET.copy()
    query["halaman"] = str(number)
    return query.urlencode()


# The count a counted queryset's page carries in each of its rows (a window over the whole list).
_TOTAL = "_page_total"


def page_of(
    request: HttpRequest, rows: Sequence[T] | Any, *, size: int | None = None, counted: bool = False
) -> Page[T]:
    """The page of ``rows`` (a list or a queryset, sliced so a queryset reads only that page) asked for;
    with ``counted``, how many rows and pages there are, and a number past the last page shows the last."""
    size = size or PAGE_SIZE
    number = page_number(request.GET.get("halaman", ""))
    if not counted:
        return _page(request, _fetch(rows, number, size), number, size, None)
    if isinstance(rows, Sequence):
        number = min(number, _pages(len(rows), size))
        return _page(request, _fetch(rows, number, size), number, size, len(rows))
    # The count comes with the page, in the same query, rather than from a second one.
    counting = rows.annotate(**{_TOTAL: Window(Count("*"))})
    fetched = _fetch(counting, number, size)
    if fetched:
        first = fetched[0]
        total = int(first[_TOTAL] if isinstance(first, dict) else getattr(first, _TOTAL))
    elif number == 1:
        total = 0
    else:
        # Past the last page (a list that shrank, a number typed): the last page.
        total = int(rows.count())
        number = _pages(total, size)
        fetched = _fetch(counting, number, size)
    return _page(request, fetched, number, size, total)


def _pages(total: int, size: int) -> int:
    return max(1, -(-total // size))


def _fetch(rows: Any, number: int, size: int) -> list[Any]:
    start = (number - 1) * size
    return list(rows[start : start + size + 1])


def _page(request: HttpRequest, fetched: list[T], number: int, size: int, total: int | None) -> Page[T]:
    start = (number - 1) * size
    items = fetched[:size]
    return Page(
        items=items,
        number=number,
        first_shown=start + 1,
        last_shown=start + len(items),
        prev_query=page_query(request, number - 1) if number > 1 else "",
        next_query=page_query(request, number + 1) if len(fetched) > size else "",
        total=total,
        pages=None if total is None else _pages(total, size),
    )
