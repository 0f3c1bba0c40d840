"""From the database to the core's book: a scope's settings and revisions as `sopap.core.book`'s settings
and SOPs, the cache key of each file, and the file itself, SOP by SOP so that a job can say how far it got.

A legal document of an Indonesian Pemda is written in Indonesian whoever asks for it: the book and the
Keputusan are drawn in Indonesian (their texts are the Pemda's own), and so one file serves everyone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _

from sopap.core.book.content import Book, resolve_book
from sopap.core.book.settings import BukuSOP
from sopap.core.layout.engine import layout_procedure
from sopap.core.layout.identity import layout_identity
from sopap.core.layout.options import RenderOptions
from sopap.core.logo import Logo
from sopap.core.sopfile import load
from sopap.web.authoring import cache
from sopap.web.authoring.models import Revision
from sopap.web.books.models import BookSettings
from sopap.web.books.selectors import Decree, Scope
from sopap.web.organisations.models import Pemda, PerangkatDaerah
from sopap.web.organisations.selectors import logo_name_for, units_of

LANG: Literal["id", "en"] = "id"
Progress = Callable[[float, str], None]


def _quiet(percent: float, message: str) -> None:
    """Progress nobody follows (a download drawn in the request)."""


def _book_pdf(book: Book, *, keputusan: bool, progress: Progress, logo: Logo | None = None) -> bytes:
    from sopap.core.book.pdf import render_book_pdf

    options = RenderOptions(lang=LANG, logo=logo)
    pages = []
    total = len(book.sops)
    for done, sop in enumerate(book.sops):
        progress(
            10 + 75 * done / total,
            _("Menata SOP %(done)s dari %(total)s: %(nama)s")
            % {"done": done + 1, "total": total, "nama": sop.nama},
        )
        pages.append([*layout_identity(sop, options).pages, *layout_procedure(sop, options).pages])
    progress(88, _("Menulis PDF buku (%(count)s SOP)") % {"count": total})
    return render_book_pdf(book, options, keputusan=keputusan, sops=pages)


def _keputusan_pdf(book: Book, *, keputusan: bool, progress: Progress, logo: Logo | None = None) -> bytes:
    from sopap.core.book.pdf import render_keputusan_pdf

    return render_keputusan_pdf(book, RenderOptions(lang=LANG, logo=logo))


def logo_name(scope: Scope) -> str:
    """The stored logo the scope's book prints (its name holds the picture's SHA-256): the Pemda's, else,
    for a PD's book, the PD's own, as on the identity sheets."""
    if scope.pd is not None:
        return logo_name_for(pd=scope.pd)
    return str(Pemda.objects.filter(pk=scope.pemda.pk).values_list("logo", flat=True).first() or "")


def _book_docx(book: Book, *, keputusan: bool, progress: Progress, logo: Logo | None = None) -> bytes:
    from sopap.core.book.docx import render_book_docx

    progress(10, _("Menulis DOCX buku (%(count)s SOP)") % {"count": len(book.sops)})
    return render_book_docx(book, RenderOptions(lang=LANG, logo=logo), keputusan=keputusan)


def _keputusan_docx(book: Book, *, keputusan: bool, progress: Progress, logo: Logo | None = None) -> bytes:
    from sopap.core.book.docx import render_keputusan_docx

    return render_keputusan_docx(book, RenderOptions(lang=LANG, logo=logo))


@dataclass(frozen=True)
class BookFormat:
    extension: str
    media_type: str
    book: Callable[..., bytes]
    keputusan: Callable[..., bytes]


FORMATS: dict[str, BookFormat] = {
    "pdf": BookFormat("pdf", "application/pdf", _book_pdf, _keputusan_pdf),
    # The Keputusan is edited in Word before it is signed; the book too, by some.
    "docx": BookFormat(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _book_docx,
        _keputusan_docx,
    ),
}


def lines(text: str) -> list[str]:
    """A textarea of one item a line (Menimbang, Mengingat, Tembusan) as its items."""
    return [line.strip() for line in text.splitlines() if line.strip()]


_PEMERINTAH = re.compile(r"^pemerintah\s+", re.IGNORECASE)


def head_of_region(pemda_nama: str) -> str:
    """Who decrees for the whole Pemda: "Pemerintah Kota Serang" -> "Wali Kota Serang"."""
    wilayah = _PEMERINTAH.sub("", pemda_nama).strip()
    for prefix, head in (("kota ", "Wali Kota "), ("kabupaten ", "Bupati "), ("provinsi ", "Gubernur ")):
        if wilayah.lower().startswith(prefix):
            return head + wilayah[len(prefix) :]
    return f"Kepala Daerah {wilayah}"


def _structure(pd: PerangkatDaerah) -> list[dict[str, Any]]:
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for unit in units_of(pd=pd):
        node: dict[str, Any] = {"nama": unit.nama, "unit": []}
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent["unit"] if parent is not None else roots).append(node)
    return roots


def signer_defaults(scope: Scope) -> dict[str, str]:
    """Who signs when the settings do not say: the PD's head as its organisation file records them, or the
    head of the region for the Pemda-wide book."""
    if scope.pd is None:
        return {"jabatan": head_of_region(scope.pemda.nama), "nama": "", "nip": ""}
    pd = scope.pd
    return {"jabatan": pd.kepala_jabatan, "nama": pd.kepala_nama, "nip": pd.kepala_nip}


def settings_data(scope: Scope, row: BookSettings, *, decree: Decree | None = None) -> dict[str, Any]:
    """The core's `BukuSOP` settings of the scope as a mapping; ``decree`` gives the Keputusan its number
    and dates."""
    defaults = signer_defaults(scope)
    signer = {
        "jabatan": row.penandatangan_jabatan or defaults["jabatan"] or None,
        "nama": row.penandatangan_nama or defaults["nama"] or None,
        "pangkat": row.penandatangan_pangkat or None,
        "nip": row.penandatangan_nip or defaults["nip"] or None,
    }
    data: dict[str, Any] = {
        "perangkat_daerah": scope.nama,
        "pemerintah": scope.pemda.nama,
        "penandatangan": signer,
        "pendahuluan": {
            "struktur_organisasi": _structure(scope.pd)
            if scope.pd is not None
            else [
                {"nama": pd.nama, "unit": _structure(pd)}
                for pd in scope.pemda.perangkat_daerah.order_by("nama")
            ]
        },
    }
    for name in ("judul", "tahun", "tempat"):
        if getattr(row, name):
            data[name] = getattr(row, name)
    if row.kata_pengantar.strip():
        data["kata_pengantar"] = row.kata_pengantar
    keputusan: dict[str, Any] = {}
    for name in ("menimbang", "mengingat", "tembusan"):
        if getattr(row, name).strip():
            keputusan[name] = lines(getattr(row, name))
    if decree is not None:
        keputusan.update(nomor=decree.nomor, tanggal=decree.tanggal, berlaku=decree.berlaku)
    data["keputusan"] = keputusan
    return data


def buku(scope: Scope, row: BookSettings, *, decree: Decree | None = None) -> BukuSOP:
    return BukuSOP.model_validate(settings_data(scope, row, decree=decree))


def file_key(
    kind: str, fmt: str, settings: BukuSOP, revisions: Sequence[Revision], *, keputusan: bool, logo: str = ""
) -> str:
    """Everything that decides a book's bytes: what it is, its format, its settings, its SOPs' texts, its
    logo, the renderer's code."""
    digest = hashlib.sha256()
    parts = [kind, fmt, f"lang={LANG}", f"keputusan={keputusan}", f"logo={logo}", cache.renderer_version()]
    parts.append(settings.model_dump_json())
    parts += [cache.source_hash(r.yaml_text) for r in sorted(revisions, key=lambda r: r.pk)]
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def resolved(settings: BukuSOP, revisions: Sequence[Revision]) -> Book:
    return resolve_book([load(r.yaml_text) for r in revisions], settings)
