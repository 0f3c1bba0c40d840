"""Reads for monitoring: which SOPs in force a user follows, their monitorings, evaluations and reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring import editor
from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.monitoring.models import Evaluation, EvaluationEntry, Monitoring, Penilaian, Review
from sopap.web.organisations.models import PerangkatDaerah, Role
from sopap.web.organisations.selectors import pd_ids_with_role
from sopap.web.shared.status import Status
from sopap.web.workflow.models import Transition
from sopap.web.workflow.selectors import AcknowledgementCount, acknowledgement_counts

REVIEW_YEARS = 2  # Perwali Serang 50/2017 Pasal 27 (1): kaji ulang at least once in two years
RECORDING_ROLES = {Role.VERIFIKATOR, Role.PENGESAH, Role.ADMIN}


@dataclass(frozen=True)
class Periode:
    """A reporting period (Perwali Serang 50/2017): a quarter, whose supervision results go to the head of
    the PD (Pasal 26 (2)); a semester, reported to the mayor through the Sekda (Pasal 28 (1)); or a year,
    reported to the governor by the end of March (Pasal 28 (2))."""

    kind: str  # "triwulan", "semester" or "tahun"
    tahun: int
    n: int = 1  # which quarter or semester

    MONTHS: ClassVar[dict[str, int]] = {"triwulan": 3, "semester": 6, "tahun": 12}
    LETTER: ClassVar[dict[str, str]] = {"triwulan": "T", "semester": "S"}

    def __post_init__(self) -> None:
        if self.kind not in self.MONTHS or not 1 <= self.n <= 12 // self.MONTHS[self.kind]:
            raise ValueError(f"no such period: {self.kind} {self.n}")
        if not 2000 <= self.tahun <= 2100:
            raise ValueError(f"year out of range: {self.tahun}")

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Periode:
        return cls(kind, day.year, (day.month - 1) // cls.MONTHS[kind] + 1)

    @classmethod
    def parse(cls, text: str) -> Periode:
        """ "2026-S2", "2026-T3" or "2026" (the forms of :attr:`key`); ValueError for anything else."""
        tahun, _sep, rest = text.strip().partition("-")
        if not rest:
            return cls("tahun", int(tahun))
        kinds = {letter: kind for kind, letter in cls.LETTER.items()}
        if rest[:1].upper() not in kinds:
            raise ValueError(f"no such period: {text}")
        return cls(kinds[rest[:1].upper()], int(tahun), int(rest[1:]))

    @property
    def key(self) -> str:
        return str(self.tahun) if self.kind == "tahun" else f"{self.tahun}-{self.LETTER[self.kind]}{self.n}"

    @property
    def slug(self) -> str:
        """For file names: "2026-semester-2", "2026-triwulan-3", "2026"."""
        return str(self.tahun) if self.kind == "tahun" else f"{self.tahun}-{self.kind}-{self.n}"

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        months = self.MONTHS[self.kind]
        first_month = (self.n - 1) * months + 1
        last_month = first_month + months - 1
        following = dt.date(self.tahun + (last_month == 12), last_month % 12 + 1, 1)
        return dt.date(self.tahun, first_month, 1), following - dt.timedelta(days=1)

    def previous(self) -> Periode:
        if self.kind == "tahun" or self.n == 1:
            return Periode(self.kind, self.tahun - 1, 12 // self.MONTHS[self.kind])
        return Periode(self.kind, self.tahun, self.n - 1)

    @property
    def label(self) -> str:
        if self.kind == "triwulan":
            return _("Triwulan %(n)s tahun %(tahun)s") % {"n": self.n, "tahun": self.tahun}
        if self.kind == "semester":
            return _("Semester %(n)s tahun %(tahun)s") % {"n": self.n, "tahun": self.tahun}
        return _("Tahun %(tahun)s") % {"tahun": self.tahun}

    @property
    def recipient(self) -> str:
        if self.kind == "triwulan":
            return _(
                "Hasil pengawasan kepada Kepala Perangkat Daerah, setiap triwulan (Perwali Serang 50/2017 Pasal 26)."
            )
        if self.kind == "semester":
            return _(
                "Kepada Walikota melalui Sekretaris Daerah, setiap semester (Perwali Serang 50/2017 Pasal 28)."
            )
        return _(
            "Kepada Gubernur, setiap tahun pada akhir bulan Maret (Perwali Serang 50/2017 Pasal 28 ayat 2)."
        )


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


# ---------------------------------------------------------------------------------- in-force periods

HAS_BEEN_IN_FORCE = {Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT}


@dataclass(frozen=True)
class Period:
    """A revision's time in force: from its tanggal_berlaku to the day it was replaced or withdrawn."""

    revision: Revision
    start: dt.date
    end: dt.date | None  # None: still in force

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def periods(revisions: Iterable[Revision]) -> dict[int, list[Period]]:
    """The in-force periods of ``revisions`` per document, oldest first.

    A replaced revision was in force until its successor's tanggal_berlaku (a decree may be recorded
    after the day it took effect); a withdrawn one until the day it was withdrawn.
    """
    revisions = [r for r in revisions if r.status in HAS_BEEN_IN_FORCE and r.tanggal_berlaku is not None]
    withdrawn: dict[int, dt.date] = {}
    for t in Transition.objects.filter(
        revision__in=[r for r in revisions if r.status == Status.DICABUT], to_status=Status.DICABUT
    ):
        withdrawn.setdefault(t.revision_id, timezone.localdate(t.at))
    by_document: dict[int, list[Revision]] = {}
    for r in sorted(revisions, key=lambda r: (r.tanggal_berlaku, r.number)):
        by_document.setdefault(r.document_id, []).append(r)
    out: dict[int, list[Period]] = {}
    for document_id, chain in by_document.items():
        spans = []
        for i, r in enumerate(chain):
            start = r.tanggal_berlaku
            assert start is not None
            end: dt.date | None = None
            if r.status == Status.DICABUT:
                end = withdrawn.get(r.pk, start)
            elif r.status == Status.DIGANTIKAN and i + 1 < len(chain):
                successor = chain[i + 1].tanggal_berlaku
                assert successor is not None
                end = successor - dt.timedelta(days=1)
            spans.append(Period(r, start, max(end, start) if end is not None else None))
        out[document_id] = spans
    return out


