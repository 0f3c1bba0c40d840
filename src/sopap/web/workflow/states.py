"""The SOP lifecycle as an explicit state machine (Perwali Serang 50/2017, BAB IV-X).

Draf -> Diajukan -> (verification, step by step along the PD's chain) -> Uji coba -> Disahkan ->
Ditetapkan -> Berlaku; from Berlaku: kaji ulang (a new revision, the old stays in force until the new
one is Berlaku, then the old is Digantikan) or Dicabut.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import Role
from sopap.web.shared.status import Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Rule:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: StrOrPromise
    automatic: bool = False


def _rule(
    action: str, sources: set[str], target: str, roles: set[str], label: StrOrPromise, automatic: bool = False
) -> Rule:
    return Rule(action, frozenset(sources), target, frozenset(roles), label, automatic)


# name -> rule: the state and roles of each transition. `permissions.refusal` adds what a table cannot say
# (whose turn it is, who wrote it) and is the one check services, pages and any API call.
TRANSITIONS: dict[str, Rule] = {
    "submit": _rule("sop.submitted", {Status.DRAF}, Status.DIAJUKAN, {Role.PENYUSUN}, _("Ajukan")),
    "verification_approve": _rule(
        "sop.verification.approved",
        {Status.DIAJUKAN},
        Status.DIAJUKAN,
        {Role.VERIFIKATOR},
        _("Setujui verifikasi"),
    ),
    "verification_return": _rule(
        "sop.verification.returned", {Status.DIAJUKAN}, Status.DRAF, {Role.VERIFIKATOR}, _("Kembalikan")
    ),
    # Started by the last verifier's approval.
    "trial_start": _rule(
        "sop.trial.started", {Status.DIAJUKAN}, Status.UJI_COBA, {Role.VERIFIKATOR}, _("Mulai uji coba"), True
    ),
    # Pasal 18 (3)-(5): the trial, witnessed by the PD's superiors (the Sekda for an SOP spanning PDs).
    "trial_record": _rule(
        "sop.trial.recorded",
        {Status.UJI_COBA},
        Status.UJI_COBA,
        {Role.VERIFIKATOR, Role.PENGESAH},
        _("Catat uji coba"),
    ),
    # A trial recorded with the outcome "perbaiki" sends the draft back, with the findings as notes.
    "trial_return": _rule(
        "sop.trial.returned",
        {Status.UJI_COBA},
        Status.DRAF,
        {Role.VERIFIKATOR, Role.PENGESAH},
        _("Kembalikan dari uji coba"),
        True,
    ),
    "approve": _rule("sop.approved", {Status.UJI_COBA}, Status.DISAHKAN, {Role.PENGESAH}, _("Sahkan")),
    "approval_return": _rule(
        "sop.approval.returned", {Status.UJI_COBA}, Status.DRAF, {Role.PENGESAH}, _("Kembalikan ke penyusun")
    ),
    "decree": _rule("sop.decreed", {Status.DISAHKAN}, Status.DITETAPKAN, {Role.ADMIN}, _("Catat penetapan")),
    "in_force": _rule("sop.in_force", {Status.DITETAPKAN}, Status.BERLAKU, {Role.ADMIN}, _("Berlakukan")),
    # Done by the system when a newer revision of the same SOP comes into force.
    "supersede": _rule(
        "sop.superseded", {Status.BERLAKU}, Status.DIGANTIKAN, {Role.ADMIN}, _("Gantikan"), True
    ),
    # From the revision in force, a new revision opens as a draft; the old one stays Berlaku.
    "review_open": _rule(
        "sop.review.opened", {Status.BERLAKU}, Status.DRAF, {Role.PENYUSUN, Role.ADMIN}, _("Kaji ulang")
    ),
    # An evaluation recommending "disempurnakan" opens the Kaji ulang itself, by whoever recorded it
    # (Pasal 25 (2)); its findings are the new draft's notes.
    "review_by_evaluation": _rule(
        "sop.review.opened_by_evaluation",
        {Status.BERLAKU},
        Status.DRAF,
        {Role.VERIFIKATOR, Role.PENGESAH, Role.ADMIN},
        _("Kaji ulang hasil evaluasi"),
        True,
    ),
    # One recommending "dicabut" proposes the withdrawal to the admin, who withdraws or dismisses it.
    "withdrawal_propose": _rule(
        "sop.withdrawal.proposed",
        {Status.BERLAKU},
        Status.BERLAKU,
        {Role.VERIFIKATOR, Role.PENGESAH, Role.ADMIN},
        _("Usulkan pencabutan"),
        True,
    ),
    "withdrawal_dismiss": _rule(
        "sop.withdrawal.dismissed",
        {Status.BERLAKU},
        Status.BERLAKU,
        {Role.ADMIN},
        _("Tolak usulan pencabutan"),
    ),
    "withdraw": _rule("sop.withdrawn", {Status.BERLAKU}, Status.DICABUT, {Role.ADMIN}, _("Cabut")),
    # Only a first draft never submitted, by its author (`permissions`): nobody else has seen it yet.
    "delete": _rule("sop.draft.deleted", {Status.DRAF}, Status.DIHAPUS, {Role.PENYUSUN}, _("Hapus draf")),
}
