"""Writes of SOP import: an upload becomes a batch whose reading runs as a background job (`reading`); each
SOP found is corrected and accepted (a new draft, or the next revision of the SOP it matches) or rejected.

Every write is one transaction with its audit event (`ImportEvent`). Accepting goes through authoring's
and workflow's own services, so a draft made by import is checked exactly as one typed in the editor."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.core.importers import supported_suffixes
from sopap.core.importers.safety import MAX_FILE_BYTES
from sopap.web.authoring.editor import data_from_text, step_actors, text_from_data
from sopap.web.authoring.models import Revision, RevisionEdit
from sopap.web.authoring.selectors import document_matching
from sopap.web.authoring.services import revision_update, sop_create
from sopap.web.importing.models import FoundSop, ImportBatch, ImportEvent
from sopap.web.importing.reading import ZIP_SUFFIX, add_file
from sopap.web.importing.tasks import import_batch_read_task
from sopap.web.jobs.services import job_enqueue
from sopap.web.organisations.models import PerangkatDaerah, Role, Unit
from sopap.web.organisations.selectors import user_has_role
from sopap.web.shared.errors import DomainError, PermissionDenied
from sopap.web.shared.status import HIDDEN
from sopap.web.shared.status import Status as SopStatus
from sopap.web.workflow.services import review_open

MAX_FILES = 20  # files in one upload
DETAIL_MAX = ImportEvent._meta.get_field("detail").max_length or 500


def accepted_suffixes() -> tuple[str, ...]:
    """What the upload takes: every format the core's importer registry reads now, and a zip of them."""
    return (*supported_suffixes(), ZIP_SUFFIX)


def _check_importer(*, actor: Any, pd: PerangkatDaerah) -> None:
    if not user_has_role(user=actor, role=Role.PENYUSUN, pd=pd):
        raise PermissionDenied(_("Hanya penyusun pada perangkat daerah ini yang dapat mengimpor SOP-nya."))


def _event(
    *, action: str, actor: Any, pd: PerangkatDaerah, detail: str, revision: Revision | None = None
) -> None:
    ImportEvent.objects.create(
        action=action, actor=actor, pd=pd, revision=revision, detail=detail[:DETAIL_MAX]
    )


def _unsupported(name: str) -> str:
    return _("Berkas “%(name)s” tidak dapat diimpor: jenisnya tidak didukung; yang didukung: %(known)s.") % {
        "name": name,
        "known": ", ".join(accepted_suffixes()),
    }