def revision_in_force_on(*, document: SopDocument, day: dt.date) -> Revision | None:
    """The revision of ``document`` that was in force on ``day`` (the newest one, on a changeover day)."""
    found = [p for p in periods(document.revisions.all()).get(document.pk, []) if p.covers(day)]
    return found[-1].revision if found else None


def revision_of_year(*, document: SopDocument, tahun: int, today: dt.date) -> Revision | None:
    """The revision a year's evaluation judges: the last one in force in ``tahun`` (up to today)."""
    last = min(dt.date(tahun, 12, 31), today)
    found = [
        p
        for p in periods(document.revisions.all()).get(document.pk, [])
        if p.overlaps(dt.date(tahun, 1, 1), last)
    ]
    return found[-1].revision if found else None


def steps_evaluated(*, document: SopDocument, tahun: int) -> list[str]:
    """The kegiatan of each step of the revision a year's evaluation judges, for its notes per step."""
    revision = revision_of_year(document=document, tahun=tahun, today=timezone.localdate())
    if revision is None:
        return []
    steps = editor.initial_from_data(editor.data_from_text(revision.yaml_text))["steps"]
    return [step["kegiatan"] for step in steps if any(step.values())]


def review_due_of(*, revision: Revision, reviews: Iterable[Review], asof: dt.date) -> dt.date | None:
    """When the next kaji ulang falls due: two years after the revision came into force, or after the
    latest review of it (up to ``asof``) that found it right as it was."""
    if revision.tanggal_berlaku is None:
        return None
    latest = max(
        [
            revision.tanggal_berlaku,
            *(r.tanggal for r in reviews if r.revision_id == revision.pk and r.tanggal <= asof),
        ]
    )
    return review_due(latest)


# ------------------------------------------------------------------------------------------ overview


@dataclass
class Row:
    """One SOP in force (at some time in the period) as the monitoring page and the report show it."""

    document: SopDocument
    revision: Revision  # the newest revision in force in the period
    in_force_now: bool
    monitorings: list[Monitoring]  # in the period, newest first
    last_monitoring: Monitoring | None
    evaluation: Evaluation | None  # of the period's year
    review_due: dt.date | None
    review_overdue: bool  # as of the period's end, or today while it lasts
    can_record: bool
    # Of those asked to read the revision, how many confirmed by the period's end (the report's rows only).
    acknowledgement: AcknowledgementCount = field(default_factory=AcknowledgementCount)


