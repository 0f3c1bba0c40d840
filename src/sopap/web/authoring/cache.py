"""Rendered downloads, cached in Django's storage and addressed by content.

The key of a file is the SHA-256 of the revision's `.sop.yaml` text, the format, the options (language,
paper) and the renderer's version (the SHA-256 of the core's own files, so that new code never serves
what old code drew). However many requests ask for the same missing file at once, from however many
processes or machines, one renders it: the others wait on its lock, then read what it stored.

The lock is the cache entry's row (`SELECT ... FOR UPDATE`) on PostgreSQL, which every web node shares;
on SQLite, whose database is one file on one machine, it is a file lock beside the database, since a
transaction held open through a render would hold SQLite's single write lock and stop every save.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

import sopap
import sopap.core
from sopap.core.sopfile import load
from sopap.web.authoring import official, rendering
from sopap.web.authoring.models import OfficialDocument, RenderedFile, Revision
from sopap.web.shared.locks import file_lock

FOLDER = "render"
OFFICIAL_FOLDER = "resmi"
# SQLite's render locks: the key's first hex digit picks one of sixteen files, so unrelated renders
# rarely wait for each other and the lock files never pile up.
LOCK_SHARDS = 16
# In the format of a file composed of several revisions (a book), between its kind and its format.
COMPOSED = ":"
COMPOSED_KEEP_DAYS = 30


@functools.cache
def renderer_version() -> str:
    digest = hashlib.sha256(sopap.__version__.encode())
    root = Path(sopap.core.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def source_hash(yaml_text: str) -> str:
    return hashlib.sha256(yaml_text.encode("utf-8")).hexdigest()


def cache_key(yaml_text: str, fmt: str, *, lang: str, paper: str = "f4", marks: str = "") -> str:
    digest = hashlib.sha256()
    parts = (source_hash(yaml_text), fmt, f"lang={lang}", f"paper={paper}", marks, renderer_version())
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _read(entry: RenderedFile | None) -> bytes | None:
    if entry is None or entry.rendered_at is None or not entry.name:
        return None
    try:
        with default_storage.open(entry.name, "rb") as handle:
            return bytes(handle.read())
    except (FileNotFoundError, OSError):  # removed from the storage behind the cache's back: render again
        return None


@contextlib.contextmanager
def _render_lock(entry: RenderedFile) -> Iterator[RenderedFile]:
    """Hold the entry's lock and yield it as it stands once the lock is ours."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            yield RenderedFile.objects.select_for_update().get(pk=entry.pk)
        return
    shard = int(entry.key[0], 16) % LOCK_SHARDS
    with file_lock(Path(settings.DATA_DIR) / "locks" / f"render-{shard:x}.lock"):
        yield RenderedFile.objects.get(pk=entry.pk)


class Unloadable(Exception):
    """The revision's text is not an SOP the renderer can take (a half-written draft)."""


def _render(revision: Revision, fmt: str, *, lang: str, paper: str, marks: official.Marks) -> bytes:
    try:
        sop = load(revision.yaml_text)
    except Exception as exc:
        raise Unloadable(str(exc)) from exc
    return rendering.render_bytes(
        sop, fmt, lang=lang, paper=paper, logo=marks.logo(), draft=marks.draft, verify_url=marks.verify_url
    )


def _official_pdf(revision: Revision, marks: official.Marks) -> bytes:
    """The decreed revision's official PDF: the file kept when it was first drawn, else drawn and kept."""
    document = official.official_document_ensure(revision=revision)
    kept = document.pdf.name
    if kept:
        with contextlib.suppress(FileNotFoundError, OSError), default_storage.open(kept, "rb") as f:
            return bytes(f.read())
    body = _cached(revision, "pdf", lang=official.OFFICIAL[1], paper=official.OFFICIAL[2], marks=marks)
    name = f"{OFFICIAL_FOLDER}/{document.code}.pdf"
    with transaction.atomic():
        locked = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if locked.pdf:  # another process kept it first: the same bytes, the renderer being deterministic
            return body
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(body))
        OfficialDocument.objects.filter(pk=locked.pk).update(
            pdf=name, pdf_sha256=hashlib.sha256(body).hexdigest(), pdf_size=len(body)
        )
    return body


def official_pdf_keep_signed(*, revision: Revision, sign: Callable[[bytes], bytes], signer: str) -> bytes:
    """At the decree, when the PD has a certificate: the decreed revision's official PDF drawn now, signed
    by ``sign``, kept, and the SHA-256 of the signed file recorded as the official one. Call it inside the
    decree's transaction: what ``sign`` or the renderer raises leaves nothing recorded (it raises before
    anything is stored)."""
    marks = official.marks_for(revision)
    document = OfficialDocument.objects.select_for_update().get(
        pk=official.official_document_ensure(revision=revision).pk
    )
    if document.pdf:  # kept already (a decree cannot run twice; this only guards the file people hold)
        with default_storage.open(document.pdf.name or "", "rb") as f:
            return bytes(f.read())
    body = _cached(revision, "pdf", lang=official.OFFICIAL[1], paper=official.OFFICIAL[2], marks=marks)
    signed = sign(body)
    name = default_storage.save(f"{OFFICIAL_FOLDER}/{document.code}.pdf", ContentFile(signed))
    OfficialDocument.objects.filter(pk=document.pk).update(
        pdf=name,
        pdf_sha256=hashlib.sha256(signed).hexdigest(),
        pdf_size=len(signed),
        penanda_tangan=signer[:300],
    )
    return signed


