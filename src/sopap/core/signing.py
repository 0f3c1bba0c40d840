"""Electronic signatures on PDFs (PAdES, with pyHanko): sign with a visible block naming the signer, and
validate what a PDF's signatures say.

A signer is anything that gives pyHanko a signer (:class:`Signer`); :class:`Pkcs12Signer` is the one
made from the agency's PKCS#12 file. BSrE's own signing service cannot be reached from these machines, so
it has no implementation here: one would implement :class:`Signer` by returning a pyHanko
``ExternalSigner`` whose ``async_sign_raw`` calls the service.

pyHanko and its validator are imported only when signing or validating, so no other command pays for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sopap.core.errors import SopapError
from sopap.core.i18n import Text

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer as PyHankoSigner

# pyHanko logs every path it fails to build with a traceback; the report says it instead, and a command
# line without logging configured would otherwise print them on stderr.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

FIELD_NAME = "TandaTanganSOPAP"
BSRE_FOOTER = (
    'UU ITE No. 11 Tahun 2008 Pasal 5 Ayat 1: "Informasi Elektronik dan/atau Dokumen Elektronik dan/atau '
    'hasil cetaknya merupakan alat bukti hukum yang sah." Dokumen ini telah ditandatangani secara '
    "elektronik menggunakan sertifikat elektronik yang diterbitkan BSrE."
)
"""The sentence documents signed with a BSrE certificate carry at the foot of each page."""
MAX_CERTIFICATE = 1024 * 1024
FOOTER_SIZE = 7
BLOCK_W, BLOCK_H = 240.0, 62.0
MARGIN = 36.0


class SigningError(SopapError):
    """The PDF cannot be signed or read for its signatures: a certificate that does not open, a file that
    is not a PDF."""


@dataclass(frozen=True)
class SignerIdentity:
    """Who the visible block names: the official, not the certificate's technical subject."""

    nama: str
    jabatan: str | None = None
    nip: str | None = None

    def lines(self) -> list[str]:
        lines = [self.nama]
        if self.jabatan:
            lines.append(self.jabatan)
        if self.nip:
            lines.append(f"NIP. {self.nip}")
        return lines


class Signer(Protocol):
    """What signing needs from a key holder: the name to print and pyHanko's signer to sign with."""

    @property
    def identity(self) -> SignerIdentity: ...

    def pyhanko_signer(self) -> PyHankoSigner: ...


class Pkcs12Signer:
    """A signer whose key and certificate are in a PKCS#12 file (``.p12``/``.pfx``)."""

    def __init__(self, signer: PyHankoSigner, identity: SignerIdentity) -> None:
        self._signer = signer
        self._identity = identity

    @property
    def identity(self) -> SignerIdentity:
        return self._identity

    def pyhanko_signer(self) -> PyHankoSigner:
        return self._signer

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        passphrase: bytes | None,
        *,
        jabatan: str | None = None,
        nip: str | None = None,
        nama: str | None = None,
        path: str | None = None,
    ) -> Pkcs12Signer:
        """The signer in ``data``; the block names ``nama`` or else the certificate's common name."""
        from pyhanko.sign.signers import SimpleSigner

        try:
            signer = SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
        except ValueError as exc:
            raise SigningError(
                Text("sertifikat tidak dapat dibuka: sandi salah atau bukan berkas PKCS#12"), path=path
            ) from exc
        if signer.signing_cert is None:
            raise SigningError(Text("sertifikat tidak memuat sertifikat penanda tangan"), path=path)
        name = nama or _common_name(signer.signing_cert) or "-"
        return cls(signer, SignerIdentity(nama=name, jabatan=jabatan, nip=nip))

    @classmethod
    def from_file(
        cls,
        path: Path,
        passphrase: bytes | None,
        *,
        jabatan: str | None = None,
        nip: str | None = None,
        nama: str | None = None,
    ) -> Pkcs12Signer:
        if not path.is_file():
            raise SigningError(Text("berkas sertifikat tidak ditemukan"), path=str(path))
        if path.stat().st_size > MAX_CERTIFICATE:
            raise SigningError(Text("berkas sertifikat lebih dari 1 MB"), path=str(path))
        return cls.from_bytes(
            path.read_bytes(), passphrase, jabatan=jabatan, nip=nip, nama=nama, path=str(path)
        )


def _common_name(certificate: Any) -> str | None:
    try:
        value = certificate.subject.native.get("common_name")
    except (AttributeError, ValueError):
        return None
    return str(value) if value else None


def _escape(text: str) -> str:
    """pyHanko fills its stamp texts with ``%``-formatting: a ``%`` the user typed must stay a ``%``."""
    return text.replace("%", "%%")


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def _reader(data: bytes, path: str | None) -> Any:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not is_pdf(data):
        raise SigningError(Text("bukan berkas PDF"), path=path)
    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(Text("berkas PDF rusak dan tidak dapat dibaca"), path=path) from exc


def _font() -> Any:
    from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory

    return SimpleFontEngineFactory("Helvetica", 0.5)


def _page_box(writer: Any, index: int) -> tuple[float, float, float, float]:
    page_ref, _ = writer.prev.find_page_for_modification(index)
    box = page_ref.get_object()["/MediaBox"]
    return tuple(float(v) for v in box)  # type: ignore[return-value]