@transaction.atomic
def import_batch_create(
    *, actor: Any, pd: PerangkatDaerah, unit: Unit | None, files: list[tuple[str, bytes]]
) -> ImportBatch:
    """Keep the uploaded files as a batch and queue their reading. Every file is checked by its name and
    size first; a refusal names the file, and nothing is kept."""
    _check_importer(actor=actor, pd=pd)
    if unit is not None and unit.pd_id != pd.pk:
        raise DomainError(_("Unit tidak berada di perangkat daerah ini."))
    if not files:
        raise DomainError(_("Pilih paling sedikit satu berkas."))
    if len(files) > MAX_FILES:
        raise DomainError(
            _(
                "Terlalu banyak berkas (%(count)s); paling banyak %(max)s sekali unggah, atau satukan dalam zip."
            )
            % {"count": len(files), "max": MAX_FILES}
        )
    problems = []
    for name, data in files:
        if PurePath(name).suffix.lower() not in accepted_suffixes():
            problems.append(_unsupported(name))
        elif len(data) > MAX_FILE_BYTES:
            problems.append(
                _("Berkas “%(name)s” terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
                % {"name": name, "size": round(len(data) / 2**20, 1), "limit": MAX_FILE_BYTES // 2**20}
            )
    if problems:
        raise DomainError(" ".join(problems))
    batch = ImportBatch.objects.create(pd=pd, unit=unit, created_by=actor)
    for name, data in files:
        add_file(batch, PurePath(name).name, data)
    names = ", ".join(PurePath(name).name for name, _data in files)
    batch.job = job_enqueue(
        user=actor,
        title=_("Impor SOP: %(files)s") % {"files": names},
        task=import_batch_read_task,
        batch_id=batch.pk,
    )
    batch.save(update_fields=["job"])
    _event(action="import.uploaded", actor=actor, pd=pd, detail=f"#{batch.pk}: {names}")
    return batch


def _locked(found: FoundSop) -> FoundSop:
    return (
        FoundSop.objects.select_for_update(of=("self",))
        .select_related("batch__pd__pemda", "batch__unit", "file")
        .get(pk=found.pk)
    )


def _check_open(found: FoundSop, loaded_version: int | None) -> None:
    if found.state != FoundSop.State.WAITING:
        raise DomainError(
            _("SOP ini sudah %(state)s; tidak dapat diubah lagi.")
            % {"state": found.get_state_display().lower()}
        )
    if loaded_version is not None and loaded_version != found.version:
        raise DomainError(
            _(
                "SOP ini sudah diperbaiki orang lain sejak Anda membukanya (versi %(version)s). Periksa "
                "perbaikannya, lalu ulangi perbaikan Anda."
            )
            % {"version": found.version}
        )


def corrected_data(
    *, data: dict[str, Any], identity: dict[str, str], steps: list[dict[str, str]]
) -> dict[str, Any]:
    """``data`` with the review page's corrections: identity fields as typed (an emptied one removed), and
    each step's kegiatan and pelaksana (several separated by ";"); a pelaksana not among the SOP's actors
    joins them."""
    data = dict(data)
    for key, value in identity.items():
        value = " ".join(value.split())
        if value:
            data[key] = value
        else:
            data.pop(key, None)
    langkah = [dict(step) if isinstance(step, dict) else {} for step in data.get("langkah") or []]
    actors = [str(a) for a in data.get("pelaksana") or []]
    for number, change in enumerate(steps):
        if number >= len(langkah):
            break
        if "kegiatan" in change:
            langkah[number]["kegiatan"] = " ".join(change["kegiatan"].split())
        if "pelaksana" in change:
            named = step_actors(" ".join(change["pelaksana"].split()))
            langkah[number]["pelaksana"] = named
            for actor in [named] if isinstance(named, str) else named or []:
                if actor not in actors:
                    actors.append(actor)
    data["langkah"] = langkah
    if actors:
        data["pelaksana"] = actors
    return data


@transaction.atomic
def found_sop_correct(
    *,
    found: FoundSop,
    actor: Any,
    identity: dict[str, str],
    steps: list[dict[str, str]],
    choice: str | None = None,
    loaded_version: int | None = None,
) -> FoundSop:
    """Keep the drafter's corrections of a found SOP (and whether it becomes a new SOP or a revision)."""
    found = _locked(found)
    _check_importer(actor=actor, pd=found.batch.pd)
    _check_open(found, loaded_version)
    data = corrected_data(data=data_from_text(found.yaml_text), identity=identity, steps=steps)
    text = text_from_data(data)
    changed = text != found.yaml_text
    if changed:
        found.yaml_text = text
        found.nama = " ".join(str(data.get("nama") or "").split())[:500]
        found.nomor = str(data.get("nomor") or "").strip()[:120]
        found.match = document_matching(pd=found.batch.pd, nomor=found.nomor, nama=found.nama)
        found.version += 1
    if choice in FoundSop.Choice.values:
        found.choice = choice
    if found.match is None:
        found.choice = FoundSop.Choice.NEW
    found.save()
    return found


def _as_revision(*, found: FoundSop, actor: Any, data: dict[str, Any]) -> Revision:
    """The found SOP as the next revision of the SOP it matches: a Kaji ulang of the one in force, or the
    next version of the draft revision already open (the earlier one stays in the edit log)."""
    document = found.match
    head = (
        Revision.objects.select_related("document__pd__pemda", "document__unit")
        .filter(pk=document.head_id)
        .first()
        if document is not None and document.head_id is not None
        else None
    )
    if head is None or head.status in HIDDEN:
        raise DomainError(_("SOP yang cocok sudah tidak ada; terima sebagai SOP baru."))
    if head.status == SopStatus.BERLAKU:
        draft = review_open(
            sop=head,
            actor=actor,
            notes=f"Kaji ulang revisi {head.number}, dari impor berkas {found.file.name}",
        )
    elif head.status == SopStatus.DRAF:
        draft = head
    else:
        raise DomainError(
            _(
                "SOP “%(nama)s” sedang berstatus %(status)s; revisi baru baru dapat dibuka setelah ia berlaku. "
                "Perbaikan Anda tetap tersimpan di sini."
            )
            % {"nama": head.nama, "status": head.get_status_display()}
        )
    return revision_update(
        sop=draft, actor=actor, data=data, loaded_version=None, action=RevisionEdit.Action.SAVED
    )


@transaction.atomic
def found_sop_accept(*, found: FoundSop, actor: Any, loaded_version: int | None = None) -> Revision:
    """The found SOP, as corrected, becomes a draft in the batch's unit (or the next revision of the SOP it
    matches, when that was chosen). A refusal changes nothing and keeps the corrections."""
    found = _locked(found)
    _check_importer(actor=actor, pd=found.batch.pd)
    _check_open(found, loaded_version)
    data = data_from_text(found.yaml_text)
    if not data:
        raise DomainError(_("Isi SOP ini tidak dapat dibaca; perbaiki isiannya dulu."))
    pd = found.batch.pd
    if found.choice == FoundSop.Choice.REVISION and found.match is not None:
        revision = _as_revision(found=found, actor=actor, data=data)
        action = "sop.imported_as_revision"
    else:
        revision = sop_create(pd=pd, author=actor, unit=found.batch.unit, data=data)
        action = "sop.imported"
    found.state = FoundSop.State.ACCEPTED
    found.revision = revision
    found.reviewed_by = actor
    found.reviewed_at = timezone.now()
    found.save(update_fields=["state", "revision", "reviewed_by", "reviewed_at"])
    _event(
        action=action,
        actor=actor,
        pd=pd,
        revision=revision,
        detail=f"#{found.batch_id}: {found.file.name}, {found.nama or found.index + 1}",
    )
    return revision


@transaction.atomic
def found_sop_reject(*, found: FoundSop, actor: Any, reason: str = "") -> FoundSop:
    """Leave a found SOP out (it is not an SOP, or it is one already typed); the reason is kept."""
    found = _locked(found)
    _check_importer(actor=actor, pd=found.batch.pd)
    _check_open(found, None)
    found.state = FoundSop.State.REJECTED
    found.reason = " ".join(reason.split())[:500]
    found.reviewed_by = actor
    found.reviewed_at = timezone.now()
    found.save(update_fields=["state", "reason", "reviewed_by", "reviewed_at"])
    _event(
        action="import.rejected",
        actor=actor,
        pd=found.batch.pd,
        detail=f"#{found.batch_id}: {found.file.name}, {found.nama or found.index + 1}: {found.reason}",
    )
    return found
