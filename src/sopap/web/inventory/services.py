"""Writing the inventory: every write one transaction, checked against the version the user loaded, and
logged with a dotted action code (InventoryEvent)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.authoring.services import sop_create
from sopap.web.inventory.models import InventoryEntry, InventoryEvent
from sopap.web.inventory.selectors import can_edit_inventory
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.shared.errors import DomainError, FieldErrors, PermissionDenied, StaleVersion

FIELDS = ("tugas_fungsi", "kegiatan", "output", "aspek", "judul")
LIMITS = {"tugas_fungsi": 2000, "kegiatan": 1000, "output": 1000, "aspek": 200, "judul": 500}


def proposed_title(*, aspek: str, output: str) -> str:
    """The Buleleng book's rule: a title is the aspek of the work followed by its output."""
    return " ".join(part.strip() for part in (aspek, output) if part.strip())


def _cleaned(values: dict[str, str]) -> dict[str, str]:
    data = {key: " ".join(str(values.get(key) or "").split()) for key in FIELDS}
    if not data["judul"]:
        data["judul"] = proposed_title(aspek=data["aspek"], output=data["output"])
    errors: dict[str | None, list[str]] = {}
    if not data["kegiatan"]:
        errors.setdefault("kegiatan", []).append(_("Tuliskan kegiatannya."))
    if not data["judul"]:
        errors.setdefault("judul", []).append(_("Tuliskan judul SOP usulan, atau aspek dan output-nya."))
    for key, limit in LIMITS.items():
        if len(data[key]) > limit:
            errors.setdefault(key, []).append(
                _("Paling banyak %(limit)s karakter; isian ini %(length)s.")
                % {"limit": limit, "length": len(data[key])}
            )
    if errors:
        raise FieldErrors(errors)
    return data


def _check(*, actor: Any, pd: PerangkatDaerah) -> None:
    if not can_edit_inventory(user=actor, pd=pd):
        raise PermissionDenied(
            _("Inventaris SOP perangkat daerah ini diisi oleh penyusun, kepala dan admin organisasinya.")
        )


def _check_unit(pd: PerangkatDaerah, unit: Unit | None) -> None:
    if unit is not None and unit.pd_id != pd.pk:
        raise DomainError(_("Unit tidak berada di perangkat daerah ini."))


def _fresh(entry: InventoryEntry, loaded_version: int) -> InventoryEntry:
    current = InventoryEntry.objects.select_for_update().get(pk=entry.pk)
    if current.version != loaded_version:
        raise StaleVersion(
            _(
                "Kebutuhan SOP ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih di layar; "
                "periksa perubahannya lalu simpan lagi."
            ),
            current_version=current.version,
            loaded_version=loaded_version,
        )
    return current


def _log(*, entry: InventoryEntry | None, pd: PerangkatDaerah, actor: Any, action: str, detail: str) -> None:
    InventoryEvent.objects.create(
        pd=pd, entry_id=entry.pk if entry else None, action=action, actor=actor, detail=detail
    )


@transaction.atomic
def entry_create(
    *, actor: Any, pd: PerangkatDaerah, unit: Unit | None, values: dict[str, str]
) -> InventoryEntry:
    _check(actor=actor, pd=pd)
    _check_unit(pd, unit)
    entry = InventoryEntry.objects.create(pd=pd, unit=unit, created_by=actor, **_cleaned(values))
    _log(entry=entry, pd=pd, actor=actor, action="inventory.entry_created", detail=entry.judul)
    return entry


@transaction.atomic
def entry_update(
    *, actor: Any, entry: InventoryEntry, loaded_version: int, unit: Unit | None, values: dict[str, str]
) -> InventoryEntry:
    _check(actor=actor, pd=entry.pd)
    _check_unit(entry.pd, unit)
    current = _fresh(entry, loaded_version)
    for key, value in _cleaned(values).items():
        setattr(current, key, value)
    current.unit = unit
    current.version += 1
    current.save()
    _log(entry=current, pd=current.pd, actor=actor, action="inventory.entry_changed", detail=current.judul)
    return current


@transaction.atomic
def entry_delete(*, actor: Any, entry: InventoryEntry, loaded_version: int) -> None:
    _check(actor=actor, pd=entry.pd)
    current = _fresh(entry, loaded_version)
    _log(entry=current, pd=current.pd, actor=actor, action="inventory.entry_deleted", detail=current.judul)
    current.delete()


@transaction.atomic
def entry_start_drafting(*, actor: Any, entry: InventoryEntry, loaded_version: int) -> Revision:
    """ "Mulai menyusun": a draft with the entry's title and unit, linked to the entry."""
    _check(actor=actor, pd=entry.pd)
    current = _fresh(entry, loaded_version)
    if current.document_id is not None:
        raise DomainError(_("Kebutuhan SOP ini sudah memiliki SOP."))
    revision = sop_create(pd=current.pd, unit=current.unit, author=actor, data={"nama": current.judul})
    current.document = revision.document
    current.version += 1
    current.save(update_fields=["document", "version", "updated_at"])
    _log(entry=current, pd=current.pd, actor=actor, action="inventory.drafting_started", detail=current.judul)
    return revision


@transaction.atomic
def entry_link(
    *, actor: Any, entry: InventoryEntry, loaded_version: int, document: SopDocument | None
) -> InventoryEntry:
    """Link the entry to an SOP of its PD that already exists (or unlink it with None)."""
    _check(actor=actor, pd=entry.pd)
    if document is not None and document.pd_id != entry.pd_id:
        raise DomainError(_("SOP itu bukan milik perangkat daerah ini."))
    current = _fresh(entry, loaded_version)
    current.document = document
    current.version += 1
    current.save(update_fields=["document", "version", "updated_at"])
    detail = document.head.nama if document is not None and document.head is not None else ""
    _log(entry=current, pd=current.pd, actor=actor, action="inventory.entry_linked", detail=detail)
    return current


@transaction.atomic
def inventory_import(*, actor: Any, pd: PerangkatDaerah, rows: list[dict[str, Any]]) -> list[InventoryEntry]:
    """Add the rows of a filled-in inventory form (see :mod:`sopap.web.inventory.workbook`): all of them,
    or none with every row's problem said."""
    _check(actor=actor, pd=pd)
    checked, problems = [], []
    for row in rows:
        try:
            _check_unit(pd, row.get("unit"))
            checked.append((row.get("unit"), _cleaned(row["values"])))
        except DomainError as exc:
            problems.append(
                _("baris %(row)s: %(problem)s") % {"row": row.get("row", "?"), "problem": exc.message}
            )
    if problems:
        raise DomainError(_("Berkas tidak dimuat: %(problems)s") % {"problems": "; ".join(problems[:10])})
    created = [
        InventoryEntry.objects.create(pd=pd, unit=unit, created_by=actor, **values)
        for unit, values in checked
    ]
    _log(entry=None, pd=pd, actor=actor, action="inventory.imported", detail=str(len(created)))
    return created