def overview(*, user: Any, periode: Periode, today: dt.date, pd: PerangkatDaerah | None = None) -> list[Row]:
    """Every SOP the user may read that was in force at some time in the period (up to today)."""
    readable = pd_ids_with_role(user=user)
    recording = pd_ids_with_role(user=user, roles=RECORDING_ROLES)
    first, last = periode.bounds
    tahun = periode.tahun
    asof = min(last, today)
    revisions = Revision.objects.filter(
        document__pd_id__in=readable, status__in=HAS_BEEN_IN_FORCE
    ).select_related("document", "document__pd__pemda", "document__unit")
    if pd is not None:
        revisions = revisions.filter(document__pd=pd)
    chosen: dict[int, Revision] = {}
    for document_id, spans in periods(revisions).items():
        inside = [p for p in spans if p.overlaps(first, asof)]
        if inside:
            chosen[document_id] = inside[-1].revision
    ids = list(chosen)
    in_period: dict[int, list[Monitoring]] = {}
    for m in Monitoring.objects.filter(document_id__in=ids, tanggal__range=(first, last)).select_related(
        "by", "revision"
    ):
        in_period.setdefault(m.document_id, []).append(m)
    latest: dict[int, Monitoring] = {}
    for m in Monitoring.objects.filter(document_id__in=ids).order_by("document_id", "-tanggal", "-id"):
        latest.setdefault(m.document_id, m)
    evaluations = {e.document_id: e for e in Evaluation.objects.filter(document_id__in=ids, tahun=tahun)}
    reviews: dict[int, list[Review]] = {}
    for r in Review.objects.filter(document_id__in=ids):
        reviews.setdefault(r.document_id, []).append(r)
    rows = []
    for document_id, revision in chosen.items():
        document = revision.document
        due = review_due_of(revision=revision, reviews=reviews.get(document_id, []), asof=asof)
        rows.append(
            Row(
                document=document,
                revision=revision,
                in_force_now=document.in_force_id == revision.pk,
                monitorings=in_period.get(document_id, []),
                last_monitoring=latest.get(document_id),
                evaluation=evaluations.get(document_id),
                review_due=due,
                review_overdue=due is not None and due < asof,
                can_record=document.pd_id in recording,
            )
        )
    return sorted(rows, key=lambda r: (r.document.pd.nama, r.document.nomor or "", r.document.pk))


@dataclass(frozen=True)
class PdCount:
    """A Perangkat Daerah on the Pemda-wide monitoring page, counted in the database (no rows built)."""

    pd: PerangkatDaerah
    in_force: int  # SOPs in force today
    monitored: int  # SOPs with a monitoring in the period


def in_force_total(*, pd_ids: set[int]) -> int:
    """How many SOPs are in force today in these Perangkat Daerah: one count, no rows."""
    return SopDocument.objects.filter(pd_id__in=pd_ids, in_force__isnull=False).count()


def in_force_counts(*, user: Any, periode: Periode) -> list[PdCount]:
    """Per Perangkat Daerah the user may read, its SOPs in force and those monitored in the period: the
    front of the monitoring page for a role that spans a whole Pemda, where building every row (a
    province holds 100,000 SOPs) would take too long."""
    from django.db.models import Count

    readable = pd_ids_with_role(user=user)
    first, last = periode.bounds
    in_force = dict(
        SopDocument.objects.filter(pd_id__in=readable, in_force__isnull=False)
        .values_list("pd_id")
        .annotate(n=Count("id"))
        .values_list("pd_id", "n")
    )
    monitored = dict(
        Monitoring.objects.filter(document__pd_id__in=readable, tanggal__range=(first, last))
        .values_list("document__pd_id")
        .annotate(n=Count("document_id", distinct=True))
        .values_list("document__pd_id", "n")
    )
    pds = PerangkatDaerah.objects.filter(pk__in=readable).select_related("pemda").order_by("nama")
    return [PdCount(pd=pd, in_force=in_force.get(pd.pk, 0), monitored=monitored.get(pd.pk, 0)) for pd in pds]


