"""Writes for SOP documents and revisions. Every function checks the actor's right to do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sopap.core.errors import SopFileError
from sopap.core.sopfile import read_bytes
from sopap.web.authoring.editor import data_from_text, text_from_data
from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.organisations.errors import DomainError, PermissionDenied
from sopap.web.organisations.models import PerangkatDaerah, Role, Unit
from sopap.web.organisations.selectors import user_has_role
from sopap.web.workflow.states import Status


def identity_of(*, document: SopDocument, nomor: str | None = None) -> dict[str, Any]:
    """What the organisation decides in an SOP: pemerintah, instansi, unit path (and nomor once decreed)."""
    pd = document.pd
    identity: dict[str, Any] = {
        "pemerintah": pd.pemda.nama,
        "instansi": pd.nama,
        "unit": document.unit.path_names if document.unit else None,
    }
    if nomor:
        identity["nomor"] = nomor
    return identity


def _apply_identity(data: dict[str, Any], identity: dict[str, Any]) -> dict[str, Any]:
    out = {"versi_format": data.get("versi_format", 1)}
    out["nama"] = data.get("nama")
    out.update({k: v for k, v in identity.items() if v})
    out.update({k: v for k, v in data.items() if k not in out and k not in {"pemerintah", "instansi", "unit", "nomor"}})
    return {k: v for k, v in out.items() if v is not None}


def _check_drafter(*, actor: Any, pd: PerangkatDaerah) -> None:
    if not user_has_role(user=actor, role=Role.PENYUSUN, pd=pd):
        raise PermissionDenied(_("Hanya penyusun pada perangkat daerah ini yang dapat menyusun SOP-nya."))


def _denormalise(revision: Revision) -> None:
    data = data_from_text(revision.yaml_text)
    revision.nama = str(data.get("nama") or "")[:500]
    revision.nomor = str(data.get("nomor") or "")[:120]


@transaction.atomic
def sop_create(
    *,
    pd: PerangkatDaerah,
    author: Any,
    unit: Unit | None = None,
    data: dict[str, Any] | None = None,
    lintas_pd: bool = False,
) -> Revision:
    """A new SOP: a document and its first revision, as a draft."""
    _check_drafter(actor=author, pd=pd)
    if unit is not None and unit.pd_id != pd.id:
        raise DomainError(_("Unit tidak berada di perangkat daerah ini."))
    document = SopDocument.objects.create(pd=pd, unit=unit, created_by=author, lintas_pd=lintas_pd)
    data = dict(data or {})
    data.setdefault("langkah", [])
    data.pop("nomor", None)
    revision = Revision(document=document, number=1, author=author, status=Status.DRAF)
    revision.yaml_text = text_from_data(_apply_identity(data, identity_of(document=document)))
    _denormalise(revision)
    revision.save()
    document.head = revision
    document.save(update_fields=["head"])
    return revision


@transaction.atomic
def revision_update(*, sop: Revision, actor: Any, data: dict[str, Any]) -> Revision:
    """Save the editor's content into a draft."""
    sop = Revision.objects.select_for_update(of=("self",)).select_related("document__pd__pemda", "document__unit").get(pk=sop.pk)
    _check_drafter(actor=actor, pd=sop.document.pd)
    if sop.status != Status.DRAF:
        raise DomainError(_("Hanya draf yang dapat diubah."))
    data = dict(data)
    data.pop("nomor", None)
    sop.yaml_text = text_from_data(_apply_identity(data, identity_of(document=sop.document)))
    _denormalise(sop)
    sop.save()
    return sop


def sop_import(*, pd: PerangkatDaerah, author: Any, raw: bytes, unit: Unit | None = None,
               filename: str | None = None) -> Revision:
    """Create a draft from an uploaded `.sop.yaml`. Its number is dropped: numbers come at penetapan."""
    try:
        document = read_bytes(raw, path=filename)
    except SopFileError as exc:
        raise DomainError(exc.message_en if get_language() == "en" else exc.message) from None
    return sop_create(pd=pd, unit=unit, author=author, data=dict(document.data))


@transaction.atomic
def revision_open(*, sop: Revision, author: Any) -> Revision:
    """A new draft revision copied from ``sop`` (used by the workflow's kaji ulang)."""
    document = sop.document
    last = document.revisions.order_by("-number").first()
    data = data_from_text(sop.yaml_text)
    data.pop("nomor", None)
    revision = Revision(
        document=document,
        number=(last.number if last else 0) + 1,
        author=author,
        status=Status.DRAF,
        yaml_text=text_from_data(_apply_identity(data, identity_of(document=document))),
    )
    _denormalise(revision)
    revision.save()
    document.head = revision
    document.save(update_fields=["head"])
    return revision


def revision_set_fields(*, sop: Revision, updates: dict[str, Any]) -> None:
    """Write workflow-owned fields (nomor, disahkan_oleh, tanggal_efektif) into the source text."""
    data = data_from_text(sop.yaml_text)
    data.update(updates)
    sop.yaml_text = text_from_data(_apply_identity(data, identity_of(document=sop.document, nomor=data.get("nomor"))))
    _denormalise(sop)
