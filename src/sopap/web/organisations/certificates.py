"""The agency's signing certificates in the web app: checking an uploaded PKCS#12 file, keeping it
encrypted at rest, and finding the signer a PD signs with.

A PD signs with its own uploaded certificate, else with its Pemda's, else with the environment's
(``SOPAP_SERTIFIKAT`` and ``SOPAP_SERTIFIKAT_SANDI``), else not at all. The file and its passphrase are
encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) under a key derived by HKDF from
``SOPAP_SERTIFIKAT_KUNCI``, or from ``SOPAP_SECRET_KEY`` when that is unset: a copy of the database alone
signs nothing. Changing that secret makes the stored certificates unreadable; they are then uploaded again.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sopap.web.organisations.models import Pemda, PerangkatDaerah, SigningCertificate
from sopap.web.shared.errors import DomainError

if TYPE_CHECKING:
    from sopap.core.signing import Pkcs12Signer

MAX_BYTES = 1024 * 1024  # as `sopap sign` allows (sopap.core.signing.MAX_CERTIFICATE)
PASSPHRASE_MAX = 1024
_HKDF_INFO = b"sopap sertifikat elektronik v1"

# The extended key usages a certificate that signs documents carries (when it names any at all).
_SIGNING_USAGES = {
    "1.3.6.1.5.5.7.3.4",  # emailProtection (S/MIME: what BSrE's personal certificates carry)
    "1.3.6.1.5.5.7.3.2",  # clientAuth
    "1.3.6.1.5.5.7.3.36",  # documentSigning (RFC 9336)
    "1.2.840.113583.1.1.5",  # Adobe Authentic Documents Trust
    "1.3.6.1.4.1.311.10.3.12",  # Microsoft Document Signing
    "2.5.29.37.0",  # anyExtendedKeyUsage
}


@dataclass(frozen=True)
class CertificateInfo:
    """What an uploaded certificate is, as its page shows it."""

    subjek: str
    penerbit: str
    nomor_seri: str
    berlaku_mulai: dt.datetime
    berlaku_sampai: dt.datetime
    sidik_jari: str
    common_name: str


def _fernet() -> Any:
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return _fernet_for(settings.SIGNING_KEY, Fernet, hashes, HKDF)


@functools.lru_cache(maxsize=4)
def _fernet_for(secret: str, fernet: Any, hashes: Any, hkdf: Any) -> Any:
    key = hkdf(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret.encode())
    return fernet(base64.urlsafe_b64encode(key))


def encrypt(data: bytes) -> str:
    return str(_fernet().encrypt(data).decode("ascii"))


def decrypt(token: str) -> bytes:
    from cryptography.fernet import InvalidToken

    try:
        return bytes(_fernet().decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError):
        raise DomainError(
            _(
                "Sertifikat tersimpan tidak dapat dibuka dengan kunci enkripsi saat ini "
                "(SOPAP_SERTIFIKAT_KUNCI atau kunci rahasia berubah): unggah sertifikatnya lagi."
            )
        ) from None


def _name(name: Any) -> str:
    """A distinguished name as people read it: most specific first (as RFC 4514 orders it), its values
    unescaped, for display only."""
    return ", ".join(f"{a.rfc4514_attribute_name}={a.value}" for rdn in reversed(name.rdns) for a in rdn)


def _common_name(name: Any) -> str:
    from cryptography.x509.oid import NameOID

    found = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else ""


def _is_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12

    try:
        pfx = pkcs12.Pfx.load(data, strict=True)
        pfx["auth_safe"]["content_type"].native  # noqa: B018  (parsing is lazy: touch what PKCS#12 has)
    except (ValueError, TypeError, KeyError):
        return False
    return True


def certificate_check(data: bytes, passphrase: bytes, *, now: dt.datetime | None = None) -> CertificateInfo:
    """The certificate in the PKCS#12 ``data`` opened with ``passphrase``, when it can sign today; refused
    (DomainError, in the user's language) when the file is too big, is no PKCS#12 file, the passphrase is
    wrong, it holds no key or certificate, it has expired or is not yet valid, or it is not a signing
    certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import pkcs12

    if len(data) > MAX_BYTES:
        raise DomainError(
            _("Sertifikat ditolak: berkasnya lebih dari %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if not data:
        raise DomainError(_("Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx)."))
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, passphrase or None)
    except (ValueError, TypeError):
        if not _is_pkcs12(data):
            raise DomainError(
                _("Sertifikat ditolak: berkas ini bukan berkas PKCS#12 (.p12 atau .pfx).")
            ) from None
        raise DomainError(_("Sertifikat ditolak: sandinya salah.")) from None
    if key is None:
        raise DomainError(_("Sertifikat ditolak: berkasnya tidak memuat kunci privat."))
    if cert is None:
        raise DomainError(_("Sertifikat ditolak: berkasnya tidak memuat sertifikat penanda tangan."))
    now = now or timezone.now()
    if cert.not_valid_after_utc < now:
        raise DomainError(
            _("Sertifikat ditolak: masa berlakunya berakhir pada %(tanggal)s.")
            % {"tanggal": _day(cert.not_valid_after_utc)}
        )
    if cert.not_valid_before_utc > now:
        raise DomainError(
            _("Sertifikat ditolak: baru berlaku mulai %(tanggal)s.")
            % {"tanggal": _day(cert.not_valid_before_utc)}
        )
    _check_signing_use(cert, x509)
    # What will sign must load the way signing loads it.
    from sopap.core.signing import Pkcs12Signer, SigningError

    try:
        Pkcs12Signer.from_bytes(data, passphrase or None)
    except SigningError as exc:
        raise DomainError(_("Sertifikat ditolak: %(reason)s") % {"reason": _reason(exc)}) from None
    return CertificateInfo(
        subjek=_name(cert.subject)[:500],
        penerbit=_name(cert.issuer)[:500],
        nomor_seri=format(cert.serial_number, "X")[:100],
        berlaku_mulai=cert.not_valid_before_utc,
        berlaku_sampai=cert.not_valid_after_utc,
        sidik_jari=cert.fingerprint(hashes.SHA256()).hex().upper(),
        common_name=_common_name(cert.subject),
    )


def _check_signing_use(cert: Any, x509: Any) -> None:
    refused = _("Sertifikat ditolak: sertifikat ini bukan untuk menandatangani dokumen.")
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        if basic.ca:
            raise DomainError(
                _("Sertifikat ditolak: ini sertifikat otoritas (CA), bukan sertifikat penanda tangan.")
            )
    except x509.ExtensionNotFound:
        pass
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            raise DomainError(refused)
    except x509.ExtensionNotFound:
        pass
    try:
        extended = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        if not {oid.dotted_string for oid in extended} & _SIGNING_USAGES:
            raise DomainError(refused)
    except x509.ExtensionNotFound:
        pass


def _reason(exc: Any) -> str:
    return str(exc.text_in(translation.get_language() or "id"))


def _day(moment: dt.datetime) -> str:
    from sopap.web.shared.dates import document_date

    return str(document_date(timezone.localtime(moment).date()))


# ------------------------------------------------------------------------------------------------ reading


def certificate_of(*, pemda: Pemda, pd: PerangkatDaerah | None) -> SigningCertificate | None:
    """The certificate uploaded for ``pd`` (or, with None, for the Pemda itself), or None."""
    return SigningCertificate.objects.filter(pemda=pemda, pd=pd).select_related("uploaded_by").first()


@dataclass(frozen=True)
class SignerSource:
    """Where the signer of a PD or Pemda comes from: an uploaded certificate (``row``) or the environment."""

    row: SigningCertificate | None

    @property
    def label(self) -> str:
        if self.row is None:
            return _("sertifikat lingkungan server (SOPAP_SERTIFIKAT)")
        if self.row.pd_id is None:
            return _("sertifikat pemerintah daerah")
        return _("sertifikat perangkat daerah")

    @property
    def footer(self) -> str | None:
        from sopap.core.signing import BSRE_FOOTER

        return BSRE_FOOTER if self.row is not None and self.row.bsre else None

    def signer(self) -> Pkcs12Signer:
        """The signer, decrypted (or read from the environment's file) now; DomainError when it cannot."""
        from pathlib import Path

        from sopap.core.signing import Pkcs12Signer, SigningError

        try:
            if self.row is None:
                passphrase = settings.SIGNING_PASSPHRASE.encode() or None
                return Pkcs12Signer.from_file(Path(settings.SIGNING_CERTIFICATE), passphrase)
            row = self.row
            if row.expired:
                raise DomainError(
                    _(
                        "Sertifikat elektronik %(subjek)s sudah kedaluwarsa: ganti di halaman Sertifikat organisasi."
                    )
                    % {"subjek": row.subjek}
                )
            return Pkcs12Signer.from_bytes(
                decrypt(row.berkas),
                decrypt(row.sandi) or None,
                jabatan=row.jabatan or None,
                nip=row.nip or None,
            )
        except SigningError as exc:
            raise DomainError(
                _("Sertifikat elektronik tidak dapat dipakai: %(reason)s") % {"reason": _reason(exc)}
            ) from None


def signer_source(*, pemda: Pemda, pd: PerangkatDaerah | None) -> SignerSource | None:
    """What ``pd`` (or, with None, the Pemda) signs with: its own certificate, its Pemda's, the
    environment's, or None when there is none."""
    if pd is not None:
        row = SigningCertificate.objects.filter(pd=pd).first()
        if row is not None:
            return SignerSource(row)
    own = SigningCertificate.objects.filter(pemda=pemda, pd__isnull=True).first()
    if own is not None:
        return SignerSource(own)
    if settings.SIGNING_CERTIFICATE:
        return SignerSource(None)
    return None


def sign_bytes(
    data: bytes,
    *,
    source: SignerSource,
    reason: str,
    location: str | None = None,
    signer: Pkcs12Signer | None = None,
) -> bytes:
    """``data`` (a PDF) signed with ``source``'s certificate (``signer`` when it was opened already);
    DomainError, in the user's language, when the certificate or the PDF cannot be used."""
    from sopap.core.signing import SigningError, sign_pdf

    signer = signer or source.signer()
    try:
        return sign_pdf(data, signer, footer=source.footer, reason=reason, location=location)
    except SigningError as exc:
        raise DomainError(
            _("PDF tidak dapat ditandatangani: %(reason)s") % {"reason": _reason(exc)}
        ) from None
