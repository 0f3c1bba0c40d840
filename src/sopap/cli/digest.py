"""`sopap digest`: send today's e-mail digest of Tugas saya now, as the worker's daily schedule does."""

from __future__ import annotations

import os

import click


@click.command("digest")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Tampilkan siapa menerima apa, tanpa mengirim / show who gets what, send nothing.",
)
@click.option(
    "--user",
    "usernames",
    multiple=True,
    metavar="NAMA",
    help="Hanya akun ini (boleh berulang) / only this account (may be repeated).",
)
def digest(dry_run: bool, usernames: tuple[str, ...]) -> None:
    """Kirim ringkasan harian lewat surel sekarang / send the daily e-mail digest now.

    Setiap akun bersurel yang tidak mematikannya menerima paling banyak satu ringkasan sehari, hanya berisi
    yang belum pernah dikirim kepadanya. Each account with an e-mail address that did not turn it off gets
    at most one digest a day, holding only what it was never mailed. SMTP: SOPAP_EMAIL_HOST and the rest of the README's settings.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
    import django

    django.setup()
    from sopap.web.monitoring.digest import digest_send

    outcomes = digest_send(dry_run=dry_run, usernames=usernames)
    if dry_run:
        click.echo("Pemeriksaan saja (--dry-run): tidak ada surel yang dikirim. / Dry run: nothing is sent.")
    words = {
        "nothing new": "tidak ada yang baru / nothing new",
        "sent today": "sudah dikirim hari ini / already sent today",
        "failed": "gagal, lihat log / failed, see the log",
    }
    for outcome in outcomes:
        head = f"{outcome.user.username} <{outcome.to}>"
        if outcome.reason:
            click.echo(f"  {head}: {words.get(outcome.reason, outcome.reason)}")
            continue
        click.echo(f"  {head}: {len(outcome.entries)} {'butir / items'}")
        for entry in outcome.entries:
            click.echo(f"    - {entry.title} [{entry.key}]")
    sent = sum(1 for o in outcomes if o.sent)
    click.echo(f"{sent} surel dikirim / mails sent, {len(outcomes)} akun diperiksa / accounts checked")
    if any(o.reason == "failed" for o in outcomes):
        raise SystemExit(1)