@dataclass
class PdSummary:
    """One Perangkat Daerah in a period's report."""

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
        """SOPs whose latest monitoring of the period found them running well."""
        return sum(1 for r in self.rows if r.monitorings and r.monitorings[0].penilaian == Penilaian.BAIK)

    @property
    def ran_badly(self) -> int:
        return sum(
            1 for r in self.rows if r.monitorings and r.monitorings[0].penilaian == Penilaian.TIDAK_BAIK
        )

    @property
    def evaluated(self) -> int:
        return sum(1 for r in self.rows if r.evaluation is not None)

    @property
    def review_overdue(self) -> int:
        return sum(1 for r in self.rows if r.review_overdue)

    @property
    def asked(self) -> int:
        """Officers asked to read the SOPs in force (one per officer and revision, Pasal 22)."""
        return sum(r.acknowledgement.asked for r in self.rows)

    @property
    def acknowledged(self) -> int:
        return sum(r.acknowledgement.confirmed for r in self.rows)

    @property
    def acknowledgement_rows(self) -> list[Row]:
        return [r for r in self.rows if r.acknowledgement.asked]

    @property
    def findings(self) -> list[tuple[Row, Monitoring]]:
        """Monitorings of the period that found an SOP not running well, with what must be done."""
        return [(r, m) for r in self.rows for m in r.monitorings if m.penilaian == Penilaian.TIDAK_BAIK]


def period_report(
    *,
    user: Any,
    periode: Periode,
    today: dt.date,
    pd: PerangkatDaerah | None = None,
    readable: list[PerangkatDaerah] | None = None,
) -> list[PdSummary]:
    """Per Perangkat Daerah (or only ``pd``), the results of the period (see :class:`Periode` for who
    receives which). ``readable``: :func:`report_pds` when the caller has it already."""
    summaries: dict[int, PdSummary] = {}
    rows = overview(user=user, periode=periode, today=today, pd=pd)
    after = timezone.make_aware(dt.datetime.combine(periode.bounds[1] + dt.timedelta(days=1), dt.time.min))
    counts = acknowledgement_counts(revision_ids=[r.revision.pk for r in rows], until=after)
    for row in rows:
        row.acknowledgement = counts[row.revision.pk]
        summaries.setdefault(row.document.pd_id, PdSummary(row.document.pd)).rows.append(row)
    for other in report_pds(user=user) if readable is None else readable:
        if other.pk not in summaries and (pd is None or other.pk == pd.pk):
            summaries[other.pk] = PdSummary(other)
    return sorted(summaries.values(), key=lambda s: s.pd.nama)


def report_pds(*, user: Any) -> list[PerangkatDaerah]:
    """The Perangkat Daerah whose report the user may see, and print one at a time."""
    return list(
        PerangkatDaerah.objects.filter(pk__in=pd_ids_with_role(user=user))
        .select_related("pemda")
        .order_by("nama")
    )


@dataclass(frozen=True)
class Letterhead:
    """The kop and the signature block of a printed report, from what the organisation data holds.

    One Perangkat Daerah: its Pemda and name on the kop, its head (jabatan, name, NIP) signs. Several: the
    Pemda alone on the kop and the signature lines left blank, to be filled in by hand. The place of signing
    is the city of a Pemerintah Kota ("Pemerintah Kota Serang": Serang); a Kabupaten's seat is not in the
    data, so it is left blank too.
    """

    pemerintah: list[str]
    pd: PerangkatDaerah | None
    tempat: str


CITY_PREFIX = "pemerintah kota "


def report_letterhead(summaries: list[PdSummary]) -> Letterhead:
    pemdas = sorted({s.pd.pemda.nama for s in summaries})
    pd = summaries[0].pd if len(summaries) == 1 else None
    tempat = ""
    if len(pemdas) == 1 and pemdas[0].lower().startswith(CITY_PREFIX):
        tempat = pemdas[0][len(CITY_PREFIX) :].strip()
    return Letterhead(pemerintah=pemdas, pd=pd, tempat=tempat)


def document_get(*, pk: int) -> SopDocument | None:
    return SopDocument.objects.select_related("pd", "in_force").filter(pk=pk).first()


def evaluation_of(*, document: SopDocument, tahun: int) -> Evaluation | None:
    return Evaluation.objects.filter(document=document, tahun=tahun).first()


def evaluation_version(*, document: SopDocument, tahun: int) -> int:
    """How many times the year's evaluation was recorded (0: not yet): the version its form carries."""
    return EvaluationEntry.objects.filter(evaluation__document=document, evaluation__tahun=tahun).count()
