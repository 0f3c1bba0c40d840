"""Who may perform which transition on which revision, now: one check per action, called by the services
before they act, by the pages for the buttons they show, and by any other front end. The state and role come
from the transition table (`states.TRANSITIONS`); what the table cannot say (the verifier's turn in the chain,
nobody approving what they helped write, who approves an SOP spanning agencies, a tanggal berlaku still ahead)
is added here per action."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from sopap.core.dates import format_date
from sopap.web.authoring.models import Revision
from sopap.web.authoring.selectors import (
    contributed_by,
    contributors_batch,
    contributors_kept,
    revision_contributors,
)
from sopap.web.organisations.models import Role
from sopap.web.organisations.selectors import (
    memberships_of,
    pd_ids_with_role,
    user_has_role,
    user_is_pd_wide,
    user_jabatan_ids,
)
from sopap.web.shared.errors import DomainError, InvalidTransition, PermissionDenied
from sopap.web.shared.i18n import current_lang
from sopap.web.shared.status import Status
from sopap.web.workflow.selectors import (
    ChainStep,
    Returned,
    in_force_later,
    proposal_open,
    proposed_revision_ids,
    returns_of,
    submitted_chain,
    trial_passed,
    trials_batch,
)
from sopap.web.workflow.states import TRANSITIONS, Rule


def acknowledgement_refusal(*, sop: Revision, user: Any) -> DomainError | None:
    """Why ``user`` may not confirm having read ``sop``, or None: the revision in force now is confirmed by
    the officers of its own PD (Perwali Serang 50/2017 Pasal 22), whatever their role there."""
    if sop.status != Status.BERLAKU or sop.document.in_force_id != sop.pk:
        return InvalidTransition(
            _("Revisi ini tidak sedang berlaku; yang dikonfirmasi adalah revisi yang berlaku sekarang.")
        )
    if not any(m.pd_id == sop.document.pd_id for m in memberships_of(user=user)):
        return PermissionDenied(_("SOP ini dikonfirmasi oleh pegawai perangkat daerahnya sendiri."))
    return None


def can_follow_acknowledgements(*, user: Any, document: Any) -> bool:
    """The head of the PD (and the Sekda) and the admin organisasi see who has read its SOPs."""
    return document.pd_id in pd_ids_with_role(user=user, roles={Role.PENGESAH, Role.ADMIN})


def _not_a_contributor(sop: Revision, user: Any) -> DomainError | None:
    if user.pk in revision_contributors(sop=sop):
        return PermissionDenied(
            _("Anda ikut menyusun SOP ini, jadi tidak dapat memverifikasi atau mengesahkannya.")
        )
    return None


def verification_turn(*, sop: Revision, user: Any) -> ChainStep | DomainError:
    """The chain step the user verifies now, or why it is not theirs."""
    chain = submitted_chain(sop=sop)
    if sop.verification_index >= len(chain):
        return InvalidTransition(_("Semua tahap verifikasi sudah selesai."))
    step = chain[sop.verification_index]
    if step.jabatan_id not in user_jabatan_ids(user=user, role=Role.VERIFIKATOR, pd=sop.document.pd):
        return PermissionDenied(
            _("Tahap verifikasi saat ini (%(urutan)s. %(jabatan)s) bukan tahap Anda.")
            % {"urutan": step.urutan, "jabatan": step.jabatan}
        )
    return step


def _verifier(sop: Revision, user: Any) -> DomainError | None:
    turn = verification_turn(sop=sop, user=user)
    return (turn if isinstance(turn, DomainError) else None) or _not_a_contributor(sop, user)


def _approver(sop: Revision, user: Any) -> DomainError | None:
    pd = sop.document.pd
    if sop.document.lintas_pd:
        if not user_is_pd_wide(user=user, role=Role.PENGESAH, pd=pd):
            return PermissionDenied(_("SOP lintas perangkat daerah disahkan oleh Sekretaris Daerah."))
    elif not any(m.role == Role.PENGESAH and m.pd_id == pd.id for m in memberships_of(user=user)):
        return PermissionDenied(_("SOP perangkat daerah disahkan oleh kepala perangkat daerah."))
    return _not_a_contributor(sop, user)


def _trial_recorder(sop: Revision, user: Any) -> DomainError | None:
    """Pasal 18 (4)-(5): the PD's superiors witness and record its trial; a trial spanning PDs is
    coordinated by the Sekretaris Daerah."""
    pd = sop.document.pd
    if sop.document.lintas_pd:
        if not user_is_pd_wide(user=user, role=Role.PENGESAH, pd=pd):
            return PermissionDenied(
                _("Uji coba SOP lintas perangkat daerah dikoordinasikan Sekretaris Daerah.")
            )
    elif not any(
        m.role in {Role.VERIFIKATOR, Role.PENGESAH} and m.pd_id == pd.id for m in memberships_of(user=user)
    ):
        return PermissionDenied(_("Uji coba dicatat oleh atasan di perangkat daerah ini."))
    return _not_a_contributor(sop, user)


def _trial_to_record(sop: Revision, user: Any) -> DomainError | None:
    refused = _trial_recorder(sop, user)
    if refused is None and trial_passed(sop=sop) is not None:
        return DomainError(
            _("Uji coba sudah dicatat dengan hasil “Lanjut ke pengesahan”; SOP ini menunggu pengesahan.")
        )
    return refused


def _trial_missing(sop: Revision) -> DomainError | None:
    if sop.document.pd.uji_coba_wajib and trial_passed(sop=sop) is None:
        return DomainError(
            _(
                "Catat dulu uji coba SOP ini dengan hasil “Lanjut ke pengesahan”; perangkat daerah ini "
                "mewajibkan uji coba sebelum pengesahan."
            )
        )
    return None


def _approver_after_trial(sop: Revision, user: Any) -> DomainError | None:
    return _approver(sop, user) or _trial_missing(sop)


def approval_awaits_trial(*, sop: Revision, user: Any) -> DomainError | None:
    """Why the approver sees no approve button yet, when the only thing missing is the recorded trial:
    the page says so instead of leaving them wondering."""
    if refusal("approval_return", sop=sop, user=user) is not None:
        return None
    return _trial_missing(sop)


def _proposal_waits(sop: Revision, user: Any) -> DomainError | None:
    if proposal_open(sop=sop) is None:
        return InvalidTransition(_("Tidak ada usulan pencabutan yang menunggu untuk SOP ini."))
    return None


def _date_has_come(sop: Revision, user: Any) -> DomainError | None:
    if in_force_later(sop=sop):
        return DomainError(
            _(
                "SOP ini baru berlaku pada %(date)s, sesuai penetapannya; ia diberlakukan otomatis pada tanggal itu."
            )
            % {"date": format_date(sop.tanggal_berlaku, current_lang())}
        )
    return None


def _latest_revision(sop: Revision, user: Any) -> DomainError | None:
    head = sop.document.head_id
    if head is not None and head != sop.pk:
        return DomainError(_("Revisi baru untuk SOP ini sudah dibuka."))
    return None


def _never_submitted(sop: Revision, user: Any) -> DomainError | None:
    if sop.author_id != user.pk:
        return PermissionDenied(_("Hanya pembuat draf ini yang dapat menghapusnya."))
    if sop.number > 1:
        return DomainError(
            _(
                "Draf ini revisi dari SOP yang sudah ditetapkan; riwayat SOP itu harus tetap utuh, jadi tidak dihapus."
            )
        )
    if sop.submitted_by_id is not None or sop.transitions.exists():
        return DomainError(
            _(
                "Draf ini sudah pernah diajukan; riwayat verifikasinya harus tetap tersimpan, jadi tidak dapat dihapus."
            )
        )
    return None


_FURTHER: dict[str, Callable[[Revision, Any], DomainError | None]] = {
    "verification_approve": _verifier,
    "verification_return": _verifier,
    "trial_record": _trial_to_record,
    "trial_return": _trial_recorder,
    "approve": _approver_after_trial,
    "approval_return": _approver,
    "withdrawal_dismiss": _proposal_waits,
    "in_force": _date_has_come,
    "review_open": _latest_revision,
    "delete": _never_submitted,
}


def refusal(action: str, *, sop: Revision, user: Any) -> DomainError | None:
    """Why ``user`` may not perform ``action`` on ``sop`` now, or None when they may."""
    rule = TRANSITIONS[action]
    if sop.status not in rule.sources:
        return InvalidTransition(
            _("Tindakan ini tidak dapat dilakukan pada SOP berstatus %(status)s.")
            % {"status": sop.get_status_display()}
        )
    pd = sop.document.pd
    if not any(user_has_role(user=user, role=role, pd=pd) for role in rule.roles):
        return PermissionDenied(_("Peran Anda tidak mengizinkan tindakan ini."))
    further = _FURTHER.get(action)
    return further(sop, user) if further else None


def can(action: str, *, sop: Revision, user: Any) -> bool:
    return refusal(action, sop=sop, user=user) is None


def require(action: str, *, sop: Revision, user: Any) -> Rule:
    """The rule of ``action``, or the refusal raised."""
    refused = refusal(action, sop=sop, user=user)
    if refused is not None:
        raise refused
    return TRANSITIONS[action]


def actions_available(*, sop: Revision, user: Any) -> list[str]:
    """The transitions the user may perform on this revision now, in the table's order."""
    with contributors_kept(sop):
        # The state first: an action that cannot start from it is refused without its refusal being worded
        # (a translated sentence per action per revision, for a list of them).
        return [
            name
            for name, rule in TRANSITIONS.items()
            if not rule.automatic and sop.status in rule.sources and can(name, sop=sop, user=user)
        ]


