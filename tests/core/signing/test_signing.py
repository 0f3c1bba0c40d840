"""PAdES signatures: a PDF our renderer made, signed with a throw-away CA's certificate, validated back."""

from __future__ import annotations

import io
import re

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from sopap.core.signing import (
    BSRE_FOOTER,
    Pkcs12Signer,
    SigningError,
    load_trust_roots,
    sign_pdf,
    validate_pdf,
)
from tests.core.signing.certificates import Pki


def _signer(pki: Pki) -> Pkcs12Signer:
    return Pkcs12Signer.from_bytes(
        pki.p12,
        pki.passphrase,
        jabatan="Kepala Dinas Komunikasi dan Informatika",
        nip="19700101 199001 1 001",
    )


@pytest.fixture(scope="module")
def signed(pki: Pki, sop_pdf: bytes) -> bytes:
    return sign_pdf(sop_pdf, _signer(pki), footer=BSRE_FOOTER, reason="Penetapan SOP", location="Serang")


def _in_a_thread_of_its_own(function):  # type: ignore[no-untyped-def]
    """pyHanko's own synchronous calls start an event loop; a worker that ran the browser tests has one
    running in its main thread (Playwright's), so they run beside it, as sopap.core.signing does."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def test_pyhanko_itself_finds_the_signature_intact_valid_and_trusted(pki: Pki, signed: bytes) -> None:
    def validate():  # type: ignore[no-untyped-def]
        reader = PdfFileReader(io.BytesIO(signed))
        (signature,) = reader.embedded_signatures
        context = ValidationContext(trust_roots=[_ca(pki)], allow_fetching=False)
        return validate_pdf_signature(signature, signer_validation_context=context)

    status = _in_a_thread_of_its_own(validate)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def _ca(pki: Pki):  # type: ignore[no-untyped-def]
    from asn1crypto import pem, x509

    _, _, der = pem.unarmor(pki.ca_pem)
    return x509.Certificate.load(der)


def test_the_report_names_the_signer_and_the_time_and_finds_nothing_changed(pki: Pki, signed: bytes) -> None:
    (report,) = validate_pdf(signed, trust_roots=[pki.ca_pem])
    assert report.ok and report.trusted
    assert report.signer == "Budi Santoso"
    assert report.signed_at is not None
    assert report.reason == "Penetapan SOP"


def test_without_the_ca_the_signature_is_valid_but_not_trusted(signed: bytes) -> None:
    (report,) = validate_pdf(signed)
    assert report.ok
    assert not report.trusted


def test_one_changed_byte_in_the_signed_content_makes_it_invalid_and_modified(
    pki: Pki, signed: bytes, sop_pdf: bytes
) -> None:
    changed = bytearray(signed)
    changed[len(sop_pdf) // 2] ^= 0x01
    (report,) = validate_pdf(bytes(changed), trust_roots=[pki.ca_pem])
    assert not report.intact
    assert not report.ok
    assert report.modified


def test_a_page_added_after_signing_is_reported_as_a_modification(pki: Pki, signed: bytes) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(v) for v in (0, 0, 595, 842)]
            ),
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    (report,) = validate_pdf(out.getvalue(), trust_roots=[pki.ca_pem])
    assert report.intact
    assert report.modified
    assert not report.ok


def test_the_visible_block_names_the_signer_jabatan_and_nip_and_every_page_has_the_footer(
    signed: bytes, sop_pdf: bytes
) -> None:
    pages = PdfReader(io.BytesIO(signed)).pages
    assert len(pages) == len(PdfReader(io.BytesIO(sop_pdf)).pages)
    for page in pages:
        assert "UU ITE" in page.extract_text()
    annots = [a.get_object() for a in pages[-1]["/Annots"]]
    (widget,) = [a for a in annots if a.get("/FT") == "/Sig" or a.get("/Parent", {}).get("/FT") == "/Sig"]
    stamp = widget["/AP"]["/N"].get_object()
    text = _all_stream_text(stamp)
    for expected in ("Budi Santoso", "Kepala Dinas Komunikasi dan Informatika", "NIP. 19700101 199001 1 001"):
        assert expected.encode() in text


def _all_stream_text(xobject) -> bytes:  # type: ignore[no-untyped-def]
    """The content of an appearance and of the forms it paints, its octal escapes ("\\056") undone."""
    data = xobject.get_data()
    for ref in (xobject.get("/Resources", {}).get("/XObject") or {}).values():
        data += _all_stream_text(ref.get_object())
    return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), data)


def test_a_wrong_passphrase_is_one_clear_error(pki: Pki) -> None:
    with pytest.raises(SigningError, match="sandi salah"):
        Pkcs12Signer.from_bytes(pki.p12, b"bukan-sandinya", path="kunci.p12")


def test_a_text_that_is_not_a_pdf_is_refused(pki: Pki) -> None:
    with pytest.raises(SigningError, match="bukan berkas PDF") as caught:
        sign_pdf(b"nomor: 1\n", _signer(pki), path="sop.yaml")
    assert caught.value.localized().startswith("sop.yaml: ")


def test_a_pdf_already_signed_is_not_signed_again(pki: Pki, signed: bytes) -> None:
    with pytest.raises(SigningError, match="sudah ditandatangani"):
        sign_pdf(signed, _signer(pki))


def test_a_pem_bundle_gives_each_of_its_certificates(pki: Pki) -> None:
    assert load_trust_roots(pki.ca_pem + pki.ca_pem) == [pki.ca_pem, pki.ca_pem]


def test_an_unsigned_pdf_has_no_signatures(sop_pdf: bytes) -> None:
    assert validate_pdf(sop_pdf) == []


def test_signing_and_validating_work_inside_a_running_event_loop(pki, sop_pdf):
    import asyncio

    from sopap.core.signing import Pkcs12Signer, load_trust_roots, sign_pdf, validate_pdf

    async def inside() -> bool:
        signed = sign_pdf(sop_pdf, Pkcs12Signer.from_bytes(pki.p12, pki.passphrase))
        return all(r.ok for r in validate_pdf(signed, trust_roots=load_trust_roots(pki.ca_pem)))

    assert _in_a_thread_of_its_own(lambda: asyncio.run(inside()))
