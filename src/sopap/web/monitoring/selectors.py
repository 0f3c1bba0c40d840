"""Reads for monitoring: which SOPs in force a user follows, their monitorings, evaluations and reviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sopap.web.authoring.models import SopDocument
from sopap.web.monitoring.models import Evaluation, Monitoring, Penilaian
from sopap.web.organisations.models import PerangkatDaerah, Role
from sopap.web.organisations.selectors import pd_ids_with_role

REVIEW_YEARS = 2  # Perwali Serang 50/2017 Pasal 27 (1): kaji ulang at least once in two years
RECORDING_ROLES = {Role.VERIFIKATOR, Role.PENGESAH, Role.ADMIN}


def semester_of(day: dt.date) -> tuple[int, int]:
    """(year, 1 or 2) of ``day``: January-June is the first semester, July-December the second."""
    return day.year, 1 if day.month <= 6 else 2


def semester_bounds(tahun: int, semester: int) -> tuple[dt.date, dt.date]:
    if semester == 1:
        return dt.date(tahun, 1, 1), dt.date(tahun, 6, 30)
    return dt.date(tahun, 7, 1), dt.date(tahun, 12, 31)


def review_due(berlaku: dt.date | None) -> dt.date | None:
    """When an SOP in force since ``berlaku`` must have been reviewed (29 February falls to the 28th)."""
    if berlaku is None:
        return None
    try:
        return berlaku.replace(year=berlaku.year + REVIEW_YEARS)
    except ValueError:
        return berlaku.replace(year=berlaku.year + REVIEW_YEARS, day=28)


def can_record(*, user: Any, document: SopDocument) -> bool:
    """Superiors (verifiers, the head) of the SOP's PD and the admin organisasi record monitorings and
    evaluations (Perwali Serang 50/2017 Pasal 25 (4) and 26)."""
    return document.pd_id in pd_ids_with_role(user=user, roles=RECORDING_ROLES)


def can_read(*, user: Any, document: SopDocument) -> bool:
    return document.pd_id in pd_ids_with_role(user=user)


@dataclass
class Row:
    """One SOP in force as the monitoring page shows it."""

    document: SopDocument
    monitorings: list[Monitoring]  # in the semester, newest first
    last_monitoring: Monitoring | None
    evaluation: Evaluation | None  # of the semester's year
    review_due: dt.date | None
    review_overdue: bool
    can_record: bool

    @property
    def revision(self) -> Any:
        return self.document.in_force


def overview(*, user: Any, tahun: int, semester: int, today: dt.date, pd: PerangkatDaerah | None = None) -> list[Row]:
    """Every SOP in force the user may read (in ``pd`` when given), with the semester's monitorings."""
    readable = pd_ids_with_role(user=user)
    recording = pd_ids_with_role(user=user, roles=RECORDING_ROLES)
    documents = (
        SopDocument.objects.filter(pd_id__in=readable, in_force__isnull=False)
        .select_related("pd", "unit", "in_force")
        .order_by("pd__nama", "nomor", "id")
    )
    if pd is not None:
        documents = documents.filter(pd=pd)
    documents = list(documents)
    start, end = semester_bounds(tahun, semester)
    ids = [d.pk for d in documents]
    in_semester: dict[int, list[Monitoring]] = {}
    for m in Monitoring.objects.filter(document_id__in=ids, tanggal__range=(start, end)).select_related("by"):
        in_semester.setdefault(m.document_id, []).append(m)
    last: dict[int, Monitoring] = {}
    for m in Monitoring.objects.filter(document_id__in=ids).order_by("document_id", "-tanggal", "-id"):
        last.setdefault(m.document_id, m)
    evaluations = {e.document_id: e for e in Evaluation.objects.filter(document_id__in=ids, tahun=tahun)}
    rows = []
    for d in documents:
        due = review_due(d.in_force.tanggal_berlaku if d.in_force else None)
        rows.append(
            Row(
                document=d,
                monitorings=in_semester.get(d.pk, []),
                last_monitoring=last.get(d.pk),
                evaluation=evaluations.get(d.pk),
                review_due=due,
                review_overdue=due is not None and due < today,
                can_record=d.pd_id in recording,
            )
        )
    return rows


@dataclass
class PdSummary:
    """One Perangkat Daerah in the semester report."""

    pd: PerangkatDaerah
    rows: list[Row] = field(default_factory=list)

    @property
    def in_force(self) -> int:
        return len(self.rows)

    @property
    def monitored(self) -> int:
        return sum(1 for r in self.rows if r.monitorings)

    @property
    def ran_well(self) -> int:
        """SOPs whose latest monitoring of the semester found them running well."""
        return sum(1 for r in self.rows if r.monitorings and r.monitorings[0].penilaian == Penilaian.BAIK)

    @property
    def ran_badly(self) -> int:
        return sum(1 for r in self.rows if r.monitorings and r.monitorings[0].penilaian == Penilaian.TIDAK_BAIK)

    @property
    def evaluated(self) -> int:
        return sum(1 for r in self.rows if r.evaluation is not None)

    @property
    def review_overdue(self) -> int:
        return sum(1 for r in self.rows if r.review_overdue)

    @property
    def findings(self) -> list[tuple[Row, Monitoring]]:
        """Monitorings of the semester that found an SOP not running well, with what must be done."""
        return [(r, m) for r in self.rows for m in r.monitorings if m.penilaian == Penilaian.TIDAK_BAIK]


def semester_report(*, user: Any, tahun: int, semester: int, today: dt.date) -> list[PdSummary]:
    """Per Perangkat Daerah, the results of the semester (Perwali Serang 50/2017 Pasal 28 (1))."""
    summaries: dict[int, PdSummary] = {}
    for row in overview(user=user, tahun=tahun, semester=semester, today=today):
        summaries.setdefault(row.document.pd_id, PdSummary(row.document.pd)).rows.append(row)
    for pd in PerangkatDaerah.objects.filter(pk__in=pd_ids_with_role(user=user)).exclude(pk__in=summaries):
        summaries[pd.pk] = PdSummary(pd)
    return sorted(summaries.values(), key=lambda s: s.pd.nama)
