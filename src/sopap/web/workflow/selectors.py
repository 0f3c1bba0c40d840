"""Reads for the workflow: the log, the notes, what a user can do now, what waits for them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sopap.web.authoring.models import Revision
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import (
    memberships_of,
    pd_ids_with_role,
    user_has_role,
    user_is_pd_wide,
    user_jabatan_ids,
    verification_chain,
)
from sopap.web.workflow.models import StepNote, Transition
from sopap.web.workflow.states import Status


def transitions_of(*, sop: Revision) -> QuerySet[Transition]:
    return Transition.objects.filter(revision__document=sop.document).select_related("actor", "revision")


def step_notes_open(*, sop: Revision) -> dict[int, list[StepNote]]:
    """The step notes of the last return of this revision, while it is a draft again."""
    if sop.status != Status.DRAF:
        return {}
    last = (
        Transition.objects.filter(revision=sop, action__in=["sop.verification.returned", "sop.approval.returned"])
        .order_by("-at", "-id")
        .first()
    )
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
        Transition.objects.filter(revision=sop, action__in=["sop.verification.returned", "sop.approval.returned"])
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def actions_available(*, sop: Revision, user: Any) -> list[str]:
    """The transitions the user may perform on this revision now (mirrors the services' checks)."""
    pd = sop.document.pd
    own = user.pk in {sop.author_id, sop.submitted_by_id}
    out: list[str] = []
    if sop.status == Status.DRAF and user_has_role(user=user, role=Role.PENYUSUN, pd=pd):
        out.append("submit")
    if sop.status == Status.DIAJUKAN and not own:
        chain = verification_chain(pd=pd)
        if sop.verification_index < len(chain) and chain[sop.verification_index].jabatan_id in user_jabatan_ids(
            user=user, role=Role.VERIFIKATOR, pd=pd
        ):
            out += ["verification_approve", "verification_return"]
    if sop.status == Status.UJI_COBA and not own:
        if sop.document.lintas_pd:
            allowed = user_is_pd_wide(user=user, role=Role.PENGESAH, pd=pd)
        else:
            allowed = any(m.role == Role.PENGESAH and m.pd_id == pd.id for m in memberships_of(user=user))
        if allowed:
            out += ["approve", "approval_return"]
    if sop.status == Status.DISAHKAN and user_has_role(user=user, role=Role.ADMIN, pd=pd):
        out.append("decree")
    if sop.status == Status.DITETAPKAN and user_has_role(user=user, role=Role.ADMIN, pd=pd):
        out.append("in_force")
    if sop.status == Status.BERLAKU:
        head = sop.document.head_id
        if head == sop.pk and (
            user_has_role(user=user, role=Role.PENYUSUN, pd=pd) or user_has_role(user=user, role=Role.ADMIN, pd=pd)
        ):
            out.append("review_open")
        if user_has_role(user=user, role=Role.ADMIN, pd=pd):
            out.append("withdraw")
    return out


def inbox_for(*, user: Any) -> list[Revision]:
    """Revisions waiting for this user's action."""
    pd_ids = pd_ids_with_role(user=user)
    candidates = Revision.objects.filter(
        document__pd_id__in=pd_ids,
        status__in=[Status.DIAJUKAN, Status.UJI_COBA, Status.DISAHKAN, Status.DITETAPKAN],
    ).select_related("document__pd", "document__unit")
    return [r for r in candidates if set(actions_available(sop=r, user=user)) - {"review_open", "withdraw"}]


def current_verification_label(*, sop: Revision) -> str:
    if sop.status != Status.DIAJUKAN:
        return ""
    chain = verification_chain(pd=sop.document.pd)
    if sop.verification_index < len(chain):
        step = chain[sop.verification_index]
        return f"{step.urutan}/{len(chain)} — {step.jabatan.nama}"
    return ""
