"""`sopap export-all` and `sopap import-all`: a whole installation to one zip and back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
    import django

    django.setup()


@click.command("export-all")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--with-passwords",
    is_flag=True,
    help="Sertakan hash kata sandi / include password hashes (otherwise accounts must be reset).",
)
def export_all_command(out: Path, with_passwords: bool) -> None:
    """Cadangkan seluruh data ke satu berkas zip / back up all data to one zip file.

    Organisasi, akun, SOP dan setiap revisinya, riwayat alur, monitoring, evaluasi dan berkas unggahan.
    Organisations, accounts, SOPs with every revision, the workflow log, monitoring, evaluations, uploads.
    """
    _django()
    from sopap.web.backup import BackupError, export_all

    try:
        counts = export_all(out, with_passwords=with_passwords)
    except BackupError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{out}: {sum(counts.values())} baris / rows")
    for label, count in counts.items():
        click.echo(f"  {label:<32} {count}")
    if not with_passwords:
        click.echo(
            "Tanpa kata sandi: setelah dipulihkan, setiap kata sandi harus diatur ulang.\n"
            "Without passwords: after a restore, every password must be reset.",
            err=True,
        )


@click.command("import-all")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_all_command(source: Path) -> None:
    """Pulihkan cadangan ke basis data kosong / restore a backup into an empty database.

    Basis data dimigrasi lebih dulu; bila sudah berisi data, pemulihan ditolak.
    The database is migrated first; one that already holds data is refused.
    """
    _django()
    import io

    from sopap.web.backup import BackupError, import_all
    from sopap.web.migrating import migrate

    # The same lock as `sopap migrate` and `serve`: a restore beside a starting server never migrates twice.
    migrate(stdout=io.StringIO(), verbosity=0)
    try:
        result = import_all(source)
    except BackupError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{source}: {sum(result.counts.values())} baris / rows, {result.files} berkas / files")
    for label, count in result.counts.items():
        click.echo(f"  {label:<32} {count}")
    if not result.with_passwords:
        click.echo(
            "Cadangan tanpa kata sandi: tidak ada yang dapat masuk sebelum kata sandinya diatur ulang.\n"
            "Backup without passwords: nobody can log in until their password is reset.\n"
            "  python -m sopap.web changepassword admin   (lalu / then: the admin resets the others)",
            err=True,
        )
