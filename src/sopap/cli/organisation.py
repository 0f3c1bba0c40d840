"""`sopap org-import`, `sopap org-template` and `sopap org-schema`: setting up a Pemda from a file.

The file is read and checked by the core (sopap.core.organisation) before Django starts; the organisations
service loads it. The first admin's password never comes from an argument (it would stay in the shell's
history and in the process list): from $SOPAP_ADMIN_SANDI, from a prompt, or made up and printed once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from sopap.cli.options import LANG_OPTION
from sopap.core.i18n import N_, tr

PASSWORD_VARIABLE = "SOPAP_ADMIN_SANDI"

KINDS = {
    "pemda": N_("pemerintah daerah"),
    "perangkat_daerah": N_("perangkat daerah"),
    "unit": N_("unit"),
    "jabatan": N_("jabatan"),
    "admin": N_("admin"),
}


@click.command("org-import")
@click.argument("path", type=click.Path(path_type=Path))
@LANG_OPTION
@click.option(
    "--dry-run",
    is_flag=True,
    help="Periksa dan laporkan tanpa menulis / check and report without writing anything.",
)
def org_import_command(path: Path, lang: str, dry_run: bool) -> None:
    """Muat struktur organisasi pemerintah daerah / load a Pemda's organisation structure.

    PATH: a .org.yaml file (docs/organisation-format.md) or the workbook of `sopap org-template`. Loading the
    same file again changes nothing; what the database has and the file lacks is listed, never deleted.
    The first admin's password: $SOPAP_ADMIN_SANDI, else asked, else made up and shown once.
    """
    from sopap.core.organisation import OrgFileInvalid
    from sopap.core.organisation_files import is_org_file, read_org_path

    if not path.is_file():
        click.echo(tr("{path}: berkas tidak ditemukan", lang, path=str(path)), err=True)
        sys.exit(2)
    if not is_org_file(path):
        click.echo(
            tr("{path}: bukan berkas organisasi (.org.yaml atau .xlsx)", lang, path=str(path)), err=True
        )
        sys.exit(2)
    try:
        source = read_org_path(path)
    except OrgFileInvalid as exc:
        _refused(exc, path, lang)
    from sopap.cli.serve import _setup_django

    _setup_django()
    from django.utils import translation

    from sopap.web.migrating import pending_migrations
    from sopap.web.organisations.selectors import account_exists
    from sopap.web.organisations.services import organisation_import

    if pending := pending_migrations():
        click.echo(
            tr(
                "basis data belum dimigrasi ({count} migrasi tertunda); jalankan `sopap migrate` dulu",
                lang,
                count=len(pending),
            ),
            err=True,
        )
        sys.exit(2)
    admin = source.organisation.admin_pertama
    password = None
    if admin is not None and not dry_run and not account_exists(username=admin.nama_pengguna):
        password = _first_password(admin.nama_pengguna, lang)
    with translation.override(lang):
        try:
            report = organisation_import(source=source, admin_password=password, dry_run=dry_run)
        except OrgFileInvalid as exc:
            _refused(exc, path, lang)
    _print_report(report, path, lang, dry_run=dry_run)


def _refused(exc: Any, path: Path, lang: str) -> None:
    click.echo(exc.localized(lang), err=True)
    click.echo(tr("{path}: tidak dimuat; tidak ada yang ditulis", lang, path=str(path)), err=True)
    sys.exit(1)


def _first_password(username: str, lang: str) -> str | None:
    """$SOPAP_ADMIN_SANDI, else what the operator types (twice), else None: the service makes one up."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    if not _interactive():
        return None
    typed = click.prompt(
        tr("Kata sandi admin pertama {username} (kosongkan agar dibuatkan)", lang, username=username),
        hide_input=True,
        confirmation_prompt=tr("Ulangi kata sandi", lang),
        default="",
        show_default=False,
    )
    return str(typed) or None


def _interactive() -> bool:
    return sys.stdin.isatty()


def _line(change: Any, lang: str) -> str:
    text = f"{tr(KINDS[change.kind], lang)} {change.name}"
    return f"{text} ({', '.join(change.fields)})" if change.fields else text


def _print_report(report: Any, path: Path, lang: str, *, dry_run: bool) -> None:
    click.echo(f"{path}: {report.pemda.nama}")
    if dry_run:
        click.echo(tr("Pemeriksaan saja (--dry-run): tidak ada yang ditulis.", lang))
    for change in report.created:
        click.echo(f"  + {_line(change, lang)}")
    for change in report.updated:
        click.echo(f"  ~ {_line(change, lang)}")
    click.echo(
        tr(
            "{created} dibuat, {updated} diubah",
            lang,
            created=len(report.created),
            updated=len(report.updated),
        )
    )
    if not report.changed:
        click.echo(tr("Tidak ada yang berubah: basis data sudah sama dengan berkas ini.", lang))
    for change in report.kept:
        if change.kind == "admin":
            click.echo(
                tr(
                    "Surel atau NIP akun {name} tidak diubah: setelah diisi, keduanya diatur di halaman akun.",
                    lang,
                    name=change.name,
                )
            )
            continue
        click.echo(
            tr(
                "Pola nomor {name} tidak diubah: setelah diisi, pola nomor diatur di halaman pengaturan "
                "perangkat daerah.",
                lang,
                name=change.name,
            )
        )
    if report.not_in_file:
        click.echo(
            tr(
                "Ada di basis data tetapi tidak di berkas (tidak dihapus; hapus di aplikasi bila memang tidak "
                "dipakai lagi):",
                lang,
            )
        )
        for change in report.not_in_file:
            click.echo(f"  ? {_line(change, lang)}")
    if report.generated_password:
        click.echo(
            tr(
                "Kata sandi admin pertama {username}: {password}\n"
                "Catat sekarang: kata sandi ini tidak akan ditampilkan lagi. Gantilah setelah masuk.",
                lang,
                username=report.admin_username,
                password=report.generated_password,
            )
        )


@click.command("org-template")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@LANG_OPTION
def org_template_command(out: Path, lang: str) -> None:
    """Tulis templat Excel organisasi / write the organisation workbook to fill in.

    Sheets Petunjuk, Pemda, Perangkat Daerah, Unit, Jabatan and Admin pertama; load it with `sopap org-import`.
    """
    from sopap.core.organisation_xlsx import write_template

    if out.suffix.lower() != ".xlsx":
        click.echo(tr("{path}: nama berkas templat harus berakhiran .xlsx", lang, path=str(out)), err=True)
        sys.exit(2)
    write_template(out, lang=lang)
    click.echo(tr("{path}: templat organisasi ditulis", lang, path=str(out)))


@click.command("org-schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tulis ke berkas / write to a file.")
def org_schema_command(output: Path | None) -> None:
    """Cetak JSON Schema format .org.yaml / print the JSON Schema of the organisation format."""
    from sopap.core.organisation import schema_json

    text = schema_json()
    if output:
        from sopap.core.fileutil import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
