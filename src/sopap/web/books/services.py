"""Writes of the Buku SOP page: saving a book's settings (with the version they were loaded from), and
making the book and Keputusan files through the render cache (the job that builds a book is queued by
`books.tasks.book_build_enqueue`, beside the task, which itself uses this module)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from sopap.core.errors import SopapError
from sopap.web.authoring import cache
from sopap.web.authoring.models import Revision
from sopap.web.books import building
from sopap.web.books.models import BookEvent, BookSettings
from sopap.web.books.selectors import Decree, Scope, can_configure, in_force, unit_ids_under
from sopap.web.organisations.models import Unit
from sopap.web.organisations.selectors import logo_read
from sopap.web.shared.dates import compact_date
from sopap.web.shared.errors import DomainError, FieldErrors, PermissionDenied, StaleVersion

WHOLE, UNIT, CHOSEN = "semua", "unit", "pilihan"
# In the order the form shows them.
FIELDS = (
    "judul",
    "tahun",
    "tempat",
    "kata_pengantar",
    "penandatangan_jabatan",
    "penandatangan_nama",
    "penandatangan_pangkat",
    "penandatangan_nip",
    "menimbang",
    "mengingat",
    "tembusan",
)
TEXT_FIELDS = tuple(name for name in FIELDS if name != "tahun")
NOT_A_CONFIGURER = gettext_lazy(
    "Pengaturan buku SOP diubah oleh kepala atau admin organisasi perangkat daerahnya."
)


def _event(*, scope: Scope, actor: Any, action: str, detail: str = "") -> None:
    BookEvent.objects.create(pemda=scope.pemda, pd=scope.pd, actor=actor, action=action, detail=detail[:500])


def stale_message(row: BookSettings) -> str:
    who = (row.updated_by.get_full_name() or row.updated_by.username) if row.updated_by else "?"
    when = compact_date(timezone.localtime(row.updated_at), with_time=True) if row.updated_at else "?"
    return _(
        "Pengaturan buku ini sudah diubah oleh %(who)s pada %(when)s (versi %(version)s) sejak Anda "
        "membukanya. Isian Anda belum disimpan dan masih ada di layar; periksa perubahan itu, lalu simpan lagi."
    ) % {"who": who, "when": when, "version": row.version}


@transaction.atomic
def book_settings_save(
    *, scope: Scope, actor: Any, data: dict[str, Any], loaded_version: int
) -> BookSettings:
    """Save the scope's book settings from a form loaded at ``loaded_version`` (0: none were saved yet); a
    save over a newer one is refused with `StaleVersion`, the caller keeping the user's text."""
    if not can_configure(user=actor, scope=scope):
        raise PermissionDenied(str(NOT_A_CONFIGURER))
    row = BookSettings.objects.select_for_update().filter(
        pemda=scope.pemda, pd=scope.pd
    ).first() or BookSettings(pemda=scope.pemda, pd=scope.pd)
    if loaded_version != row.version:
        raise StaleVersion(stale_message(row), current_version=row.version, loaded_version=loaded_version)
    changed = []
    for name in FIELDS:
        value = data.get(name)
        value = (value or "").strip() if name in TEXT_FIELDS else value
        if getattr(row, name) != value:
            changed.append(str(getattr(BookSettings._meta.get_field(name), "verbose_name", name)))
            setattr(row, name, value)
    try:
        building.buku(scope, row)
    except ValidationError as exc:
        raise FieldErrors(
            {None: [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]}
        ) from None
    row.version += 1
    row.updated_by = actor
    row.updated_at = timezone.now()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # somebody saved the first settings of this scope at the same moment
        current = BookSettings.objects.get(pemda=scope.pemda, pd=scope.pd)
        raise StaleVersion(
            stale_message(current), current_version=current.version, loaded_version=loaded_version
        ) from None
    _event(scope=scope, actor=actor, action="book.settings_changed", detail=", ".join(changed))
    return row


