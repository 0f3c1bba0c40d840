"""Reads for the Buku SOP page: whose book a user may see or configure, the SOPs in force of a book's
scope, and the decrees (Keputusan penetapan) the workflow recorded."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from sopap.web.authoring.models import Revision
from sopap.web.books.models import BookEvent, BookSettings
from sopap.web.organisations.models import Pemda, PerangkatDaerah, Role, Unit
from sopap.web.organisations.selectors import memberships_of, pd_ids_with_role, units_of
from sopap.web.shared.status import Status

PD = "pd"
PEMDA = "pemda"
KINDS = (PD, PEMDA)
# Who prepares and keeps a book's texts: the PD's head and its admin organisasi; for the Pemda-wide book
# the Bagian Organisasi (a Pemda-wide admin) and the Sekretaris Daerah (a Pemda-wide pengesah).
CONFIGURERS = frozenset({Role.ADMIN, Role.PENGESAH})
# A decreed revision keeps its decree whatever became of it since: the Keputusan still lists it.
DECREED = (Status.DITETAPKAN, Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT)


@dataclass(frozen=True)
class Scope:
    """Whose book: one Perangkat Daerah, or (``pd`` None) the whole Pemda."""

    pemda: Pemda
    pd: PerangkatDaerah | None = None

    @property
    def kind(self) -> str:
        return PD if self.pd is not None else PEMDA

    @property
    def pk(self) -> int:
        return int(self.pd.pk if self.pd is not None else self.pemda.pk)

    @property
    def nama(self) -> str:
        return self.pd.nama if self.pd is not None else self.pemda.nama

    def __str__(self) -> str:
        return self.nama


def _pemda_wide(user: Any, roles: frozenset[str] | None = None) -> set[int]:
    return {
        m.pemda_id
        for m in memberships_of(user=user)
        if m.pd_id is None and (roles is None or m.role in roles)
    }


def scope_get(*, user: Any, kind: str, pk: int) -> Scope | None:
    """The scope ``kind``/``pk`` when ``user`` may see its book: a PD's for anyone holding a role there (a
    Pemda-wide role covers every PD), the Pemda's for those holding a Pemda-wide role."""
    if kind == PD:
        pd = PerangkatDaerah.objects.select_related("pemda").filter(pk=pk).first()
        if pd is None or pd.pk not in pd_ids_with_role(user=user):
            return None
        return Scope(pemda=pd.pemda, pd=pd)
    if kind == PEMDA and pk in _pemda_wide(user):
        return Scope(pemda=Pemda.objects.get(pk=pk))
    return None


def scopes_of(*, user: Any) -> list[Scope]:
    """Every book the user may see: the Pemda-wide ones first, then the PDs by name."""
    pemdas = [Scope(pemda=p) for p in Pemda.objects.filter(pk__in=_pemda_wide(user)).order_by("nama")]
    pds = PerangkatDaerah.objects.select_related("pemda").filter(pk__in=pd_ids_with_role(user=user))
    return [*pemdas, *(Scope(pemda=pd.pemda, pd=pd) for pd in pds.order_by("nama"))]


def can_configure(*, user: Any, scope: Scope) -> bool:
    if scope.pd is None:
        return scope.pemda.pk in _pemda_wide(user, CONFIGURERS)
    return scope.pd.pk in pd_ids_with_role(user=user, roles=set(CONFIGURERS))


def settings_of(*, scope: Scope) -> BookSettings:
    """The scope's stored settings, or an unsaved empty row (version 0) when none were saved yet."""
    found = BookSettings.objects.filter(pemda=scope.pemda, pd=scope.pd).first()
    return found or BookSettings(pemda=scope.pemda, pd=scope.pd)


def _documents_in(scope: Scope) -> dict[str, Any]:
    if scope.pd is not None:
        return {"document__pd": scope.pd}
    return {"document__pd__pemda": scope.pemda}


def _with_places(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    return revisions.select_related("document__pd", "document__unit")


def _text(revisions: QuerySet[Revision], with_text: bool) -> QuerySet[Revision]:
    # A list page shows names and numbers: the texts (what a book is drawn from) stay in the database.
    return revisions if with_text else revisions.defer("yaml_text")


def in_force(*, scope: Scope, with_text: bool = True) -> list[Revision]:
    """The SOPs in force of the scope (their revisions in force), by PD, then number."""
    revisions = Revision.objects.filter(
        status=Status.BERLAKU, document__in_force_id__isnull=False, **_documents_in(scope)
    ).order_by("document__pd__nama", "document__nomor", "nama", "pk")
    return [r for r in _text(_with_places(revisions), with_text) if r.document.in_force_id == r.pk]


def unit_ids_under(*, unit: Unit) -> set[int]:
    """The unit and every unit below it (a Sekretariat's book holds its Sub Bagian's SOPs)."""
    ids = {unit.pk}
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.filter(pd_id=unit.pd_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    stack = [unit.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in ids:
                ids.add(child)
                stack.append(child)
    return ids


def units_for(*, scope: Scope) -> list[Unit]:
    return units_of(pd=scope.pd) if scope.pd is not None else []


@dataclass
class Decree:
    """One Keputusan penetapan as the workflow recorded it: its number, its date, and every revision of the
    scope decreed under that number (a revision decreed later has its own number, its own Keputusan)."""

    nomor: str
    tanggal: dt.date | None
    berlaku: dt.date | None
    revisions: list[Revision] = field(default_factory=list)


def _most_common(values: Sequence[dt.date | None]) -> dt.date | None:
    counts = Counter(v for v in values if v is not None)
    return min(counts, key=lambda d: (-counts[d], d)) if counts else None


def decrees_of(*, scope: Scope, nomor: str | None = None, with_text: bool = False) -> list[Decree]:
    """The scope's decrees (the one numbered ``nomor`` only, when given), newest first; each lists its SOPs
    by number."""
    revisions = _with_places(
        Revision.objects.filter(status__in=DECREED, **_documents_in(scope)).exclude(keputusan_nomor="")
    ).order_by("document__nomor", "pk")
    if nomor is not None:
        revisions = revisions.filter(keputusan_nomor=nomor)
    revisions = _text(revisions, with_text)
    by_number: dict[str, list[Revision]] = {}
    for revision in revisions:
        by_number.setdefault(revision.keputusan_nomor, []).append(revision)
    decrees = [
        Decree(
            nomor=nomor,
            tanggal=_most_common([r.keputusan_tanggal for r in found]),
            berlaku=min((r.tanggal_berlaku for r in found if r.tanggal_berlaku), default=None),
            revisions=found,
        )
        for nomor, found in by_number.items()
    ]
    return sorted(decrees, key=lambda d: (d.tanggal or dt.date.min, d.nomor), reverse=True)


def decree_get(*, scope: Scope, nomor: str) -> Decree | None:
    found = decrees_of(scope=scope, nomor=nomor, with_text=True) if nomor else []
    return found[0] if found else None


def events_of(*, scope: Scope, limit: int = 20) -> list[BookEvent]:
    return list(BookEvent.objects.filter(pemda=scope.pemda, pd=scope.pd).select_related("actor")[:limit])
