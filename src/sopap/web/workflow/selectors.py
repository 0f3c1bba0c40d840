"""Reads for the workflow: the log, the notes, what a user can do now, what waits for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.organisations.selectors import (
    unit_paths_load,
    verification_chain,
)
from sopap.web.shared.status import Status
from sopap.web.workflow.models import (
    Acknowledgement,
    AcknowledgementRequest,
    StepNote,
    Transition,
    Trial,
    WithdrawalProposal,
)


@dataclass(frozen=True)
class ChainStep:
    urutan: int
    jabatan_id: int
    jabatan: str


def chain_snapshot(*, pd: Any) -> list[dict[str, Any]]:
    """The PD's verification chain now, as stored on a revision when it is submitted."""
    return [
        {"urutan": step.urutan, "jabatan_id": step.jabatan_id, "jabatan": step.jabatan.nama}
        for step in verification_chain(pd=pd)
    ]


def submitted_chain(*, sop: Revision) -> list[ChainStep]:
    """The chain this revision is verified along: the one it was submitted with."""
    return [
        ChainStep(int(s["urutan"]), int(s["jabatan_id"]), str(s["jabatan"]))
        for s in sop.verification_chain or []
    ]


def in_force_later(*, sop: Revision) -> bool:
    """A decreed revision whose tanggal berlaku is still ahead: it comes into force on that date."""
    return sop.tanggal_berlaku is not None and sop.tanggal_berlaku > timezone.localdate()


def transitions_of(*, sop: Revision) -> QuerySet[Transition]:
    return (
        Transition.objects.filter(revision__document=sop.document)
        .select_related("actor", "revision")
        .prefetch_related("step_notes")
    )


RETURN_ACTIONS = ("sop.verification.returned", "sop.approval.returned", "sop.trial.returned")
# A Kaji ulang opened by an evaluation carries its findings as notes, which the drafter reads as a return.
EVALUATION_REVIEW = "sop.review.opened_by_evaluation"
NOTED_ACTIONS = (*RETURN_ACTIONS, EVALUATION_REVIEW)


@dataclass(frozen=True)
class Returned:
    """A draft sent back to its drafter and not resubmitted since: by whom, when, with how many notes."""

    transition: Transition
    note_count: int

    @property
    def by(self) -> str:
        actor = self.transition.actor
        return str(actor.get_full_name() or actor.username)

    @property
    def by_evaluation(self) -> bool:
        """Opened for a Kaji ulang by an evaluation rather than sent back: the page names it so."""
        return self.transition.action == EVALUATION_REVIEW


def returns_open(*, revisions: list[Revision]) -> dict[int, Returned]:
    """For each draft among ``revisions`` whose last transition returned it, that return (one query: a
    returned draft that was resubmitted has a later transition, so is no longer "returned")."""
    return returns_of(draft_ids=[r.pk for r in revisions if r.status == Status.DRAF])


def returns_of(*, draft_ids: Iterable[int]) -> dict[int, Returned]:
    """``returns_open`` of the drafts of these ids (none read when there are none)."""
    drafts = sorted(set(draft_ids))
    if not drafts:
        return {}
    # Only each draft's last transition, and only when it is a return: not every transition of every draft
    # with its notes counted, to keep one per draft.
    last = (
        Transition.objects.filter(revision_id=OuterRef("revision_id")).order_by("-at", "-id").values("id")[:1]
    )
    rows = (
        Transition.objects.filter(revision_id__in=drafts, action__in=NOTED_ACTIONS, id=Subquery(last))
        .select_related("actor")
        .annotate(step_note_count=Count("step_notes"))
    )
    return {
        t.revision_id: Returned(t, int(getattr(t, "step_note_count", 0)) + (1 if t.notes.strip() else 0))
        for t in rows
    }


def step_notes_open(*, sop: Revision) -> dict[int, list[StepNote]]:
    """The step notes of the last return of this revision, while it is a draft again."""
    if sop.status != Status.DRAF:
        return {}
    last = Transition.objects.filter(revision=sop, action__in=NOTED_ACTIONS).order_by("-at", "-id").first()
    if last is None:
        return {}
    out: dict[int, list[StepNote]] = {}
    for note in last.step_notes.all():
        out.setdefault(note.step, []).append(note)
    return out