@dataclass(frozen=True)
class Selection:
    """Which SOPs in force go into the book: all of the scope, those of one unit (and below), or a chosen
    set."""

    cakupan: str = WHOLE
    unit_id: int | None = None
    revision_ids: tuple[int, ...] = ()

    def query(self, fmt: str) -> str:
        params: list[tuple[str, Any]] = [("format", fmt), ("cakupan", self.cakupan)]
        if self.cakupan == UNIT and self.unit_id is not None:
            params.append(("unit", self.unit_id))
        if self.cakupan == CHOSEN:
            params += [("sop", pk) for pk in self.revision_ids]
        return urlencode(params)

    def describe(self) -> str:
        if self.cakupan == UNIT:
            unit = Unit.objects.filter(pk=self.unit_id).first() if self.unit_id else None
            return _("unit %(unit)s") % {"unit": unit.nama if unit else "?"}
        if self.cakupan == CHOSEN:
            return _("%(count)s SOP pilihan") % {"count": len(self.revision_ids)}
        return _("seluruh SOP berlaku")


def selected(*, scope: Scope, selection: Selection) -> list[Revision]:
    """The SOPs in force the selection names; refused when it names none."""
    revisions = in_force(scope=scope)
    if selection.cakupan == UNIT:
        unit = (
            Unit.objects.filter(pk=selection.unit_id, pd=scope.pd).first()
            if scope.pd and selection.unit_id
            else None
        )
        if unit is None:
            raise DomainError(_("Pilih unit kerja perangkat daerah ini."))
        under = unit_ids_under(unit=unit)
        revisions = [r for r in revisions if r.document.unit_id in under]
    elif selection.cakupan == CHOSEN:
        wanted = set(selection.revision_ids)
        revisions = [r for r in revisions if r.pk in wanted]
    elif selection.cakupan != WHOLE:
        raise DomainError(_("Cakupan buku tidak dikenal."))
    if not revisions:
        raise DomainError(_("Tidak ada SOP berlaku pada cakupan ini untuk dibukukan."))
    return revisions


def check_format(fmt: str) -> building.BookFormat:
    spec = building.FORMATS.get(fmt)
    if spec is None:
        raise DomainError(
            _("Format %(format)s tidak tersedia untuk buku SOP dan keputusan; yang tersedia: %(known)s.")
            % {"format": fmt or "—", "known": ", ".join(f.upper() for f in building.FORMATS)}
        )
    return spec


def _single_decree(revisions: Sequence[Revision]) -> Decree | None:
    """The decree of the book's Keputusan: only when one decree put every SOP of the book in force (a book
    of SOPs decreed apart is printed without one; each Keputusan is downloaded on its own)."""
    numbers = {r.keputusan_nomor for r in revisions}
    if len(numbers) != 1 or "" in numbers:
        return None
    return Decree(
        nomor=numbers.pop(),
        tanggal=min((r.keputusan_tanggal for r in revisions if r.keputusan_tanggal), default=None),
        berlaku=min((r.tanggal_berlaku for r in revisions if r.tanggal_berlaku), default=None),
        revisions=list(revisions),
    )


@dataclass(frozen=True)
class BookFile:
    key: str
    fmt: str
    name: str
    revisions: list[Revision]
    keputusan: bool
    settings: Any
    logo: str = ""

    @property
    def media_type(self) -> str:
        return building.FORMATS[self.fmt].media_type


def book_file(*, scope: Scope, selection: Selection, fmt: str, row: BookSettings) -> BookFile:
    """What the book of ``selection`` is (its key, its SOPs), without drawing it."""
    check_format(fmt)
    revisions = selected(scope=scope, selection=selection)
    decree = _single_decree(revisions)
    settings = building.buku(scope, row, decree=decree)
    logo = building.logo_name(scope)
    key = building.file_key("buku", fmt, settings, revisions, keputusan=decree is not None, logo=logo)
    slug = f"buku-sop-{scope.pd.singkatan or scope.pd.pk if scope.pd else 'pemda'}".lower().replace(" ", "-")
    return BookFile(
        key, fmt, f"{slug}.{building.FORMATS[fmt].extension}", revisions, decree is not None, settings, logo
    )