# What the box of revisions waiting for the user does not read: their texts (kilobytes each; the checks and
# the box read the state, the chain and the names).
_TEXTS = ("yaml_text",)

# What one may do to a revision at any time, which does not make it wait for them.
_NOT_WAITING = {"review_open", "withdraw", "delete"}


def inbox_for(*, user: Any) -> list[Revision]:
    """Revisions waiting for this user's action: those to verify, approve or decree, and, for a drafter,
    the drafts they wrote that came back with notes."""
    return inbox_and_returns(user=user)[0]


def inbox_and_returns(
    *, user: Any, drafts_also: Iterable[int] = ()
) -> tuple[list[Revision], dict[int, Returned]]:
    """``inbox_for``, and the open returns (``returns_open``) of the drafts it weighed and of the drafts
    ``drafts_also`` (a list page's own rows), read in the one query the box makes for its own."""
    returned, returns = _returned_to(user=user, drafts_also=drafts_also)
    pd_ids = pd_ids_with_role(user=user)
    proposed = proposed_revision_ids(pd_ids=pd_ids_with_role(user=user, roles={Role.ADMIN}))
    # Only the states in which one of the user's roles has something to do: a drafter's box does not
    # weigh every revision under verification in the PD, action by action, to find none of them theirs.
    held = {m.role for m in memberships_of(user=user)}
    statuses = [
        status
        for status in (Status.DIAJUKAN, Status.UJI_COBA, Status.DISAHKAN, Status.DITETAPKAN)
        if any(
            status in rule.sources and rule.roles & held
            for name, rule in TRANSITIONS.items()
            if not rule.automatic and name not in _NOT_WAITING
        )
    ]
    if not statuses and not proposed:
        # A drafter's box: nothing of theirs waits in those states (nor is the query built to find so).
        return returned, returns
    candidates = list(
        Revision.objects.filter(
            Q(status__in=statuses) | Q(pk__in=proposed),
            document__pd_id__in=pd_ids,
        )
        .select_related("document__pd", "document__unit")
        .defer(*_TEXTS)
    )
    contributors_batch(candidates)
    trials_batch(candidates)
    waiting = [r for r in candidates if set(actions_available(sop=r, user=user)) - _NOT_WAITING]
    return returned + waiting, returns


def _returned_to(*, user: Any, drafts_also: Iterable[int] = ()) -> tuple[list[Revision], dict[int, Returned]]:
    """Drafts returned with notes to someone who wrote them (not every drafter of the PD: the one whose
    work it is) and who may still edit them; and the open returns of those drafts and of ``drafts_also``."""
    drafts = list(
        Revision.objects.filter(
            contributed_by(user),
            document__pd_id__in=pd_ids_with_role(user=user, roles={Role.PENYUSUN}),
            status=Status.DRAF,
        )
        .select_related("document__pd", "document__unit")
        .defer(*_TEXTS)
    )
    returns = returns_of(draft_ids={*(r.pk for r in drafts), *drafts_also})
    mine = [r for r in drafts if r.pk in returns]
    return sorted(mine, key=lambda r: returns[r.pk].transition.at, reverse=True), returns