def last_return(*, sop: Revision) -> Transition | None:
    if sop.status != Status.DRAF:
        return None
    return (
        Transition.objects.filter(revision=sop, action__in=NOTED_ACTIONS)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def current_verification_label(*, sop: Revision) -> str:
    if sop.status != Status.DIAJUKAN:
        return ""
    chain = submitted_chain(sop=sop)
    if sop.verification_index < len(chain):
        step = chain[sop.verification_index]
        return f"{step.urutan}/{len(chain)} — {step.jabatan}"
    return ""


_TRIAL = "_trial_passed"


def trials_batch(revisions: list[Revision]) -> None:
    """Read for each revision in Uji coba whether its trial passed, in two queries, for a list's checks."""
    waiting = [r for r in revisions if r.status == Status.UJI_COBA]
    if not waiting:
        return
    started: dict[int, int] = {}
    for t in Transition.objects.filter(revision__in=waiting, action="sop.trial.started").order_by("at", "id"):
        started[t.revision_id] = t.pk
    passed: dict[int, Trial] = {}
    for trial in Trial.objects.filter(revision__in=waiting, hasil=Trial.Hasil.LANJUT).order_by(
        "transition_id"
    ):
        if trial.transition_id > started.get(trial.revision_id, 0):
            passed[trial.revision_id] = trial
    for r in waiting:
        r.__dict__[_TRIAL] = passed.get(r.pk)


def trial_passed(*, sop: Revision) -> Trial | None:
    """The trial of this round of Uji coba that found the SOP ready for approval: recorded with the outcome
    lanjut after the revision last entered Uji coba (a trial of an earlier round, before it was returned
    and fixed, does not count)."""
    if _TRIAL in sop.__dict__:
        return sop.__dict__[_TRIAL]  # type: ignore[no-any-return]
    started = (
        Transition.objects.filter(revision=sop, action="sop.trial.started").order_by("-at", "-id").first()
    )
    if started is None:
        return None
    return (
        Trial.objects.filter(revision=sop, transition_id__gt=started.pk, hasil=Trial.Hasil.LANJUT)
        .order_by("-transition_id")
        .first()
    )


def trials_of(*, sop: Revision) -> list[Trial]:
    return list(
        Trial.objects.filter(revision__document=sop.document)
        .select_related("by", "revision")
        .prefetch_related("saksi")
    )


def proposal_open(*, sop: Revision) -> WithdrawalProposal | None:
    return (
        WithdrawalProposal.objects.filter(revision=sop, state=WithdrawalProposal.State.OPEN)
        .select_related("proposed_by")
        .first()
    )


def proposed_revision_ids(*, pd_ids: set[int]) -> set[int]:
    """Revisions in force with a withdrawal proposal still waiting, among these PDs' (one query; none for
    no PD)."""
    if not pd_ids:
        return set()
    return set(
        WithdrawalProposal.objects.filter(
            state=WithdrawalProposal.State.OPEN,
            revision__status=Status.BERLAKU,
            revision__document__pd_id__in=pd_ids,
        ).values_list("revision_id", flat=True)
    )


# ------------------------------------------------------------------------------------------ sosialisasi


@dataclass(frozen=True)
class ToAcknowledge:
    """A revision in force that ``request.user`` was asked to read and has not confirmed yet."""

    request: AcknowledgementRequest

    @property
    def revision(self) -> Revision:
        return self.request.revision

    @property
    def key(self) -> str:
        """The same for one user and one revision whenever it is read: what a digest remembers it sent."""
        return f"sop.acknowledge:{self.request.user_id}:{self.request.revision_id}"


def acknowledgements_waiting(*, user: Any) -> list[ToAcknowledge]:
    """What ``user`` was asked to read and confirm, of the revisions still in force, oldest request first."""
    if not getattr(user, "is_authenticated", False):
        return []
    confirmed = Acknowledgement.objects.filter(revision=OuterRef("revision"), user=OuterRef("user"))
    rows = (
        AcknowledgementRequest.objects.filter(user=user, revision__status=Status.BERLAKU)
        .exclude(Exists(confirmed))
        .select_related("revision__document__pd", "revision__document__unit")
    )
    return [ToAcknowledge(r) for r in rows]


def acknowledgement_of(*, sop: Revision, user: Any) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(revision=sop, user=user).first()


def acknowledgement_request_of(*, sop: Revision, user: Any) -> AcknowledgementRequest | None:
    return AcknowledgementRequest.objects.filter(revision=sop, user=user).first()


@dataclass(frozen=True)
class AcknowledgementLine:
    """One account asked to read a revision: whether and when it confirmed."""

    user: Any
    jabatan: str
    asked_at: dt.datetime
    confirmed_at: dt.datetime | None

    @property
    def name(self) -> str:
        return str(self.user.get_full_name() or self.user.username)


def acknowledgement_lines(*, sop: Revision) -> list[AcknowledgementLine]:
    """Everyone asked to read ``sop``, those who have not confirmed first, then by name."""
    confirmed = dict(Acknowledgement.objects.filter(revision=sop).values_list("user_id", "at"))
    lines = [
        AcknowledgementLine(r.user, r.jabatan, r.at, confirmed.get(r.user_id))
        for r in AcknowledgementRequest.objects.filter(revision=sop).select_related("user")
    ]
    return sorted(lines, key=lambda line: (line.confirmed_at is not None, line.name.casefold()))


@dataclass(frozen=True)
class AcknowledgementCount:
    asked: int = 0
    confirmed: int = 0

    @property
    def waiting(self) -> int:
        return self.asked - self.confirmed

    @property
    def percent(self) -> int | None:
        return round(100 * self.confirmed / self.asked) if self.asked else None


def acknowledgement_counts(
    *, revision_ids: list[int], until: dt.datetime | None = None
) -> dict[int, AcknowledgementCount]:
    """Per revision, how many were asked and how many confirmed (by ``until``, when given), in one query:
    whoever confirms is among those asked (`sop_acknowledge` asks an officer who was not)."""
    confirmed = Acknowledgement.objects.filter(revision=OuterRef("revision"), user=OuterRef("user"))
    if until is not None:
        confirmed = confirmed.filter(at__lt=until)
    rows = (
        AcknowledgementRequest.objects.filter(revision_id__in=revision_ids)
        .annotate(done=Exists(confirmed))
        .values("revision_id")
        .annotate(asked=Count("id"), confirmed=Count("id", filter=Q(done=True)))
        .order_by()
    )
    counts = {r["revision_id"]: AcknowledgementCount(r["asked"], r["confirmed"]) for r in rows}
    return {pk: counts.get(pk, AcknowledgementCount()) for pk in revision_ids}


@dataclass
class UnitAcknowledgements:
    """The SOPs in force of one unit with how far each has been read."""

    label: str
    rows: list[tuple[SopDocument, AcknowledgementCount]]

    @property
    def total(self) -> AcknowledgementCount:
        return AcknowledgementCount(
            sum(c.asked for _d, c in self.rows), sum(c.confirmed for _d, c in self.rows)
        )


def acknowledgements_by_unit(*, pd: Any, no_unit: str) -> list[UnitAcknowledgements]:
    """The PD's SOPs in force by unit (by the unit's path; those of no unit, named ``no_unit``, last),
    each with how many were asked to read it and how many confirmed."""
    documents = list(
        SopDocument.objects.filter(pd=pd, in_force__isnull=False)
        .select_related("in_force", "unit")
        .order_by("nomor", "pk")
    )
    unit_paths_load(d.unit for d in documents)
    counts = acknowledgement_counts(revision_ids=[d.in_force_id for d in documents if d.in_force_id])
    groups: dict[int | None, UnitAcknowledgements] = {}
    for d in documents:
        label = d.unit.label if d.unit is not None else no_unit
        group = groups.setdefault(d.unit_id, UnitAcknowledgements(label, []))
        group.rows.append((d, counts[d.in_force_id or 0]))
    return sorted(groups.values(), key=lambda g: (g.label == no_unit, g.label.casefold()))