def official_pdf_sha256(revision: Revision) -> tuple[str, int]:
    """The SHA-256 and size of a decreed revision's official PDF, drawing and keeping it if need be."""
    body = rendered_bytes(
        revision, official.OFFICIAL[0], lang=official.OFFICIAL[1], paper=official.OFFICIAL[2]
    )
    return hashlib.sha256(body).hexdigest(), len(body)


def rendered_bytes(revision: Revision, fmt: str, *, lang: str, paper: str = "f4") -> bytes:
    """The file of `revision` in `fmt` (a renderer format, not the source YAML): from the storage when it
    is there, else rendered once, stored, and recorded. Raises `Unloadable` for a text that is no SOP, and
    what the renderer raises on one it cannot draw; nothing is stored then. A draft's files carry DRAF;
    a decreed revision's official PDF is the one file kept since it was first drawn."""
    marks = official.marks_for(revision)
    if official.is_decreed(revision) and (fmt, lang, paper) == official.OFFICIAL:
        return _official_pdf(revision, marks)
    return _cached(revision, fmt, lang=lang, paper=paper, marks=marks)


def _cached(revision: Revision, fmt: str, *, lang: str, paper: str, marks: official.Marks) -> bytes:
    return stored_bytes(
        key=cache_key(revision.yaml_text, fmt, lang=lang, paper=paper, marks=marks.key),
        fmt=fmt,
        ext=rendering.extension(fmt),
        produce=lambda: _render(revision, fmt, lang=lang, paper=paper, marks=marks),
        revision=revision,
        source_sha256=source_hash(revision.yaml_text),
    )[0]


def composed_fmt(kind: str, fmt: str) -> str:
    """The cache's name for a file composed of several revisions (a book: ``buku:pdf``); such a file has
    no revision of its own, and its key covers every input."""
    return f"{kind}{COMPOSED}{fmt}"


def stored_bytes(
    *,
    key: str,
    fmt: str,
    ext: str,
    produce: Callable[[], bytes],
    revision: Revision | None = None,
    source_sha256: str = "",
) -> tuple[bytes, bool]:
    """The file stored under `key`, or `produce()`'s bytes stored there by exactly one of however many
    callers ask at once. Returns the bytes and whether this call produced them."""
    found = RenderedFile.objects.filter(key=key).first()
    body = _read(found)
    if body is not None:
        return body, False
    entry = (
        found
        or RenderedFile.objects.get_or_create(
            key=key,
            defaults={
                "revision": revision,
                "fmt": fmt,
                "source_sha256": source_sha256 or key,
                "renderer": renderer_version(),
            },
        )[0]
    )
    with _render_lock(entry) as locked:
        body = _read(locked)
        if body is not None:
            return body, False
        body = produce()
        name = default_storage.save(f"{FOLDER}/{key[:2]}/{key}.{ext}", ContentFile(body))
        RenderedFile.objects.filter(pk=locked.pk).update(
            name=name, size=len(body), rendered_at=timezone.now()
        )
    return body, True


def stored_only(key: str) -> bytes | None:
    """The file stored under `key`, or None when nothing is (yet): for a page that offers what was made
    and leaves the making to a background job."""
    return _read(RenderedFile.objects.filter(key=key).first())


def render_cache_prune() -> int:
    """Remove the cached files nobody can ask for any more: those of an older text of their revision (a
    draft's earlier saves), of a revision that is gone, or of older renderer code; and the composed files
    (books) of older code or older than `COMPOSED_KEEP_DAYS`, whose inputs the cache cannot check (a book
    asked for again is made again). Returns how many."""
    current = renderer_version()
    removed = 0
    entries = RenderedFile.objects.select_related("revision").only(
        "key", "name", "fmt", "renderer", "source_sha256", "rendered_at", "revision__yaml_text"
    )
    composed_since = timezone.now() - dt.timedelta(days=COMPOSED_KEEP_DAYS)
    for entry in entries.iterator(chunk_size=500):
        if COMPOSED in entry.fmt:
            live = entry.renderer == current and (
                entry.rendered_at is None or entry.rendered_at >= composed_since
            )
        else:
            live = (
                entry.revision is not None
                and entry.renderer == current
                and entry.source_sha256 == source_hash(entry.revision.yaml_text)
            )
        if live:
            continue
        if entry.name:
            default_storage.delete(entry.name)
        RenderedFile.objects.filter(pk=entry.pk).delete()
        removed += 1
    return removed
