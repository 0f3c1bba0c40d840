"""Writes for SOP documents and revisions. Every function checks the actor's right to do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.core.dates import format_date
from sopap.core.errors import SopFileError
from sopap.core.sopfile import parse_text, read_bytes
from sopap.web.authoring.editor import data_from_text, text_from_data
from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.organisations.models import PerangkatDaerah, Role, Unit
from sopap.web.organisations.selectors import user_has_role
from sopap.web.shared.errors import DomainError, PermissionDenied, StaleVersion
from sopap.web.shared.i18n import current_lang
from sopap.web.shared.status import Status


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
    out.update(
        {
            k: v
            for k, v in data.items()
            if k not in out and k not in {"pemerintah", "instansi", "unit", "nomor"}
        }
    )
    return {k: v for k, v in out.items() if v is not None}


def _check_drafter(*, actor: Any, pd: PerangkatDaerah) -> None:
    if not user_has_role(user=actor, role=Role.PENYUSUN, pd=pd):
        raise PermissionDenied(_("Hanya penyusun pada perangkat daerah ini yang dapat menyusun SOP-nya."))


def _denormalise(revision: Revision) -> None:
    data = data_from_text(revision.yaml_text)
    revision.nama = str(data.get("nama") or "")[:500]
    revision.nomor = str(data.get("nomor") or "")[:120]


def _record_edit(revision: Revision, *, editor: Any, action: str) -> None:
    RevisionEdit.objects.create(
        revision=revision,
        version=revision.version,
        action=action,
        editor=editor,
        yaml_text=revision.yaml_text,
    )


def _write(revision: Revision, text: str, *, editor: Any, action: str) -> None:
    """Store new text as the next version, with its entry in the edit log (the caller holds the row lock)."""
    revision.yaml_text = text
    _denormalise(revision)
    if revision.pk is not None:
        revision.version += 1
    revision.save()
    _record_edit(revision, editor=editor, action=action)


# Fields the workflow writes (the number at penetapan, the signer at pengesahan): a drafter's copy of them
# is never taken, so a draft cannot carry its own "Disahkan oleh".
WORKFLOW_FIELDS = ("nomor", "disahkan_oleh")


def _drafted(data: dict[str, Any] | None) -> dict[str, Any]:
    data = dict(data or {})
    for key in WORKFLOW_FIELDS:
        data.pop(key, None)
    return data


def _check_size(data: dict[str, Any]) -> None:
    """Refuse an SOP beyond the format's limits before anything renders it (one upload must not pin a CPU)."""
    from sopap.core.rules.limits import exceeded_limits

    problems = exceeded_limits(data)
    if problems:
        shown = "; ".join(d.message(current_lang()) for d in problems[:3])
        more = len(problems) - 3
        if more > 0:
            shown += " " + _("(dan %(count)s lagi)") % {"count": more}
        raise DomainError(_("SOP melampaui batas format: %(problems)s") % {"problems": shown})


def _create(
    *,
    pd: PerangkatDaerah,
    author: Any,
    unit: Unit | None,
    data: dict[str, Any] | None,
    lintas_pd: bool,
    action: str,
) -> Revision:
    _check_drafter(actor=author, pd=pd)
    if unit is not None and unit.pd_id != pd.id:
        raise DomainError(_("Unit tidak berada di perangkat daerah ini."))
    data = _drafted(data)
    data.setdefault("langkah", [])
    _check_size(data)
    document = SopDocument.objects.create(pd=pd, unit=unit, created_by=author, lintas_pd=lintas_pd)
    revision = Revision(document=document, number=1, author=author, status=Status.DRAF)
    _write(
        revision,
        text_from_data(_apply_identity(data, identity_of(document=document))),
        editor=author,
        action=action,
    )
    document.head = revision
    document.save(update_fields=["head"])
    return revision


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
    return _create(
        pd=pd, author=author, unit=unit, data=data, lintas_pd=lintas_pd, action=RevisionEdit.Action.CREATED
    )


# What an SOP started from another one does not take over: who it is from and when it was made are its own.
_NOT_CARRIED_OVER = ("instansi", "unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")


@transaction.atomic
def sop_create_from(
    *, source: Revision, pd: PerangkatDaerah, author: Any, nama: str, unit: Unit | None = None
) -> Revision:
    """A new draft that starts from an SOP in force, of any Perangkat Daerah ("Buat dari SOP ini"): its
    procedure and identity lists under a name of its own; its number, signer and dates come from its own
    workflow."""
    if source.status != Status.BERLAKU:
        raise DomainError(_("Hanya SOP yang sedang berlaku yang dapat dijadikan awal SOP baru."))
    data = parse_text(source.yaml_text).data
    data = dict(data) if isinstance(data, dict) else {}
    for key in _NOT_CARRIED_OVER:
        data.pop(key, None)
    data["nama"] = nama
    return _create(
        pd=pd, author=author, unit=unit, data=data, lintas_pd=False, action=RevisionEdit.Action.CREATED
    )


