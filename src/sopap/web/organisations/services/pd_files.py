"""The files an admin organisasi uploads for a Perangkat Daerah or its Pemda: the logo on its documents and
the PKCS#12 certificate that signs them. Each change is logged on the PD."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sopap.web.organisations.models import PdEvent, PerangkatDaerah, Role
from sopap.web.shared.errors import DomainError, PermissionDenied

# ------------------------------------------------------------------------------------------------ logos

LOGO_FOLDER = "logo"


def _logo_store(data: bytes) -> str:
    """Check ``data`` and keep what was checked under its SHA-256; returns the stored name."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sopap.core.logo import LogoError, read_logo

    try:
        logo = read_logo(data)
    except LogoError as exc:
        reason = exc.text_in(translation.get_language() or "id")
        raise DomainError(_("Logo ditolak: %(reason)s") % {"reason": reason}) from None
    name = f"{LOGO_FOLDER}/{logo.sha256}.{logo.extension}"
    # The same picture uploaded again is the same file: never a second copy under another name.
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(logo.data))
        if saved != name:  # a file appeared under that name meanwhile: it holds these very bytes
            default_storage.delete(saved)
    return name


@transaction.atomic
def logo_set(*, pd: PerangkatDaerah, actor: Any, data: bytes | None, of_pemda: bool) -> PerangkatDaerah:
    """The admin organisasi uploads (``data``) or removes (None) the logo of the PD's Pemda (``of_pemda``,
    for an admin of the whole Pemda) or of the PD itself. Each change is logged on the PD."""
    from sopap.web.organisations.selectors import pemdas_for_admin, user_has_role

    if of_pemda:
        if pd.pemda_id not in {p.pk for p in pemdas_for_admin(actor=actor)}:
            raise PermissionDenied(
                _("Hanya admin organisasi pemerintah daerah yang dapat mengganti logonya.")
            )
    elif not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    name = _logo_store(data) if data is not None else ""
    owner: Any = pd.pemda if of_pemda else pd
    before = owner.logo.name or ""
    if name == before:
        return pd
    owner.logo.name = name
    owner.save(update_fields=["logo"])
    PdEvent.objects.create(
        pd=pd,
        action="pemda.logo_changed" if of_pemda else "pd.logo_changed",
        actor=actor,
        before=before,
        after=name,
    )
    return pd


# ------------------------------------------------------------------------------------------ certificates


def _certificate_owner_check(*, pd: PerangkatDaerah, actor: Any, of_pemda: bool) -> None:
    from sopap.web.organisations.selectors import pemdas_for_admin, user_has_role

    if of_pemda:
        if pd.pemda_id not in {p.pk for p in pemdas_for_admin(actor=actor)}:
            raise PermissionDenied(
                _("Hanya admin organisasi pemerintah daerah yang dapat mengatur sertifikatnya.")
            )
    elif not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))


def _certificate_summary(row: Any) -> str:
    return f"{row.subjek}; SHA-256 {row.fingerprint_grouped}" if row is not None else ""


@transaction.atomic
def certificate_set(
    *,
    pd: PerangkatDaerah,
    actor: Any,
    data: bytes,
    passphrase: str,
    of_pemda: bool,
    jabatan: str = "",
    nip: str = "",
    bsre: bool = False,
) -> Any:
    """The admin organisasi uploads (or replaces) the PKCS#12 certificate of the PD, or of its Pemda
    (``of_pemda``, an admin of the whole Pemda). It is checked first (it opens with the passphrase, is
    valid today and signs documents), then kept encrypted; a refused one keeps nothing. Logged on the PD:
    pd.certificate_uploaded / pd.certificate_replaced, or pemda.certificate_*."""
    from sopap.web.organisations.certificates import PASSPHRASE_MAX, certificate_check, encrypt
    from sopap.web.organisations.models import SigningCertificate

    _certificate_owner_check(pd=pd, actor=actor, of_pemda=of_pemda)
    if len(passphrase) > PASSPHRASE_MAX:
        raise DomainError(_("Sertifikat ditolak: sandinya terlalu panjang."))
    if len(jabatan.strip()) > 300 or len(nip.strip()) > 40:
        raise DomainError(_("Jabatan paling banyak 300 karakter dan NIP paling banyak 40 karakter."))
    info = certificate_check(data, passphrase.encode("utf-8"))
    owner_pd = None if of_pemda else pd
    before = SigningCertificate.objects.select_for_update().filter(pemda=pd.pemda, pd=owner_pd).first()
    values = {
        "berkas": encrypt(data),
        "sandi": encrypt(passphrase.encode("utf-8")),
        "subjek": info.subjek,
        "penerbit": info.penerbit,
        "nomor_seri": info.nomor_seri,
        "berlaku_mulai": info.berlaku_mulai,
        "berlaku_sampai": info.berlaku_sampai,
        "sidik_jari": info.sidik_jari,
        "jabatan": jabatan.strip(),
        "nip": nip.strip(),
        "bsre": bsre,
        "uploaded_by": actor,
    }
    summary_before = _certificate_summary(before)
    if before is None:
        row = SigningCertificate.objects.create(pemda=pd.pemda, pd=owner_pd, **values)
    else:
        for name, value in values.items():
            setattr(before, name, value)
        before.save()
        row = before
    prefix = "pemda" if of_pemda else "pd"
    PdEvent.objects.create(
        pd=pd,
        action=f"{prefix}.certificate_replaced" if before is not None else f"{prefix}.certificate_uploaded",
        actor=actor,
        before=summary_before,
        after=_certificate_summary(row),
    )
    return row


@transaction.atomic
def certificate_remove(*, pd: PerangkatDaerah, actor: Any, of_pemda: bool) -> bool:
    """The admin organisasi removes the certificate (nothing signs with it from now on; what it signed stays
    signed). Returns whether there was one. Logged on the PD: pd.certificate_removed or
    pemda.certificate_removed."""
    from sopap.web.organisations.models import SigningCertificate

    _certificate_owner_check(pd=pd, actor=actor, of_pemda=of_pemda)
    row = (
        SigningCertificate.objects.select_for_update()
        .filter(pemda=pd.pemda, pd=None if of_pemda else pd)
        .first()
    )
    if row is None:
        return False
    summary = _certificate_summary(row)
    row.delete()
    PdEvent.objects.create(
        pd=pd,
        action="pemda.certificate_removed" if of_pemda else "pd.certificate_removed",
        actor=actor,
        before=summary,
        after="",
    )
    return True