def _add_footer(writer: Any, footer: str) -> None:
    """The footer text on every page, centred at the bottom, under everything the page already has."""
    from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, InnerScaling, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    from sopap.core.layout.text import wrap

    count = int(writer.prev.root["/Pages"]["/Count"])
    for index in range(count):
        x0, y0, x1, _ = _page_box(writer, index)
        width = int(x1 - x0 - 2 * MARGIN)
        # Helvetica has the widths of the Liberation Sans our layout measures with.
        lines = wrap(footer, "regular", FOOTER_SIZE, width - 8)
        style = TextStampStyle(
            stamp_text=_escape("\n".join(lines)),
            border_width=0,
            background=None,
            text_box_style=TextBoxStyle(
                font=_font(), font_size=FOOTER_SIZE, leading=round(FOOTER_SIZE * 1.2), border_width=0
            ),
            inner_content_layout=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MID,
                y_align=AxisAlignment.ALIGN_MID,
                inner_content_scaling=InnerScaling.NO_SCALING,
            ),
        )
        height = _footer_height(len(lines))
        stamp = TextStamp(writer, style, box=BoxConstraints(width=width, height=height))
        stamp.apply(index, round(x0 + MARGIN), round(y0 + 5))


def _footer_height(lines: int) -> int:
    return round(lines * FOOTER_SIZE * 1.2 + 6)


_T = TypeVar("_T")


def _off_any_running_loop(function: Callable[..., _T]) -> Callable[..., _T]:
    """pyHanko's synchronous calls start an asyncio loop of their own, which Python refuses inside a thread
    whose loop is already running (an ASGI server, a notebook, Playwright's sync driver): run there in a
    thread of its own instead."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> _T:
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    return call


@_off_any_running_loop
def sign_pdf(
    data: bytes,
    signer: Signer,
    *,
    footer: str | None = None,
    reason: str | None = None,
    location: str | None = None,
    path: str | None = None,
) -> bytes:
    """``data`` signed by ``signer``: a visible block at the bottom left of the last page naming the
    signer (name, jabatan, NIP) and the time, and ``footer`` on every page when given."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    reader = _reader(data, path)
    if reader.embedded_signatures:
        # A second signature is a later revision pyHanko would have to weigh; one signer per document here.
        raise SigningError(Text("PDF sudah ditandatangani"), path=path)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        if footer:
            _add_footer(writer, footer)
        count = int(writer.prev.root["/Pages"]["/Count"])
        x0, y0, _, _ = _page_box(writer, count - 1)
        bottom = y0 + MARGIN / 2 + (_footer_height(3) if footer else 0)
        box = (
            round(x0 + MARGIN),
            round(bottom),
            round(x0 + MARGIN + BLOCK_W),
            round(bottom + BLOCK_H),
        )
        fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, box=box, on_page=count - 1))
        lines = ["Ditandatangani secara elektronik oleh:", *signer.identity.lines(), "Waktu: %(ts)s"]
        style = TextStampStyle(
            stamp_text="\n".join([lines[0], *(_escape(t) for t in lines[1:-1]), lines[-1]]),
            timestamp_format="%d-%m-%Y %H:%M:%S %Z",
            border_width=1,
            background=None,
            text_box_style=TextBoxStyle(font=_font(), font_size=8),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            name=signer.identity.nama,
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        out = signers.PdfSigner(meta, signer=signer.pyhanko_signer(), stamp_style=style).sign_pdf(writer)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(Text("PDF tidak dapat ditandatangani: berkasnya rusak"), path=path) from exc
    return bytes(out.getvalue())


@dataclass(frozen=True)
class SignatureReport:
    """What one signature of a PDF says. ``intact``: the signed bytes are the ones signed; ``valid``: and
    the signature over them is cryptographically right; ``trusted``: the certificate chains to one of the
    trust roots given; ``modified``: the file was changed after signing beyond what leaves a signature
    standing (another signature, validation data)."""

    field: str
    signer: str
    signed_at: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    modified: bool
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """Intact, valid and not changed since: what "the signature is valid" means to a reader."""
        return self.intact and self.valid and not self.modified


def _load_certificate(data: bytes) -> Any:
    from asn1crypto import pem, x509

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def load_trust_roots(data: bytes) -> list[bytes]:
    """The certificates of a PEM bundle (or one DER certificate), each as it can be given to
    :func:`validate_pdf`."""
    from asn1crypto import pem

    if not pem.detect(data):
        return [data]
    return [pem.armor("CERTIFICATE", der) for _, _, der in pem.unarmor(data, multiple=True)]


@_off_any_running_loop
def validate_pdf(
    data: bytes, *, trust_roots: Sequence[bytes] = (), path: str | None = None
) -> list[SignatureReport]:
    """Every signature of the PDF in ``data``, validated without going online; ``trust_roots`` are the
    certificates (PEM or DER) a signer's chain may end at. No signature: an empty list. A file too damaged
    to be read raises :class:`SigningError`."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = _reader(data, path)
    try:
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko reports a damaged signature dictionary with many types
        raise SigningError(Text("berkas PDF rusak dan tidak dapat dibaca"), path=path) from exc
    roots = [_load_certificate(r) for r in trust_roots]
    reports = []
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, signer_validation_context=context)
        except (SignatureValidationError, ValueError, KeyError, TypeError):
            reports.append(
                SignatureReport(
                    field=signature.field_name,
                    signer="-",
                    signed_at=None,
                    intact=False,
                    valid=False,
                    trusted=False,
                    modified=True,
                )
            )
            continue
        harmless = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
        modified = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
            status.modification_level not in harmless or not status.docmdp_ok
        )
        reports.append(
            SignatureReport(
                field=signature.field_name,
                signer=_common_name(status.signing_cert) or "-",
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid and status.intact),
                trusted=bool(status.trusted),
                modified=bool(modified) or not status.intact,
                reason=_reason(signature),
            )
        )
    return reports


def _reason(signature: Any) -> str | None:
    try:
        value = signature.sig_object.get("/Reason")
    except (AttributeError, KeyError):
        return None
    return str(value) if value else None
