"""Rendered downloads are cached in the storage by content: one render per file, however many ask."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import connections
from django.test import Client
from django.urls import reverse

from sopap.web.authoring import cache, rendering
from sopap.web.authoring.models import RenderedFile
from sopap.web.authoring.services import revision_update
from tests.web.conftest import SOP_DATA

PEOPLE = 50
# A deadline for a state to be reached, never a pause: a test that would wait longer has failed.
DEADLINE_SECONDS = 120


@pytest.fixture
def storage(settings: Any, tmp_path: Any) -> Any:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    return tmp_path / "files"


class CountingRenderer:
    """The real renderer, counting its calls; with `hold_until`, a render waits until that many requests
    have asked for the lock, so the test sees them all arrive while the file is still being drawn."""

    def __init__(self, monkeypatch: Any, *, hold_until: int = 0) -> None:
        self.calls: list[str] = []
        self.asked = 0
        self.hold_until = hold_until
        self.changed = threading.Condition()
        real_render, real_lock = rendering.render_bytes, cache._render_lock

        def render(*args: Any, **kwargs: Any) -> bytes:
            with self.changed:
                self.calls.append(args[1])
                if not self.changed.wait_for(lambda: self.asked >= self.hold_until, DEADLINE_SECONDS):
                    raise AssertionError(
                        f"only {self.asked} of {self.hold_until} requests asked for the lock"
                    )
            return real_render(*args, **kwargs)

        def lock(entry: Any) -> Any:
            with self.changed:
                self.asked += 1
                self.changed.notify_all()
            return real_lock(entry)

        monkeypatch.setattr(rendering, "render_bytes", render)
        monkeypatch.setattr(cache, "_render_lock", lock)


@pytest.mark.django_db(transaction=True)
def test_fifty_people_downloading_the_same_uncached_pdf_at_once_cause_one_render(
    world: Any, make_sop: Any, to_state: Any, storage: Any, monkeypatch: Any
) -> None:
    sop = to_state(make_sop(), "berlaku")
    renderer = CountingRenderer(monkeypatch, hold_until=PEOPLE)
    url = reverse("catalog:sop_download", args=[sop.document_id, "pdf"])
    start = threading.Barrier(PEOPLE)
    answers: list[tuple[int, bytes]] = []

    def download() -> None:
        try:
            start.wait(DEADLINE_SECONDS)
            response = Client().get(url)
            answers.append((response.status_code, response.content))
        finally:
            connections.close_all()

    people = [threading.Thread(target=download) for _ in range(PEOPLE)]
    for person in people:
        person.start()
    for person in people:
        person.join(DEADLINE_SECONDS)

    assert renderer.calls == ["pdf"]
    assert len(answers) == PEOPLE
    assert {status for status, _body in answers} == {200}
    assert len({body for _status, body in answers}) == 1 and answers[0][1].startswith(b"%PDF")
    entry = RenderedFile.objects.get()
    assert entry.rendered_at is not None and entry.fmt == "pdf" and entry.size == len(answers[0][1])
    assert default_storage.open(entry.name).read() == answers[0][1]


@pytest.mark.django_db
def test_every_download_format_is_rendered_once_and_then_served_from_the_storage(
    login: Any, world: Any, make_sop: Any, storage: Any, monkeypatch: Any
) -> None:
    sop = make_sop()
    renderer = CountingRenderer(monkeypatch)
    client = login(world.drafter)
    formats = [fmt for fmt in rendering.formats() if fmt != "yaml"]
    first = {fmt: client.get(reverse("authoring:download", args=[sop.pk, fmt])) for fmt in formats}
    again = {fmt: client.get(reverse("authoring:download", args=[sop.pk, fmt])) for fmt in formats}

    assert sorted(renderer.calls) == sorted(formats)
    for fmt in formats:
        assert first[fmt].status_code == again[fmt].status_code == 200
        assert first[fmt].content == again[fmt].content
        assert first[fmt]["Content-Type"] == again[fmt]["Content-Type"] == rendering.media_type(fmt)
    assert RenderedFile.objects.filter(revision=sop).count() == len(formats)
    assert client.get(reverse("authoring:download", args=[sop.pk, "yaml"])).content == sop.yaml_text.encode()


@pytest.mark.django_db
def test_the_language_and_the_text_are_part_of_the_key_and_so_is_the_renderer(world: Any) -> None:
    text = "nama: A\n"
    key = cache.cache_key(text, "pdf", lang="id")
    assert key == cache.cache_key(text, "pdf", lang="id", paper="f4")
    others = {
        cache.cache_key(text, "pdf", lang="en"),
        cache.cache_key(text, "pdf", lang="id", paper="a4"),
        cache.cache_key(text, "docx", lang="id"),
        cache.cache_key(text + "\n", "pdf", lang="id"),
    }
    assert key not in others and len(others) == 4
    assert len(cache.renderer_version()) == 64


@pytest.mark.django_db
def test_a_draft_saved_again_gets_a_new_file_and_the_prune_removes_the_old_one(
    login: Any, world: Any, make_sop: Any, storage: Any, monkeypatch: Any
) -> None:
    sop = make_sop()
    renderer = CountingRenderer(monkeypatch)
    client = login(world.drafter)
    url = reverse("authoring:download", args=[sop.pk, "svg"])
    before = client.get(url).content
    old = RenderedFile.objects.get(revision=sop)
    revision_update(
        sop=sop,
        actor=world.drafter,
        data={**SOP_DATA, "nama": "Mekanisme Penyusunan SPJ Baru"},
        loaded_version=None,
    )
    after = client.get(url).content

    assert renderer.calls == ["svg", "svg"] and before != after
    assert default_storage.exists(old.name)
    assert cache.render_cache_prune() == 1
    assert not default_storage.exists(old.name)
    assert list(RenderedFile.objects.values_list("source_sha256", flat=True)) == [
        cache.source_hash(type(sop).objects.get(pk=sop.pk).yaml_text)
    ]
    assert cache.render_cache_prune() == 0


@pytest.mark.django_db
def test_a_file_gone_from_the_storage_is_rendered_again(
    login: Any, world: Any, make_sop: Any, storage: Any, monkeypatch: Any
) -> None:
    sop = make_sop()
    renderer = CountingRenderer(monkeypatch)
    client = login(world.drafter)
    url = reverse("authoring:download", args=[sop.pk, "html"])
    first = client.get(url).content
    default_storage.delete(RenderedFile.objects.get().name)
    assert client.get(url).content == first
    assert renderer.calls == ["html", "html"]
    assert default_storage.exists(RenderedFile.objects.get().name)