def _when(moment: Any) -> str:
    local = timezone.localtime(moment)
    return _("%(date)s pukul %(time)s") % {
        "date": format_date(local.date(), current_lang()),
        "time": local.strftime("%H:%M"),
    }


def last_writer(*, sop: Revision) -> tuple[str, str]:
    """Who wrote the stored version of ``sop`` and when, in words."""
    last = sop.edits.select_related("editor").order_by("-version").first()
    if last is None:
        return "?", ""
    return (last.editor.get_full_name() or last.editor.username), _when(last.at)


def stale_message(*, sop: Revision) -> str:
    who, when = last_writer(sop=sop)
    return _(
        "Draf ini sudah diubah oleh %(who)s pada %(when)s (versi %(version)s) sejak Anda membukanya. "
        "Isian Anda belum disimpan dan masih ada di layar; periksa perubahan itu, lalu simpan lagi."
    ) % {"who": who, "when": when, "version": sop.version}


def not_a_draft_message(*, sop: Revision) -> str:
    return _(
        "SOP ini sudah berstatus %(status)s, jadi tidak dapat diubah lagi. Isian Anda tidak tersimpan dan "
        "masih ada di layar; salin yang perlu."
    ) % {"status": sop.get_status_display()}


def check_version(*, sop: Revision, loaded_version: int | None) -> None:
    """Refuse a write made from a form loaded at an older version than the stored one."""
    if loaded_version is not None and loaded_version != sop.version:
        raise StaleVersion(stale_message(sop=sop), current_version=sop.version, loaded_version=loaded_version)


@transaction.atomic
def revision_update(
    *,
    sop: Revision,
    actor: Any,
    data: dict[str, Any],
    loaded_version: int | None,
    action: str = RevisionEdit.Action.SAVED,
) -> Revision:
    """Save the editor's content into a draft. ``loaded_version`` is the version the editor was opened
    at; None (no version known) is accepted only from callers that read and write in one go."""
    sop = (
        Revision.objects.select_for_update(of=("self",))
        .select_related("document__pd__pemda", "document__unit")
        .get(pk=sop.pk)
    )
    _check_drafter(actor=actor, pd=sop.document.pd)
    if sop.status != Status.DRAF:
        raise DomainError(not_a_draft_message(sop=sop))
    data = _drafted(data)
    _check_size(data)
    text = text_from_data(_apply_identity(data, identity_of(document=sop.document)))
    if text == sop.yaml_text:
        return sop  # nothing to save (a double click, or a save of what is stored): never a conflict
    check_version(sop=sop, loaded_version=loaded_version)
    _write(sop, text, editor=actor, action=action)
    return sop


def uploaded_data(*, raw: bytes, filename: str | None = None) -> dict[str, Any]:
    """The mapping of an uploaded `.sop.yaml`, or the reason it cannot be read, in the user's language."""
    try:
        document = read_bytes(raw, path=filename)
    except SopFileError as exc:
        raise DomainError(exc.text_in(current_lang())) from None
    data = document.data
    if not isinstance(data, dict):
        raise DomainError(_("Berkas ini tidak berisi SOP."))
    return dict(data)


def sop_import(
    *, pd: PerangkatDaerah, author: Any, raw: bytes, unit: Unit | None = None, filename: str | None = None
) -> Revision:
    """Create a draft from an uploaded `.sop.yaml`. Its number and signer are dropped: they come from the
    workflow (penetapan, pengesahan)."""
    data = uploaded_data(raw=raw, filename=filename)
    with transaction.atomic():
        return _create(
            pd=pd,
            author=author,
            unit=unit,
            data=data,
            lintas_pd=False,
            action=RevisionEdit.Action.IMPORTED,
        )


@transaction.atomic
def revision_open(*, sop: Revision, author: Any) -> Revision:
    """A new draft revision copied from ``sop`` (used by the workflow's kaji ulang)."""
    document = sop.document
    last = document.revisions.order_by("-number").first()
    data = _drafted(data_from_text(sop.yaml_text))
    revision = Revision(
        document=document,
        number=(last.number if last else 0) + 1,
        author=author,
        status=Status.DRAF,
    )
    _write(
        revision,
        text_from_data(_apply_identity(data, identity_of(document=document))),
        editor=author,
        action=RevisionEdit.Action.OPENED,
    )
    document.head = revision
    document.save(update_fields=["head"])
    return revision


def revision_set_fields(*, sop: Revision, actor: Any, updates: dict[str, Any], action: str) -> None:
    """Write workflow-owned fields (nomor, disahkan_oleh, tanggal_efektif) into the source text, as the next
    version; the caller holds the row lock inside its transaction."""
    data = data_from_text(sop.yaml_text)
    data.update(updates)
    text = text_from_data(_apply_identity(data, identity_of(document=sop.document, nomor=data.get("nomor"))))
    _write(sop, text, editor=actor, action=action)
