"""`sopap seed`: a province of synthetic SOPs, accounts and logs in the configured database (see
:mod:`sopap.web.seeding`)."""

from __future__ import annotations

import io
import os
import sys
import time

import click


@click.command()
@click.option("--pd", "pds", default=10, show_default=True, type=click.IntRange(1, 5000),
              help="Jumlah perangkat daerah / how many Perangkat Daerah.")  # fmt: skip
@click.option("--sop-per-pd", default=20, show_default=True, type=click.IntRange(1, 5000),
              help="SOP per perangkat daerah / SOPs per Perangkat Daerah.")  # fmt: skip
@click.option("--tambah", is_flag=True,
              help="Tambahkan ke basis data yang sudah berisi / append to a database that holds data.")  # fmt: skip
@click.option("--seed", "seed_value", default=1, show_default=True, type=int,
              help="Benih acak: data yang sama untuk benih yang sama / same seed, same data.")  # fmt: skip
def seed(pds: int, sop_per_pd: int, tambah: bool, seed_value: int) -> None:
    """Isi basis data dengan data contoh berskala provinsi / fill the database with a province of data.

    Perangkat daerah dengan unit, jabatan, rantai verifikasi dan akun per peran; SOP dengan revisi (berlaku,
    digantikan, dicabut, draf), riwayat alur, pemantauan, evaluasi dan indeks pencarian katalog.
    Basis data yang sudah berisi ditolak kecuali dengan --tambah.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
    import django

    django.setup()
    from sopap.web.migrating import migrate
    from sopap.web.seeding import PASSWORDS, SeedRefused
    from sopap.web.seeding import seed as run_seed

    started = time.monotonic()
    migrate(stdout=io.StringIO(), verbosity=0)
    try:
        result = run_seed(
            pds=pds,
            sop_per_pd=sop_per_pd,
            append=tambah,
            seed=seed_value,
            progress=lambda line: click.echo(line),
        )
    except SeedRefused:
        click.echo(
            "Basis data sudah berisi data: tambahkan --tambah untuk menambah ke dalamnya.\n"
            "The database already holds data: add --tambah to append to it.",
            err=True,
        )
        sys.exit(1)
    click.echo(
        f"Selesai / done: {result.pds} PD, {result.documents} SOP, {result.revisions} revisi / revisions, "
        f"{result.transitions} riwayat alur / transitions, {result.edits} riwayat penyuntingan / edits, "
        f"{result.entries} entri katalog / catalog entries, {result.monitorings} monitoring, "
        f"{result.evaluations} evaluasi, {result.users} akun / accounts"
    )
    click.echo(
        f"Waktu / time: {result.seconds:.1f} s (dengan migrasi / with migrations {time.monotonic() - started:.1f} s)"
    )
    click.echo("Contoh akun / sample accounts (nama pengguna / kata sandi):")
    for role, username in result.usernames.items():
        click.echo(f"  {username:<22} {PASSWORDS[role]}")
