"""The numbers of the dashboard, counted in the database for the Perangkat Daerah in view: a whole Pemda
of hundreds of PDs is a handful of aggregate queries, never a row per SOP built in Python."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.inventory.selectors import Coverage, coverage_by_pd, coverage_total
from sopap.web.monitoring.models import CRITERIA, Evaluation, Monitoring, Penilaian, Rekomendasi, Review
from sopap.web.monitoring.selectors import Periode, review_due
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.organisations.selectors import pd_ids_with_role
from sopap.web.shared.status import HIDDEN, Status

# Statuses of work on its way to being in force.
IN_PROGRESS = (Status.DRAF, Status.DIAJUKAN, Status.UJI_COBA, Status.DISAHKAN, Status.DITETAPKAN)
# A review falling due within this many days is shown as coming.
REVIEW_SOON_DAYS = 90


@dataclass(frozen=True)
class Scope:
    """What the dashboard counts: one PD, or every PD the user may read (Pemda-wide roles)."""

    pds: list[PerangkatDaerah]  # every PD the user may choose
    pd: PerangkatDaerah | None  # the one chosen; None: all of ``pds``

    @property
    def pd_ids(self) -> set[int]:
        return {self.pd.pk} if self.pd is not None else {p.pk for p in self.pds}


def dashboard_scope(*, user: Any, pd_id: str = "") -> Scope | None:
    """The scope the user may see, narrowed to ``pd_id`` when it is one of theirs; None without any PD."""
    readable = pd_ids_with_role(user=user)
    if not readable:
        return None
    pds = list(PerangkatDaerah.objects.filter(pk__in=readable).select_related("pemda").order_by("nama"))
    chosen = next((p for p in pds if pd_id.isdigit() and p.pk == int(pd_id)), None)
    return Scope(pds=pds, pd=chosen if chosen is not None else (pds[0] if len(pds) == 1 else None))


@dataclass(frozen=True)
class Group:
    """A unit (one PD in view) or a PD (several): its SOPs in force and on their way."""

    name: str
    in_force: int
    in_progress: int


@dataclass(frozen=True)
class Reviews:
    overdue: int
    soon: int  # due within REVIEW_SOON_DAYS
    later: int


@dataclass(frozen=True)
class Criterion:
    label: str
    ya: int
    tidak: int


@dataclass
class Dashboard:
    scope: Scope
    today: dt.date
    periode: Periode
    by_status: list[tuple[str, str, int]] = field(default_factory=list)  # (status, label, count)
    groups: list[Group] = field(default_factory=list)
    grouped_by_unit: bool = True
    reviews: Reviews = Reviews(0, 0, 0)
    in_force: int = 0
    monitored: int = 0
    monitoring_results: list[tuple[str, int]] = field(default_factory=list)
    evaluation_year: int = 0
    evaluated: int = 0
    criteria: list[Criterion] = field(default_factory=list)
    recommendations: list[tuple[str, int]] = field(default_factory=list)
    days_to_force: list[int] = field(default_factory=list)  # per revision in force within the last year
    inventory: Coverage | None = None  # None: no inventory recorded in scope
    asked: int = 0  # sosialisasi: officers asked to read an SOP in force, and those who confirmed
    confirmed: int = 0

    @property
    def monitored_percent(self) -> int:
        return round(100 * self.monitored / self.in_force) if self.in_force else 0

    @property
    def confirmed_percent(self) -> int:
        return round(100 * self.confirmed / self.asked) if self.asked else 0

    @property
    def median_days(self) -> int | None:
        return round(statistics.median(self.days_to_force)) if self.days_to_force else None


def dashboard(*, scope: Scope, today: dt.date) -> Dashboard:
    pd_ids = scope.pd_ids
    board = Dashboard(scope=scope, today=today, periode=Periode.containing("semester", today))
    documents = SopDocument.objects.filter(pd_id__in=pd_ids).exclude(head__status__in=HIDDEN)
    counts = dict(
        documents.values_list("head__status").annotate(n=Count("id")).values_list("head__status", "n")
    )
    board.by_status = [(s.value, str(s.label), counts.get(s.value, 0)) for s in Status if s not in HIDDEN]
    _groups(board, documents)
    _reviews(board, documents)
    _monitoring(board, pd_ids)
    _evaluations(board, pd_ids)
    _acknowledgements(board, pd_ids)
    inventory = coverage_total(coverage_by_pd(pds=[p for p in scope.pds if p.pk in pd_ids]), "")
    board.inventory = inventory if inventory.total else None
    year_ago = today - dt.timedelta(days=365)
    board.days_to_force = [
        max((berlaku - created.date()).days, 0)
        for created, berlaku in Revision.objects.filter(
            document__pd_id__in=pd_ids, tanggal_berlaku__range=(year_ago, today)
        ).values_list("created_at", "tanggal_berlaku")
        if berlaku is not None
    ]
    return board


def _groups(board: Dashboard, documents: Any) -> None:
    board.grouped_by_unit = board.scope.pd is not None
    key = "unit_id" if board.grouped_by_unit else "pd_id"
    in_force = Counter(
        dict(documents.filter(in_force__isnull=False).values_list(key).annotate(n=Count("id")))
    )
    going = Counter(
        dict(documents.filter(head__status__in=IN_PROGRESS).values_list(key).annotate(n=Count("id")))
    )
    names: dict[int | None, str]
    if board.grouped_by_unit:
        names = {None: "—", **dict(Unit.objects.filter(pd=board.scope.pd).values_list("id", "nama"))}
    else:
        names = {p.pk: p.nama for p in board.scope.pds}
    keys = sorted(set(in_force) | set(going), key=lambda k: str(names.get(k, "—")))
    board.groups = [Group(str(names.get(k, "—")), in_force[k], going[k]) for k in keys]


def _reviews(board: Dashboard, documents: Any) -> None:
    in_force = list(
        documents.filter(in_force__isnull=False).values_list("in_force_id", "in_force__tanggal_berlaku")
    )
    board.in_force = len(in_force)
    latest = dict(
        Review.objects.filter(
            revision__status=Status.BERLAKU,
            revision__document__pd_id__in=board.scope.pd_ids,
            tanggal__lte=board.today,
        )
        .values_list("revision_id")
        .annotate(last=Max("tanggal"))
        .values_list("revision_id", "last")
    )
    overdue = soon = later = 0
    horizon = board.today + dt.timedelta(days=REVIEW_SOON_DAYS)
    for revision_id, berlaku in in_force:
        due = review_due(
            max(d for d in (berlaku, latest.get(revision_id)) if d is not None) if berlaku else None
        )
        if due is None:
            continue
        if due < board.today:
            overdue += 1
        elif due <= horizon:
            soon += 1
        else:
            later += 1
    board.reviews = Reviews(overdue, soon, later)


def _acknowledgements(board: Dashboard, pd_ids: set[int]) -> None:
    from django.db.models import Exists, OuterRef

    from sopap.web.workflow.models import Acknowledgement, AcknowledgementRequest

    asked = AcknowledgementRequest.objects.filter(
        revision__status=Status.BERLAKU, revision__document__pd_id__in=pd_ids
    ).annotate(
        done=Exists(Acknowledgement.objects.filter(revision=OuterRef("revision"), user=OuterRef("user")))
    )
    totals = asked.aggregate(asked=Count("id"), confirmed=Count("id", filter=Q(done=True)))
    board.asked, board.confirmed = totals["asked"] or 0, totals["confirmed"] or 0


def _monitoring(board: Dashboard, pd_ids: set[int]) -> None:
    first, last = board.periode.bounds
    in_period = Monitoring.objects.filter(
        document__pd_id__in=pd_ids, document__in_force__isnull=False, tanggal__range=(first, last)
    )
    board.monitored = in_period.values("document_id").distinct().count()
    results = dict(in_period.values_list("penilaian").annotate(n=Count("id")).values_list("penilaian", "n"))
    board.monitoring_results = [(str(p.label), results.get(p.value, 0)) for p in Penilaian]


def _evaluations(board: Dashboard, pd_ids: set[int]) -> None:
    # The latest year evaluated (Pasal 25: at the end of every year), so January shows last year's results.
    evaluations = Evaluation.objects.filter(document__pd_id__in=pd_ids)
    year = evaluations.aggregate(latest=Max("tahun"))["latest"] or board.today.year
    answers = list(evaluations.filter(tahun=year).values_list("answers", "rekomendasi"))
    board.evaluation_year = year
    board.evaluated = len(answers)
    board.criteria = [
        Criterion(
            str(label),
            sum(1 for a, _r in answers if a.get(key) is True),
            sum(1 for a, _r in answers if a.get(key) is False),
        )
        for key, label in CRITERIA
    ]
    chosen = Counter(r for _a, r in answers)
    board.recommendations = [(str(r.label), chosen.get(r.value, 0)) for r in Rekomendasi]
