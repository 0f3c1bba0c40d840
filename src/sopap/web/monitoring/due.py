"""What falls to each user to do ("Tugas saya"): what waits for their action in the workflow, and, for those
who record monitoring, what the cycle of Perwali Serang 50/2017 asks of them now: a monitoring each semester
(Pasal 26), an evaluation each year (Pasal 25), a review at least every two years (Pasal 27) and the reports
(Pasal 26 (2), 28 (1) and (2))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sopap.web.authoring.models import Revision
from sopap.web.monitoring.selectors import RECORDING_ROLES, Periode, Row, overview
from sopap.web.organisations.selectors import pd_ids_with_role
from sopap.web.workflow.permissions import inbox_for
from sopap.web.workflow.selectors import ToAcknowledge, acknowledgements_waiting

# A review this close is shown before it falls due, so that it can be planned.
REVIEW_NOTICE_DAYS = 90


@dataclass(frozen=True)
class ReportDue:
    periode: Periode
    due: dt.date  # the last day to send it
    to: str  # whom it goes to, in words


@dataclass
class Tasks:
    waiting: list[Revision] = field(default_factory=list)
    # SOPs in force that the user's position acts in, to read and confirm (Pasal 21 (d), 22); each has a
    # ``key`` per user and revision.
    to_acknowledge: list[ToAcknowledge] = field(default_factory=list)
    unmonitored: list[Row] = field(default_factory=list)
    unevaluated: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    reports: list[ReportDue] = field(default_factory=list)
    semester: Periode | None = None
    year: int = 0

    @property
    def count(self) -> int:
        return (
            len(self.waiting)
            + len(self.to_acknowledge)
            + len(self.unmonitored)
            + len(self.unevaluated)
            + len(self.reviews)
            + len(self.reports)
        )


def reports_due(*, today: dt.date) -> list[ReportDue]:
    """The reports of the periods now running, and last year's report to the governor until the end of
    March."""
    quarter = Periode.containing("triwulan", today)
    semester = Periode.containing("semester", today)
    due = [
        ReportDue(quarter, quarter.bounds[1], _("kepala perangkat daerah (Pasal 26 (2))")),
        ReportDue(semester, semester.bounds[1], _("Walikota melalui Sekretaris Daerah (Pasal 28 (1))")),
    ]
    if today.month <= 3:
        due.append(
            ReportDue(
                Periode("tahun", today.year - 1),
                dt.date(today.year, 3, 31),
                _("Gubernur, paling lambat akhir Maret (Pasal 28 (2))"),
            )
        )
    return due


def tasks_for(*, user: Any, today: dt.date) -> Tasks:
    tasks = Tasks(
        waiting=inbox_for(user=user), to_acknowledge=acknowledgements_waiting(user=user), year=today.year
    )
    if not pd_ids_with_role(user=user, roles=RECORDING_ROLES):
        return tasks
    tasks.semester = Periode.containing("semester", today)
    in_force = [
        r for r in overview(user=user, periode=tasks.semester, today=today) if r.can_record and r.in_force_now
    ]
    tasks.unmonitored = [r for r in in_force if not r.monitorings]
    # A row's evaluation is that of the period's year: for the semester running, this year's.
    tasks.unevaluated = [r for r in in_force if r.evaluation is None]
    horizon = today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    tasks.reviews = sorted(
        (r for r in in_force if r.review_due is not None and r.review_due <= horizon),
        key=lambda r: r.review_due or today,
    )
    tasks.reports = reports_due(today=today)
    return tasks
