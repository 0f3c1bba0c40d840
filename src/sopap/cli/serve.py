"""`sopap serve`, the production server, `sopap worker`, its background jobs, and `sopap migrate`.

Both read their settings from SOPAP_* variables only (the README's table); Django is imported once a command
runs, so `sopap --help` stays fast.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

import click

FLAGS_TRUE = {"1", "true", "yes", "on"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in FLAGS_TRUE


def _refuse(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


def _say(message: str) -> None:
    click.echo(message, err=True)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        _refuse(f"sopap: pengaturan salah / invalid setting: {exc}")


def _require_production_settings(command: str) -> None:
    """No development secret key outside the demo and the tests, and no demo settings in production."""
    if _flag("SOPAP_DEMO"):
        _refuse(
            f"sopap {command}: SOPAP_DEMO=1 hanya untuk `sopap demo`; hapus dari lingkungan server.\n"
            f"sopap {command}: SOPAP_DEMO=1 is for `sopap demo` only; remove it from the server's environment."
        )
    if not os.environ.get("SOPAP_SECRET_KEY", "").strip() and not _flag("SOPAP_DEBUG"):
        _refuse(
            f"sopap {command}: SOPAP_SECRET_KEY belum diisi. Isi dengan kunci acak yang rahasia, misalnya "
            'hasil `python3 -c "import secrets; print(secrets.token_urlsafe(50))"`, dan simpan di berkas '
            "lingkungan server (lihat docs/deployment.md). SOPAP_DEBUG=1 menjalankan tanpa kunci, hanya "
            "untuk pengembangan.\n"
            f"sopap {command}: SOPAP_SECRET_KEY is not set. Set it to a random secret, for example the output "
            'of `python3 -c "import secrets; print(secrets.token_urlsafe(50))"`, kept in the server\'s '
            "environment file (see docs/deployment.md). SOPAP_DEBUG=1 runs without one, for development only."
        )


def _print_waiting() -> None:
    _say(
        "sopap: proses lain sedang memigrasi basis data; menunggu ...\n"
        "sopap: another process is migrating the database; waiting ..."
    )


@click.command()
def migrate() -> None:
    """Migrasikan basis data ke versi kode ini / migrate the database to this version of the code.

    One process at a time: a second one waits for the first (a file lock for SQLite, an advisory lock for
    PostgreSQL), then has nothing left to do.
    """
    _require_production_settings("migrate")
    _setup_django()
    from sopap.web.migrating import migrate as migrate_locked

    migrate_locked(stdout=sys.stdout, on_wait=_print_waiting)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="SOPAP_HOST",
    help="Alamat / address to listen on ($SOPAP_HOST).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    envvar="SOPAP_PORT",
    help="Port ($SOPAP_PORT).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    envvar="SOPAP_WORKERS",
    help="Jumlah proses / worker processes ($SOPAP_WORKERS; default: 2 x inti + 1, paling banyak 9 / "
    "2 x cores + 1, at most 9).",
)
def serve(host: str, port: int, workers: int | None) -> None:
    """Jalankan server produksi / run the production server (gunicorn).

    Before it listens: migrates the database when SOPAP_MIGRATE_ON_START=1 (else refuses an unmigrated
    one), and collects the static files into $SOPAP_DATA_DIR/static under hashed names.
    """
    _require_production_settings("serve")
    _setup_django()
    from django.conf import settings
    from django.db import connections

    from sopap.web import migrating, serving, static_collect

    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY and not settings.DEBUG:
        _refuse(
            "sopap serve: SOPAP_SECRET_KEY berisi kunci pengembangan yang tertulis di kode sumber.\n"
            "sopap serve: SOPAP_SECRET_KEY holds the development key written in the source code."
        )
    if _flag("SOPAP_MIGRATE_ON_START"):
        migrating.migrate(stdout=sys.stderr, on_wait=_print_waiting, verbosity=1)
    else:
        pending = migrating.pending_migrations()
        if pending:
            _refuse(
                f"sopap serve: basis data belum dimigrasi ({len(pending)} migrasi tertunda, mis. {pending[0]}); "
                "jalankan `sopap migrate` dulu, atau set SOPAP_MIGRATE_ON_START=1.\n"
                f"sopap serve: the database is not migrated ({len(pending)} pending, e.g. {pending[0]}); run "
                "`sopap migrate` first, or set SOPAP_MIGRATE_ON_START=1."
            )
    if settings.HASHED_STATIC:
        static_collect.collect()
    # The workers are forked from this process: none may inherit its database connection.
    connections.close_all()
    workers = workers or serving.default_workers()
    _say(f"sopap serve — http://{serving.bind_address(host, port)}/  ({workers} pekerja / workers)")
    from sopap.cli import PYTHON_GC_THRESHOLD

    gc.set_threshold(*PYTHON_GC_THRESHOLD)  # a server runs for days: collect as Python normally does
    serving.run(host=host, port=port, workers=workers)


@click.command()
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.1, 60),
    help="Detik menunggu bila antrean kosong / seconds to wait when the queue is empty.",
)
@click.option(
    "--batch",
    is_flag=True,
    help="Jalankan tugas yang sudah antre lalu berhenti, tanpa jadwal harian / run what is queued, then "
    "exit, without the daily schedule.",
)
def worker(interval: float, batch: bool) -> None:
    """Jalankan pekerjaan latar belakang / run the background jobs (django.tasks, database queue).

    Runs the tasks the web nodes queue (rendering downloads, and later books and large imports) and
    queues the daily work once a day (putting decreed SOPs in force on their date, pruning the render
    cache). Any number of workers may run beside any number of web nodes on one database. SIGTERM lets
    the task in progress finish.
    """
    _require_production_settings("worker")
    _setup_django()
    import logging

    from sopap.web import migrating
    from sopap.web import worker as background

    pending = migrating.pending_migrations()
    if pending:
        _refuse(
            f"sopap worker: basis data belum dimigrasi ({len(pending)} migrasi tertunda); jalankan "
            "`sopap migrate` dulu.\n"
            f"sopap worker: the database is not migrated ({len(pending)} pending); run `sopap migrate` first."
        )
    for name in ("django_tasks_db", "django.tasks", "sopap.web.worker"):
        logging.getLogger(name).setLevel(logging.INFO)
    runner = background.worker(interval=interval, batch=batch)
    if not batch:
        background.Scheduler().start()
        _say(f"sopap worker — {runner.worker_id} (jadwal harian aktif / daily schedule on)")
    runner.configure_signals()
    runner.run()
