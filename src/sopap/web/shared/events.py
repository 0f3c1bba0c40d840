"""What each logged action code means, in words: the one place the history of an SOP, an account, a PD's
settings and an evaluation turn `sop.submitted` into "Diajukan untuk verifikasi". Every code a service can
log has a label here (a test walks the services for them); the codes themselves stay in the database and
never reach a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EVENT_LABELS: dict[str, StrOrPromise] = {
    # the SOP's workflow (workflow.states)
    "sop.submitted": _("Diajukan untuk verifikasi"),
    "sop.verification.approved": _("Verifikasi disetujui"),
    "sop.verification.returned": _("Dikembalikan ke penyusun oleh verifikator"),
    "sop.trial.started": _("Uji coba dimulai (verifikasi selesai)"),
    "sop.trial.recorded": _("Uji coba dicatat"),
    "sop.trial.returned": _("Dikembalikan ke penyusun dari uji coba"),
    "sop.approved": _("Disahkan"),
    "sop.approval.returned": _("Dikembalikan ke penyusun oleh pengesah"),
    "sop.decreed": _("Penetapan dicatat"),
    "sop.in_force": _("Diberlakukan"),
    "sop.superseded": _("Digantikan oleh revisi yang lebih baru"),
    "sop.review.opened": _("Revisi baru dibuka untuk kaji ulang"),
    "sop.review.opened_by_evaluation": _("Revisi baru dibuka untuk kaji ulang hasil evaluasi"),
    "sop.withdrawal.proposed": _("Pencabutan diusulkan oleh evaluasi"),
    "sop.withdrawal.dismissed": _("Usulan pencabutan ditolak"),
    "sop.withdrawn": _("Dicabut"),
    "sop.draft.deleted": _("Draf dihapus oleh penyusunnya"),
    "sop.acknowledged": _("SOP dibaca dan dikonfirmasi"),
    # the text of a revision (authoring.models.RevisionEdit.Action)
    "revision.created": _("Draf dibuat"),
    "revision.saved": _("Isi SOP disimpan"),
    "revision.imported": _("Diunggah dari berkas .sop.yaml"),
    "revision.opened": _("Dibuka sebagai revisi baru"),
    "revision.signer_set": _("Pengesah dicatat pada SOP"),
    "revision.numbered": _("Nomor SOP dan tanggal efektif dicatat"),
    # accounts (organisations.services)
    "account.created": _("Akun dibuat"),
    "account.imported": _("Admin pertama dimuat dari berkas organisasi"),
    "account.password_changed": _("Kata sandi diganti oleh pemiliknya"),
    "account.role_added": _("Peran ditambahkan"),
    "account.role_removed": _("Peran dicabut"),
    "account.activated": _("Akun diaktifkan"),
    "account.deactivated": _("Akun dinonaktifkan"),
    "account.password_reset": _("Kata sandi diatur ulang"),
    "account.unlocked": _("Kunci akun dibuka"),
    "account.token.created": _("Token API dibuat"),
    "account.token.revoked": _("Token API dicabut"),
    # a Perangkat Daerah's settings (organisations.services)
    "pd.numbering_changed": _("Pola nomor SOP diubah"),
    "pd.numbering_restart_changed": _("Cara penomoran tiap tahun diubah"),
    "pd.chain_changed": _("Rantai verifikasi diubah"),
    "pd.trial_required_changed": _("Kewajiban uji coba diubah"),
    # monitoring and evaluation (monitoring.services)
    "evaluation.recorded": _("Evaluasi tahunan dicatat"),
    "evaluation.corrected": _("Evaluasi tahunan diperbaiki"),
    "evaluation.review_opened": _("Evaluasi membuka kaji ulang"),
    "evaluation.withdrawal_proposed": _("Evaluasi mengusulkan pencabutan"),
}

UNKNOWN = _("Perubahan dicatat")


def event_label(action: str) -> StrOrPromise:
    """The words for ``action``; a code without words (an older one, say) reads as a plain "change"
    rather than as the code."""
    return EVENT_LABELS.get(action, UNKNOWN)
