"""`sopap sign` and `sopap verify-signature`: a PAdES signature on a PDF, and what a PDF's signatures say.

The certificate's passphrase comes from ``$SOPAP_SERTIFIKAT_SANDI`` or a hidden prompt, never from an
argument, which every user of the machine could read in the process list."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from sopap.cli.options import FORMAT_OPTION, LANG_OPTION
from sopap.core.i18n import tr

PASSPHRASE_ENV = "SOPAP_SERTIFIKAT_SANDI"


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _read(path: Path, lang: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        _fail(tr("{path}: berkas tidak ditemukan", lang, path=str(path)))
    except OSError as exc:
        _fail(tr("{path}: berkas tidak dapat dibaca: {reason}", lang, path=str(path), reason=exc.strerror))


def _passphrase(certificate: Path, lang: str) -> bytes:
    """From the environment; else a hidden prompt on a terminal, or the first line of a pipe."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value is None and not sys.stdin.isatty():
        value = sys.stdin.readline().rstrip("\r\n") or None
    elif value is None:
        try:
            value = click.prompt(
                tr("Sandi sertifikat", lang), hide_input=True, default="", show_default=False, err=True
            )
        except click.Abort:
            value = None
    if value is None:
        _fail(tr("{path}: sandi sertifikat tidak diberikan", lang, path=str(certificate)))
    return value.encode("utf-8")


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="OUT.pdf")
@click.option(
    "--sertifikat",
    type=click.Path(path_type=Path),
    envvar="SOPAP_SERTIFIKAT",
    required=True,
    help="PKCS#12 (.p12/.pfx); atau / or $SOPAP_SERTIFIKAT.",
)
@click.option(
    "--nama", default=None, help="Nama penanda tangan / signer's name (default: the certificate's)."
)
@click.option("--jabatan", default=None, help="Jabatan / position.")
@click.option("--nip", default=None, help="NIP.")
@click.option("--alasan", default=None, help="Alasan / reason, e.g. Penetapan SOP.")
@click.option("--lokasi", default=None, help="Lokasi / location.")
@click.option(
    "--catatan-kaki", "footer", default=None, help="Teks di kaki setiap halaman / footer on each page."
)
@click.option("--bsre", is_flag=True, help="Kalimat BSrE/UU ITE di kaki setiap halaman / the BSrE footer.")
@LANG_OPTION
def sign(
    source: Path,
    output: Path,
    sertifikat: Path,
    nama: str | None,
    jabatan: str | None,
    nip: str | None,
    alasan: str | None,
    lokasi: str | None,
    footer: str | None,
    bsre: bool,
    lang: str,
) -> None:
    """Tandatangani PDF secara elektronik (PAdES) / sign a PDF electronically (PAdES).

    Sandi sertifikat dari $SOPAP_SERTIFIKAT_SANDI atau ditanyakan / the passphrase from
    $SOPAP_SERTIFIKAT_SANDI or a prompt.
    """
    from sopap.core.errors import SopapError
    from sopap.core.fileutil import write_atomic
    from sopap.core.signing import BSRE_FOOTER, Pkcs12Signer, is_pdf, sign_pdf

    data = _read(source, lang)
    if not is_pdf(data):
        _fail(tr("{path}: bukan berkas PDF", lang, path=str(source)), code=1)
    if not sertifikat.is_file():
        _fail(tr("{path}: berkas sertifikat tidak ditemukan", lang, path=str(sertifikat)))
    passphrase = _passphrase(sertifikat, lang)
    text = " ".join(t for t in (footer, BSRE_FOOTER if bsre else None) if t) or None
    try:
        signer = Pkcs12Signer.from_file(sertifikat, passphrase or None, nama=nama, jabatan=jabatan, nip=nip)
        signed = sign_pdf(data, signer, footer=text, reason=alasan, location=lokasi, path=str(source))
    except SopapError as exc:
        _fail(exc.localized(lang), code=1)
    write_atomic(output, signed)
    click.echo(str(output), err=True)


@click.command("verify-signature")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--akar",
    "roots",
    type=click.Path(path_type=Path),
    multiple=True,
    envvar="SOPAP_SERTIFIKAT_AKAR",
    help="Sertifikat akar tepercaya (PEM) / trusted root certificates; or $SOPAP_SERTIFIKAT_AKAR.",
)
@LANG_OPTION
@FORMAT_OPTION
def verify_signature(source: Path, roots: tuple[Path, ...], lang: str, output_format: str) -> None:
    """Periksa tanda tangan elektronik PDF / check a PDF's electronic signatures.

    Keluar 0 bila setiap tanda tangan sah dan berkas tidak diubah sesudahnya, 1 bila tidak / exits 0
    when every signature is valid and the file unchanged since, 1 otherwise.
    """
    from sopap.core.dates import format_date
    from sopap.core.errors import SopapError
    from sopap.core.signing import load_trust_roots, validate_pdf

    data = _read(source, lang)
    trust: list[bytes] = []
    for root in roots:
        trust.extend(load_trust_roots(_read(root, lang)))
    try:
        reports = validate_pdf(data, trust_roots=trust, path=str(source))
    except SopapError as exc:
        _fail(exc.localized(lang), code=1)
    if output_format == "json":
        payload = [
            {
                "field": r.field,
                "signer": r.signer,
                "signed_at": r.signed_at.isoformat() if r.signed_at else None,
                "intact": r.intact,
                "valid": r.valid,
                "trusted": r.trusted,
                "modified": r.modified,
                "ok": r.ok,
            }
            for r in reports
        ]
        click.echo(json.dumps({"file": str(source), "signatures": payload}, ensure_ascii=False, indent=2))
    elif not reports:
        click.echo(tr("{path}: tidak ditandatangani", lang, path=str(source)))
    for report in reports if output_format == "text" else []:
        when = (
            f"{format_date(report.signed_at.date(), lang)} {report.signed_at:%H:%M:%S %Z}".strip()
            if report.signed_at
            else "-"
        )
        if report.ok:
            verdict = tr("tanda tangan sah, berkas tidak diubah sesudah ditandatangani", lang)
        elif not report.intact:
            verdict = tr("TIDAK SAH: berkas diubah sesudah ditandatangani", lang)
        elif not report.valid:
            verdict = tr("TIDAK SAH: tanda tangan tidak cocok", lang)
        else:
            verdict = tr("TIDAK SAH: berkas diubah sesudah ditandatangani", lang)
        trusted = (
            tr("sertifikat tepercaya", lang)
            if report.trusted
            else tr("sertifikat tidak dikenal sebagai tepercaya", lang)
        )
        click.echo(
            tr(
                "{path}: {verdict}; ditandatangani oleh {signer} pada {when}; {trusted}",
                lang,
                path=str(source),
                verdict=verdict,
                signer=report.signer,
                when=when,
                trusted=trusted,
            )
        )
    if not reports or not all(r.ok for r in reports):
        sys.exit(1)
