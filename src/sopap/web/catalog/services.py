"""Keeping the public catalog's index in step with the revisions in force."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.editor import data_from_text
from sopap.web.authoring.models import Revision
from sopap.web.catalog.models import CatalogEntry, CatalogWord, Sinonim
from sopap.web.catalog.stemmer import index_terms, words
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import user_has_role
from sopap.web.shared.errors import DomainError, PermissionDenied, StaleVersion
from sopap.web.shared.status import PUBLIC

WORD_MAX_LENGTH = 100
ISTILAH_MAX_LENGTH = 100
PADANAN_MAX_LENGTH = 300


def _flatten(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def searchable_text(data: dict[str, object]) -> tuple[str, str]:
    """(name, body): name; steps, actors, mutu baku, legal basis, number, agency and unit."""
    body: list[str] = []
    for key in ("nomor", "instansi"):
        body += _flatten(data.get(key))
    for key in (
        "unit",
        "pelaksana",
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "peralatan",
        "peringatan",
        "pencatatan",
    ):
        body += _flatten(data.get(key))
    steps = data.get("langkah")
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict):
            for key in ("kegiatan", "pelaksana", "kelengkapan", "output", "keterangan"):
                body += _flatten(step.get(key))
    return str(data.get("nama") or ""), "\n".join(body)


def catalog_index(*, sop: Revision) -> CatalogEntry | None:
    if sop.status not in PUBLIC:
        catalog_remove(sop=sop)
        return None
    data = data_from_text(sop.yaml_text)
    nama, body = searchable_text(data)
    entry, _ = CatalogEntry.objects.update_or_create(
        revision=sop,
        defaults={
            "document": sop.document,
            "pd": sop.document.pd,
            "unit": sop.document.unit,
            "nama": nama[:500],
            "nomor": sop.nomor,
            "nama_terms": index_terms(nama),
            "body_terms": index_terms(body),
            "body_text": body,
            "ended_at": None,
            "end_reason": "",
        },
    )
    _vocabulary_add(f"{entry.nama_terms} {entry.body_terms}")
    return entry


def _vocabulary_add(terms: str) -> None:
    # Words only ever join: a word of an SOP no longer in force may still be suggested, but "Maksud Anda"
    # is offered only when the corrected query finds something.
    found = {w for w in terms.split() if len(w) <= WORD_MAX_LENGTH}
    known = set(CatalogWord.objects.filter(word__in=found).values_list("word", flat=True))
    CatalogWord.objects.bulk_create(
        [CatalogWord(word=w) for w in sorted(found - known)], batch_size=500, ignore_conflicts=True
    )


def catalog_remove(*, sop: Revision, reason: str = "") -> None:
    """The revision leaves the search (replaced or withdrawn); its row stays, with when and why, so that
    its address keeps answering."""
    CatalogEntry.objects.filter(revision=sop, ended_at__isnull=True).update(
        nama_terms="", body_terms="", body_text="", ended_at=timezone.now(), end_reason=reason.strip()
    )


# ------------------------------------------------------------------------------------- abbreviations


def _synonym_clean(*, istilah: str, padanan: str) -> tuple[str, str]:
    istilah, padanan = " ".join(istilah.split()), " ".join(padanan.split())
    if not words(istilah):
        raise DomainError(_("Tuliskan singkatan atau istilahnya."))
    if not words(padanan):
        raise DomainError(_("Tuliskan kepanjangan atau padanannya."))
    if len(istilah) > ISTILAH_MAX_LENGTH or len(padanan) > PADANAN_MAX_LENGTH:
        raise DomainError(
            _("Terlalu panjang: istilah paling banyak %(a)s karakter, padanan paling banyak %(b)s.")
            % {"a": ISTILAH_MAX_LENGTH, "b": PADANAN_MAX_LENGTH}
        )
    if words(istilah) == words(padanan):
        raise DomainError(_("Istilah dan padanannya sama: tuliskan kepanjangan yang berbeda."))
    return istilah, padanan


def _synonym_check_actor(actor: Any) -> None:
    if not user_has_role(user=actor, role=Role.ADMIN):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengubah daftar singkatan."))


def _synonym_taken(istilah: str, *, exclude: int | None = None) -> bool:
    qs = Sinonim.objects.filter(istilah__iexact=istilah)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.exists()


@transaction.atomic
def synonym_create(*, actor: Any, istilah: str, padanan: str) -> Sinonim:
    _synonym_check_actor(actor)
    istilah, padanan = _synonym_clean(istilah=istilah, padanan=padanan)
    if _synonym_taken(istilah):
        raise DomainError(_("%(istilah)s sudah ada dalam daftar: ubah yang ada.") % {"istilah": istilah})
    return Sinonim.objects.create(istilah=istilah, padanan=padanan, diubah_oleh=actor)


def _locked_synonym(sinonim: Sinonim, loaded_version: int) -> Sinonim:
    current = Sinonim.objects.select_for_update().filter(pk=sinonim.pk).first()
    if current is None:
        raise DomainError(_("Singkatan ini sudah dihapus orang lain."))
    if current.versi != loaded_version:
        raise StaleVersion(
            _("%(istilah)s sudah diubah orang lain sejak halaman ini dibuka: sekarang “%(padanan)s”.")
            % {"istilah": current.istilah, "padanan": current.padanan},
            current_version=current.versi,
            loaded_version=loaded_version,
        )
    return current


@transaction.atomic
def synonym_update(
    *, sinonim: Sinonim, actor: Any, istilah: str, padanan: str, loaded_version: int
) -> Sinonim:
    _synonym_check_actor(actor)
    current = _locked_synonym(sinonim, loaded_version)
    istilah, padanan = _synonym_clean(istilah=istilah, padanan=padanan)
    if _synonym_taken(istilah, exclude=current.pk):
        raise DomainError(_("%(istilah)s sudah ada dalam daftar: ubah yang ada.") % {"istilah": istilah})
    current.istilah, current.padanan = istilah, padanan
    current.versi += 1
    current.diubah_oleh = actor
    current.save()
    return current


@transaction.atomic
def synonym_delete(*, sinonim: Sinonim, actor: Any, loaded_version: int) -> None:
    _synonym_check_actor(actor)
    _locked_synonym(sinonim, loaded_version).delete()
