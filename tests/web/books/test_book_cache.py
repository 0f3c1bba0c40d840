"""A built book lives in the render cache beside the SOPs' own files: the daily prune keeps it while its
renderer is current and it is recent, and removes it after that (a book asked for again is built again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from sopap.web.authoring import cache
from sopap.web.authoring.models import RenderedFile
from sopap.web.books.selectors import Scope, settings_of
from sopap.web.books.services import Selection, book_bytes, book_file

pytestmark = pytest.mark.django_db


def _built(world: Any, in_force: Any) -> RenderedFile:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    scope = Scope(pemda=world.pemda, pd=world.pd)
    file = book_file(scope=scope, selection=Selection(), fmt="pdf", row=settings_of(scope=scope))
    book_bytes(file=file, progress=lambda percent, message: None)
    return RenderedFile.objects.get(key=file.key)


def test_the_daily_prune_keeps_a_recent_book_of_the_current_renderer(world: Any, in_force: Any) -> None:
    entry = _built(world, in_force)
    assert (entry.fmt, entry.revision) == ("buku:pdf", None)
    cache.render_cache_prune()
    assert RenderedFile.objects.filter(pk=entry.pk).exists() and default_storage.exists(entry.name)


def test_the_daily_prune_removes_a_book_of_older_code_or_older_than_a_month(
    world: Any, in_force: Any
) -> None:
    entry = _built(world, in_force)
    RenderedFile.objects.filter(pk=entry.pk).update(
        rendered_at=timezone.now() - dt.timedelta(days=cache.COMPOSED_KEEP_DAYS + 1)
    )
    assert cache.render_cache_prune() >= 1
    assert not RenderedFile.objects.filter(pk=entry.pk).exists() and not default_storage.exists(entry.name)

    again = _built(world, in_force)
    RenderedFile.objects.filter(pk=again.pk).update(renderer="older code")
    cache.render_cache_prune()
    assert not RenderedFile.objects.filter(pk=again.pk).exists()
