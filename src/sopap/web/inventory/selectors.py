"""Reading the inventory: a PD's entries with their status, and coverage per unit, per PD and Pemda-wide."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from sopap.web.inventory.models import EntryStatus, InventoryEntry
from sopap.web.organisations.models import PerangkatDaerah, Role
from sopap.web.organisations.selectors import pd_ids_with_role

# Who keeps a PD's inventory: its drafters, its head and the admin organisasi.
EDITING_ROLES = frozenset({Role.PENYUSUN, Role.PENGESAH, Role.ADMIN})


def can_edit_inventory(*, user: Any, pd: PerangkatDaerah) -> bool:
    return pd.pk in pd_ids_with_role(user=user, roles=EDITING_ROLES)


def inventory_pds(*, user: Any) -> list[PerangkatDaerah]:
    """The Perangkat Daerah whose inventory the user may read (any role in it, or a Pemda-wide one)."""
    return list(PerangkatDaerah.objects.filter(pk__in=pd_ids_with_role(user=user)).order_by("nama"))


def entries_of(*, pd: PerangkatDaerah) -> QuerySet[InventoryEntry]:
    return (
        InventoryEntry.objects.filter(pd=pd)
        .select_related("unit", "document", "document__head")
        .order_by("unit__kode", "unit__nama", "id")
    )


def entry_get(*, pk: int) -> InventoryEntry | None:
    return InventoryEntry.objects.select_related("pd", "unit", "document").filter(pk=pk).first()


@dataclass(frozen=True)
class Coverage:
    """How much of what is needed is in force: the entries of a unit, of a PD or of a Pemda."""

    name: str
    counts: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def belum(self) -> int:
        return self.counts[EntryStatus.BELUM]

    @property
    def penyusunan(self) -> int:
        return self.counts[EntryStatus.PENYUSUNAN]

    @property
    def berlaku(self) -> int:
        return self.counts[EntryStatus.BERLAKU]

    @property
    def percent(self) -> int:
        return round(100 * self.berlaku / self.total) if self.total else 0


def _status_rows(entries: QuerySet[InventoryEntry], key: str) -> dict[Any, Counter[str]]:
    """Per ``key`` value, the entries counted by status, read as tuples (no entry objects built)."""
    out: dict[Any, Counter[str]] = {}
    for group, document_id, in_force_id in entries.values_list(key, "document_id", "document__in_force_id"):
        if document_id is None:
            status = EntryStatus.BELUM
        elif in_force_id is not None:
            status = EntryStatus.BERLAKU
        else:
            status = EntryStatus.PENYUSUNAN
        out.setdefault(group, Counter())[status] += 1
    return out


def coverage_by_unit(*, pd: PerangkatDaerah) -> list[Coverage]:
    rows = _status_rows(InventoryEntry.objects.filter(pd=pd), "unit__nama")
    return [Coverage(name or "—", counts) for name, counts in sorted(rows.items(), key=lambda r: str(r[0]))]


def coverage_by_pd(*, pds: list[PerangkatDaerah]) -> list[Coverage]:
    rows = _status_rows(InventoryEntry.objects.filter(pd__in=pds), "pd_id")
    return [Coverage(pd.nama, rows.get(pd.pk, Counter())) for pd in pds]


def coverage_total(items: list[Coverage], name: str) -> Coverage:
    total: Counter[str] = Counter()
    for item in items:
        total.update(item.counts)
    return Coverage(name, total)
