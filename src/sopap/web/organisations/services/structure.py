"""Writes of a Pemda's structure: accounts and their memberships as fixtures and the demo make them, a PD's
chain of verifier positions, and the settings page of a PD (its number pattern and chain)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sopap.web.organisations.models import (
    Jabatan,
    Membership,
    PdEvent,
    Pemda,
    PerangkatDaerah,
    Role,
    Unit,
    VerificationStep,
)
from sopap.web.shared.errors import DomainError


@transaction.atomic
def verification_chain_set(*, pd: PerangkatDaerah, jabatan: list[Jabatan]) -> list[VerificationStep]:
    """Replace the PD's chain of verifier positions, in order."""
    VerificationStep.objects.filter(pd=pd).delete()
    return [
        VerificationStep.objects.create(pd=pd, urutan=i, jabatan=j) for i, j in enumerate(jabatan, start=1)
    ]


def user_create(*, username: str, password: str, full_name: str = "") -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created or not user.check_password(password):
        user.set_password(password)
    user.first_name = full_name or user.first_name
    user.save()
    return user


def membership_create(
    *,
    user: Any,
    role: Role | str,
    pemda: Pemda | None = None,
    pd: PerangkatDaerah | None = None,
    unit: Unit | None = None,
    jabatan: Jabatan | None = None,
    jabatan_lain: str = "",
) -> Membership:
    if pemda is None:
        if pd is None:
            raise DomainError(_("keanggotaan memerlukan pemerintah daerah atau perangkat daerah"))
        pemda = pd.pemda
    if role in {Role.PENYUSUN, Role.VERIFIKATOR, Role.PEGAWAI} and pd is None:
        raise DomainError(_("penyusun dan verifikator selalu berada di satu perangkat daerah"))
    membership, _created = Membership.objects.get_or_create(
        user=user,
        pemda=pemda,
        pd=pd,
        role=role,
        jabatan=jabatan,
        jabatan_lain=" ".join(jabatan_lain.split()),
        defaults={"unit": unit},
    )
    return membership


@transaction.atomic
def pd_settings_update(
    *,
    pd: PerangkatDaerah,
    actor: Any,
    pola_nomor: str,
    chain: list[Jabatan],
    nomor_ulang_tahunan: bool | None = None,
    uji_coba_wajib: bool | None = None,
) -> PerangkatDaerah:
    """The admin organisasi sets a PD's SOP number pattern (and whether its counter restarts each year;
    None keeps it) and its chain of verifier positions."""
    from sopap.web.organisations.numbering import validate_pattern
    from sopap.web.organisations.selectors import user_has_role
    from sopap.web.shared.errors import PermissionDenied

    if not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    pola_nomor = pola_nomor.strip()
    if pola_nomor:
        problems = validate_pattern(pola_nomor)
        if problems:
            raise DomainError(_("Pola nomor tidak sah: %(problems)s") % {"problems": "; ".join(problems)})
    if any(j.pd_id != pd.pk for j in chain):
        raise DomainError(_("Jabatan verifikator harus berada di perangkat daerah ini."))
    if len({j.pk for j in chain}) != len(chain):
        raise DomainError(_("Satu jabatan hanya boleh muncul sekali dalam rantai verifikasi."))
    before_chain = " → ".join(step.jabatan.nama for step in pd.verification_steps.select_related("jabatan"))
    after_chain = " → ".join(j.nama for j in chain)
    if pola_nomor != pd.pola_nomor:
        PdEvent.objects.create(
            pd=pd, action="pd.numbering_changed", actor=actor, before=pd.pola_nomor, after=pola_nomor
        )
    if after_chain != before_chain:
        PdEvent.objects.create(
            pd=pd, action="pd.chain_changed", actor=actor, before=before_chain, after=after_chain
        )
    if nomor_ulang_tahunan is not None and nomor_ulang_tahunan != pd.nomor_ulang_tahunan:
        with translation.override("id"):  # the log keeps one language, as the SOPs' own text does
            words = {True: _("diulang dari 1 setiap tahun"), False: _("berlanjut dari tahun ke tahun")}
            before, after = words[pd.nomor_ulang_tahunan], words[nomor_ulang_tahunan]
        PdEvent.objects.create(
            pd=pd, action="pd.numbering_restart_changed", actor=actor, before=before, after=after
        )
        pd.nomor_ulang_tahunan = nomor_ulang_tahunan
    if uji_coba_wajib is not None and uji_coba_wajib != pd.uji_coba_wajib:
        with translation.override("id"):
            words = {True: _("uji coba wajib sebelum pengesahan"), False: _("uji coba tidak wajib")}
            before, after = words[pd.uji_coba_wajib], words[uji_coba_wajib]
        PdEvent.objects.create(
            pd=pd, action="pd.trial_required_changed", actor=actor, before=before, after=after
        )
        pd.uji_coba_wajib = uji_coba_wajib
    pd.pola_nomor = pola_nomor
    pd.save(update_fields=["pola_nomor", "nomor_ulang_tahunan", "uji_coba_wajib"])
    verification_chain_set(pd=pd, jabatan=chain)
    return pd
