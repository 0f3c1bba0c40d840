"""`sopap demo`: a ready-to-try web application on 127.0.0.1 with example data and one user per role."""

from __future__ import annotations

import gc
import io
import os
import shutil
from pathlib import Path

import click


@click.command()
@click.option("--port", default=8000, show_default=True, type=int, help="Port / port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat / address to listen on.")
@click.option(
    "--setup-only", is_flag=True, help="Siapkan data tanpa menjalankan server / build the data only."
)
@click.option("--reset", is_flag=True, help="Hapus basis data demo dulu / start from an empty database.")
def demo(port: int, host: str, setup_only: bool, reset: bool) -> None:
    """Jalankan aplikasi web dengan data contoh / run the web app with example data.

    Data lives in $SOPAP_DATA_DIR (default ./var).
    """
    os.environ.setdefault("SOPAP_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
    hosts = os.environ.get("SOPAP_ALLOWED_HOSTS", "127.0.0.1,localhost")
    if host not in hosts.split(",") and host not in {"0.0.0.0", "::"}:
        hosts = f"{hosts},{host}"
    os.environ["SOPAP_ALLOWED_HOSTS"] = hosts
    os.environ.setdefault("SOPAP_PUBLIC_URL", public_url(host, port))
    data_dir = Path(os.environ.get("SOPAP_DATA_DIR") or "var").resolve()
    if reset and not os.environ.get("SOPAP_DATABASE_URL"):
        database = data_dir / "sopap.sqlite3"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(data_dir / "static", ignore_errors=True)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    if reset and os.environ.get("SOPAP_DATABASE_URL"):
        call_command("flush", verbosity=0, interactive=False)

    from sopap.web.demo import setup

    users = setup()
    call_command("berlakukan_terjadwal", verbosity=0, stdout=io.StringIO())
    click.echo(f"sopap demo — data: {data_dir}")
    click.echo("Pengguna demo / demo users (nama pengguna / kata sandi):")
    for user in users:
        click.echo(f"  {user.username:<13} {user.password:<20} {user.description}")
    if setup_only:
        return
    click.echo(
        f"Buka / open: http://{host}:{port}/katalog/  ·  masuk / log in: http://{host}:{port}/akun/masuk/"
    )
    from sopap.cli import PYTHON_GC_THRESHOLD
    from sopap.web.worker import Background

    # No worker process to start by hand: the demo runs one, and the daily schedule, in threads of its own.
    Background().start()

    gc.set_threshold(*PYTHON_GC_THRESHOLD)  # a server runs for days: collect as Python normally does
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)


def public_url(host: str, port: int) -> str:
    """This server's own address, which the demo's decreed SOPs print with their QR code (a PDF keeps the
    address it was drawn with, so the default port's would be a dead link on any other)."""
    if host in {"0.0.0.0", "::"}:
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"
