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
    "account.contact_changed": _("Surel atau NIP diubah"),
    "account.digest_on": _("Ringkasan harian lewat surel dinyalakan"),
    "account.digest_off": _("Ringkasan harian lewat surel dimatikan"),
    # a Perangkat Daerah's settings (organisations.services)
    "pd.numbering_changed": _("Pola nomor SOP diubah"),
    "pd.numbering_restart_changed": _("Cara penomoran tiap tahun diubah"),
    "pd.chain_changed": _("Rantai verifikasi diubah"),
    "pd.logo_changed": _("Logo perangkat daerah diganti"),
    "pemda.logo_changed": _("Logo pemerintah daerah diganti"),
    "pd.certificate_uploaded": _("Sertifikat elektronik perangkat daerah diunggah"),
    "pd.certificate_replaced": _("Sertifikat elektronik perangkat daerah diganti"),
    "pd.certificate_removed": _("Sertifikat elektronik perangkat daerah dihapus"),
    "pemda.certificate_uploaded": _("Sertifikat elektronik pemerintah daerah diunggah"),
    "pemda.certificate_replaced": _("Sertifikat elektronik pemerintah daerah diganti"),
    "pemda.certificate_removed": _("Sertifikat elektronik pemerintah daerah dihapus"),
    "pd.trial_required_changed": _("Kewajiban uji coba diubah"),
    # the inventory of needed SOPs (inventory.services)
    "inventory.entry_created": _("Kebutuhan SOP dicatat"),
    "inventory.entry_changed": _("Kebutuhan SOP diubah"),
    "inventory.entry_deleted": _("Kebutuhan SOP dihapus"),
    "inventory.entry_linked": _("Kebutuhan SOP ditautkan ke SOP"),
    "inventory.drafting_started": _("Penyusunan SOP dimulai dari inventaris"),
    "inventory.imported": _("Inventaris dimuat dari berkas XLSX"),
    # the Buku SOP and the Keputusan penetapan (books.services)
    "book.settings_changed": _("Pengaturan buku SOP diubah"),
    "book.built": _("Buku SOP dibuat"),
    "book.keputusan_built": _("Keputusan penetapan dibuat"),
    "book.signed": _("Buku SOP diunduh bertanda tangan elektronik"),
    "book.keputusan_signed": _("Keputusan penetapan diunduh bertanda tangan elektronik"),
    # monitoring and evaluation (monitoring.services)
    "evaluation.recorded": _("Evaluasi tahunan dicatat"),
    "evaluation.corrected": _("Evaluasi tahunan diperbaiki"),
    "evaluation.review_opened": _("Evaluasi membuka kaji ulang"),
    "evaluation.withdrawal_proposed": _("Evaluasi mengusulkan pencabutan"),
    # importing existing SOPs (importing.services)
    "import.uploaded": _("Berkas SOP diunggah untuk diimpor"),
    "sop.imported": _("SOP diimpor dari berkas sebagai draf baru"),
    "sop.imported_as_revision": _("SOP diimpor dari berkas sebagai revisi baru"),
    "import.rejected": _("SOP hasil impor tidak diterima"),
}

UNKNOWN = _("Perubahan dicatat")


def event_label(action: str) -> StrOrPromise:
    """The words for ``action``; a code without words (an older one, say) reads as a plain "change"
    rather than as the code."""
    return EVENT_LABELS.get(action, UNKNOWN)