def book_bytes(*, file: BookFile, progress: building.Progress) -> tuple[bytes, bool]:
    """The book's bytes from the cache, or drawn (reporting to ``progress``) and stored there. Returns them
    and whether they were drawn now.

    The book is drawn before the cache's lock is taken: on PostgreSQL that lock is a transaction, and the
    job's progress written inside it would reach the page only at its end. Two people building the very
    same book at the same moment both draw it; one stores it."""
    found = cache.stored_only(file.key)
    if found is not None:
        return found, False
    spec = building.FORMATS[file.fmt]
    progress(5, _("Membaca %(count)s SOP") % {"count": len(file.revisions)})
    try:
        book = building.resolved(file.settings, file.revisions)
        drawn = spec.book(book, keputusan=file.keputusan, progress=progress, logo=logo_read(name=file.logo))
    except SopapError as exc:
        raise DomainError(exc.localized(building.LANG)) from exc
    body, _stored_now = cache.stored_bytes(
        key=file.key, fmt=cache.composed_fmt("buku", file.fmt), ext=spec.extension, produce=lambda: drawn
    )
    return body, True


def download_url(*, scope: Scope, selection: Selection, fmt: str, signed: bool = False) -> str:
    url = reverse("books:download", args=[scope.kind, scope.pk]) + "?" + selection.query(fmt)
    return url + "&ttd=1" if signed else url


NOT_A_SIGNER = gettext_lazy(
    "Hanya admin organisasi dan pengesah yang dapat mengunduh dokumen bertanda tangan elektronik."
)


def can_sign(*, user: Any, scope: Scope) -> bool:
    """Whether ``user`` may download the scope's book and Keputusan signed: one who prepares them (the
    admin organisasi, the pengesah), when the scope has a certificate to sign with."""
    from sopap.web.organisations.certificates import signer_source

    return can_configure(user=user, scope=scope) and signer_source(pemda=scope.pemda, pd=scope.pd) is not None


def signed_pdf(*, scope: Scope, actor: Any, body: bytes, fmt: str, action: str, detail: str) -> bytes:
    """``body`` (the book's or a Keputusan's PDF) signed with the scope's certificate, at download; each
    signing is logged (``book.signed``, ``book.keputusan_signed``). The stored file stays unsigned."""
    from sopap.web.organisations.certificates import sign_bytes, signer_source

    if fmt != "pdf":
        raise DomainError(_("Hanya PDF yang dapat ditandatangani secara elektronik."))
    if not can_configure(user=actor, scope=scope):
        raise PermissionDenied(str(NOT_A_SIGNER))
    source = signer_source(pemda=scope.pemda, pd=scope.pd)
    if source is None:
        raise DomainError(_("Belum ada sertifikat elektronik untuk menandatangani dokumen ini."))
    signed = sign_bytes(body, source=source, reason=detail)
    _event(scope=scope, actor=actor, action=action, detail=detail)
    return signed


def book_built(*, scope: Scope, actor: Any, file: BookFile, drawn: bool, size: int) -> None:
    detail = _("%(count)s SOP, %(format)s, %(size)s KB%(cached)s") % {
        "count": len(file.revisions),
        "format": file.fmt.upper(),
        "size": max(1, size // 1024),
        "cached": "" if drawn else _(" (dari simpanan)"),
    }
    _event(scope=scope, actor=actor, action="book.built", detail=detail)


def keputusan_bytes(*, scope: Scope, decree: Decree, fmt: str, row: BookSettings, actor: Any) -> bytes:
    """The Keputusan of ``decree`` for the scope, listing the SOPs decreed under its number, from the cache
    or drawn now (a few pages: no SOP is laid out)."""
    spec = check_format(fmt)
    settings = building.buku(scope, row, decree=decree)
    logo = building.logo_name(scope)
    key = building.file_key("keputusan", fmt, settings, decree.revisions, keputusan=True, logo=logo)

    def produce() -> bytes:
        try:
            book = building.resolved(settings, decree.revisions)
            return spec.keputusan(book, keputusan=True, progress=building._quiet, logo=logo_read(name=logo))
        except SopapError as exc:
            raise DomainError(exc.localized(building.LANG)) from exc

    body, drawn = cache.stored_bytes(
        key=key, fmt=cache.composed_fmt("kep", fmt), ext=spec.extension, produce=produce
    )
    if drawn:
        _event(
            scope=scope,
            actor=actor,
            action="book.keputusan_built",
            detail=_("Keputusan %(nomor)s, %(count)s SOP")
            % {"nomor": decree.nomor, "count": len(decree.revisions)},
        )
    return body
