"""Backup and restore of a whole installation: `sopap export-all` and `sopap import-all`.

A backup is a zip: one JSON Lines file per model under data/ (rows sorted by primary key, keys sorted,
text exactly as stored), uploaded files under files/, and manifest.json (format version, export time,
row counts, the fields of each model and the SHA-256 of every other file). The same database always
exports to the same bytes but for the manifest's export time, whichever database (SQLite or PostgreSQL)
it lives in, so two backups are compared with `cmp` and a restore is checked by exporting it again.

Restoring writes into an empty, migrated database in one transaction, keeping every primary key, with
raw inserts: the timestamps are the recorded ones (not "now"), the append-only logs only ever see
INSERTs, which their triggers allow, and no signal or service runs. PostgreSQL's sequences are then set
past the largest key.

Every model of every installed app is either in EXPORTED or, with the reason, in EXCLUDED; a test fails
when a new model is in neither.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "sopap-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
FILES_DIR = "files/"
# Zip entries carry a modification time; a fixed one keeps the archive's bytes a function of its content.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BATCH = 500

# In the order they are restored: what a row points to comes before it (foreign keys are checked at
# commit on both databases, so the order matters only for reading, and for SopDocument <-> Revision not
# at all).
EXPORTED: tuple[str, ...] = (
    "auth.group",
    "auth.user",
    "organisations.pemda",
    "organisations.perangkatdaerah",
    "organisations.unit",
    "organisations.jabatan",
    "organisations.membership",
    "organisations.profile",
    "organisations.verificationstep",
    "organisations.accountevent",
    "organisations.pdevent",
    "authoring.sopdocument",
    "authoring.revision",
    "authoring.revisionedit",
    "authoring.officialdocument",
    "workflow.transition",
    "workflow.stepnote",
    "workflow.trial",
    "workflow.withdrawalproposal",
    "workflow.acknowledgementrequest",
    "workflow.acknowledgement",
    "catalog.catalogentry",
    "catalog.catalogword",
    "catalog.sinonim",
    "monitoring.monitoring",
    "monitoring.review",
    "monitoring.evaluation",
    "monitoring.evaluationentry",
    "monitoring.digest",
    "monitoring.digestitem",
    "inventory.inventoryentry",
    "inventory.inventoryevent",
    "books.booksettings",
    "books.bookevent",
    "importing.importevent",
    "admin.logentry",
)

EXCLUDED: dict[str, str] = {
    "contenttypes.contenttype": "made by migrate; rows that point to one carry its natural key",
    "auth.permission": "made by migrate; groups and users carry each permission's natural key",
    "sessions.session": "logins in progress: a restored installation starts with everyone logged out",
    "organisations.apitoken": "personal API tokens are credentials, as sessions are: after a restore their "
    "owners make new ones (their making and revoking stays in the account events)",
    "organisations.signingcertificate": "the agency's private signing keys: a backup travels (off-site "
    "copies, other hands) and must not carry a key that signs in the Pemda's name, even encrypted, the "
    "more so as the restored installation's secret may differ and leave it unreadable; the admin uploads "
    "it again, and its uploads and removals stay in the PD events",
    "organisations.apiratecount": "the JSON API's rate-limit counts, a minute long each",
    "axes.accessattempt": "failed-login counters, which lock an account for a quarter of an hour only",
    "axes.accessattemptexpiration": "when each of those counters ends",
    "axes.accessfailurelog": "django-axes' record of failed logins, kept for the lockouts only",
    "axes.accesslog": "django-axes' record of logins, kept for the lockouts only",
    "catalog.cataloggeneration": "a number the database counts up for the catalog's page cache; a restored "
    "database starts its own",
    "authoring.renderedfile": "the render cache: every file is drawn again from the revision's text on demand",
    "django_tasks_database.dbtaskresult": "the queue of background tasks: those in progress are queued again by "
    "what needs them (a decree's downloads are drawn again on demand), finished ones are history",
    "jobs.job": "the users' background jobs and their results, which the work that made them can make again",
    "importing.importbatch": "uploads waiting for review: what was accepted is in the SOPs, and the import "
    "events record who imported what",
    "importing.importfile": "the uploaded files of those batches",
    "importing.foundsop": "the SOPs found in those files, before a drafter accepted them",
    "jobs.scheduledrun": "which day's scheduled work was queued: a restored installation queues today's anew",
}

# Rows pointing to these carry the target's natural key: their primary keys are whatever the target's
# migrate gave them.
NATURAL = ("contenttypes.contenttype", "auth.permission")

# Exported models whose first rows a migration writes, so that a freshly migrated database already has
# them: they do not make a database "not empty", and a restore replaces them with the backup's rows.
SEEDED: tuple[str, ...] = ("catalog.sinonim",)


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why, in Indonesian and English."""


@dataclass
class RestoreResult:
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    with_passwords: bool = False


def covered_models() -> set[str]:
    return set(EXPORTED) | set(EXCLUDED)


def installed_models() -> set[str]:
    return {m._meta.label_lower for m in apps.get_models(include_auto_created=False)}


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields]


def _many(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [f for f in model._meta.local_many_to_many if _through(f)._meta.auto_created]


def _through(m2m: models.ManyToManyField[Any, Any]) -> type[models.Model]:
    through = m2m.remote_field.through
    assert isinstance(through, type) and issubclass(through, models.Model)
    return through


def _target(f: models.Field[Any, Any]) -> str:
    """The label of the model a relation points to."""
    related = f.related_model
    assert isinstance(related, type) and issubclass(related, models.Model)
    return related._meta.label_lower


def _field_names(model: type[models.Model]) -> list[str]:
    return sorted([f.attname for f in _columns(model)] + [f.name for f in _many(model)])


def _is_natural(f: models.Field[Any, Any]) -> bool:
    return bool(f.is_relation and _target(f) in NATURAL)


# ------------------------------------------------------------------------------------------- values


def _encode(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.DateTimeField):
        # Full precision and one zone, whatever the database hands back (SQLite and PostgreSQL differ).
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value // dt.timedelta(microseconds=1)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(f, models.FileField):
        return str(value) or ""
    return value


def _decode(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(f, models.DurationField):
        return dt.timedelta(microseconds=value)
    if isinstance(f, models.BinaryField):
        return bytes.fromhex(value)
    if isinstance(f, models.JSONField | models.FileField):
        return value
    if f.is_relation:
        target = f.target_field  # type: ignore[attr-defined]
        return target.to_python(value)
    return f.to_python(value)


def _line(row: dict[str, Any]) -> bytes:
    # Sorted keys everywhere, in JSON values too: PostgreSQL's jsonb keeps its own key order, SQLite the
    # order written, and the backup must not tell the two apart.
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"


# ------------------------------------------------------------------------------------------- export


def _natural_keys() -> dict[str, dict[Any, list[str]]]:
    return {
        "contenttypes.contenttype": {
            pk: [app, name] for pk, app, name in ContentType.objects.values_list("pk", "app_label", "model")
        },
        "auth.permission": {
            pk: [codename, app, name]
            for pk, codename, app, name in Permission.objects.values_list(
                "pk", "codename", "content_type__app_label", "content_type__model"
            )
        },
    }


def _rows(model: type[models.Model], *, with_passwords: bool, natural: dict[str, Any]) -> Iterator[bytes]:
    columns = _columns(model)
    many: dict[str, dict[Any, list[Any]]] = {}
    for m2m in _many(model):
        through = _through(m2m)
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        links: dict[Any, list[Any]] = defaultdict(list)
        target_label = _target(m2m)
        for owner, other in through._default_manager.values_list(f"{source}_id", f"{target}_id"):
            links[owner].append(natural[target_label][other] if target_label in NATURAL else other)
        many[m2m.name] = {owner: sorted(values) for owner, values in links.items()}
    hide_password = model._meta.label_lower == "auth.user" and not with_passwords
    queryset = model._base_manager.order_by("pk").values_list(*[f.attname for f in columns])
    for values in queryset.iterator(chunk_size=2000):
        row: dict[str, Any] = {}
        for f, value in zip(columns, values, strict=True):
            if _is_natural(f):
                row[f.attname] = None if value is None else natural[_target(f)][value]
            else:
                row[f.attname] = _encode(f, value)
        if hide_password:
            row["password"] = None
        pk = values[columns.index(model._meta.pk)]
        for name, links in many.items():
            row[name] = links.get(pk, [])
        yield _line(row)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _write(archive: zipfile.ZipFile, name: str, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Stream ``chunks`` into the entry ``name``; its SHA-256 and how many chunks there were."""
    sha = hashlib.sha256()
    count = 0
    # Streamed, not built in memory: a province's edit log runs to gigabytes (hence ZIP64 too).
    with archive.open(_entry(name), "w", force_zip64=True) as stream:
        for chunk in chunks:
            sha.update(chunk)
            stream.write(chunk)
            count += 1
    return sha.hexdigest(), count


def _file_chunks(storage: Any, name: str) -> Iterator[bytes]:
    with storage.open(name, "rb") as source:
        yield from iter(lambda: source.read(1 << 20), b"")


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = defaultdict(list)
    for app, name in MigrationRecorder(connections["default"]).applied_migrations():
        applied[app].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole export, so that the files agree with each other,
    without stopping the people at work: they go on saving while the backup reads."""
    connection = connections["default"]
    if connection.in_atomic_block:  # the caller's transaction is that view already
        yield
        return
    if connection.vendor == "sqlite":
        # Not Django's transaction: ours takes the write lock at its start (IMMEDIATE), which would hold
        # every save for as long as the export runs. A deferred one only reads, from one WAL snapshot.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def export_all(out: Path, *, with_passwords: bool = False) -> dict[str, int]:
    """Write the whole installation to ``out`` (replaced only once complete); returns the row counts."""
    from sopap import __version__

    out = Path(out)
    counts: dict[str, int] = {}
    models_manifest: dict[str, Any] = {}
    files_manifest: dict[str, str] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    # Made readable by its owner only (mkstemp's 0600), as it holds every account and document.
    handle, temporary = tempfile.mkstemp(prefix=".sopap-backup-", suffix=".zip", dir=out.parent)
    os.close(handle)
    try:
        connection = connections["default"]
        with _snapshot(), zipfile.ZipFile(temporary, "w") as archive:
            natural = _natural_keys()
            uploads: dict[str, Any] = {}  # file name -> its storage
            for label in EXPORTED:
                model = _model(label)
                name = f"{DATA_DIR}{label}.jsonl"
                digest, count = _write(
                    archive, name, _rows(model, with_passwords=with_passwords, natural=natural)
                )
                models_manifest[label] = {
                    "file": name,
                    "rows": count,
                    "fields": _field_names(model),
                    "sha256": digest,
                }
                counts[label] = count
                for f in _file_fields(model):
                    for stored in model._base_manager.exclude(**{f.attname: ""}).values_list(
                        f.attname, flat=True
                    ):
                        if stored:  # a nullable file field holds None when empty
                            uploads[str(stored)] = f.storage
            for stored, storage in sorted(uploads.items()):
                files_manifest[stored], _chunks_written = _write(
                    archive, FILES_DIR + stored, _file_chunks(storage, stored)
                )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "exported_at": timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
                "sopap_version": __version__,
                "database": connection.vendor,
                "with_passwords": with_passwords,
                "migrations": _migrations(),
                "models": models_manifest,
                "files": files_manifest,
            }
            text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
            _write(archive, MANIFEST, [text.encode()])
        os.replace(temporary, out)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return counts


# ------------------------------------------------------------------------------------------- import


def _refuse(indonesian: str, english: str) -> BackupError:
    return BackupError(f"{indonesian}\n{english}")


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise _refuse(
            "Berkas ini bukan cadangan sopap (manifest.json tidak ada atau rusak).",
            f"This is not a sopap backup (manifest.json missing or unreadable: {exc}).",
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("Berkas ini bukan cadangan sopap.", "This is not a sopap backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _refuse(
            f"Versi format cadangan {manifest.get('format_version')} tidak dikenal (dikenal: {FORMAT_VERSION}).",
            f"Unknown backup format version {manifest.get('format_version')} (known: {FORMAT_VERSION}).",
        )
    return manifest


def _verify(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    expected = {entry["file"]: entry["sha256"] for entry in manifest["models"].values()}
    expected |= {FILES_DIR + name: digest for name, digest in manifest.get("files", {}).items()}
    present = set(archive.namelist()) - {MANIFEST}
    if present != set(expected):
        raise _refuse(
            "Isi cadangan tidak sesuai dengan manifest.json (berkas hilang atau tambahan).",
            f"The backup's content does not match manifest.json: missing {sorted(set(expected) - present)}, "
            f"unexpected {sorted(present - set(expected))}.",
        )
    for name, digest in expected.items():
        sha = hashlib.sha256()
        with archive.open(name) as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                sha.update(chunk)
        if sha.hexdigest() != digest:
            raise _refuse(
                f"Cadangan rusak: isi {name} tidak sesuai dengan sidik SHA-256 di manifest.json.",
                f"Damaged backup: {name} does not match its SHA-256 in manifest.json.",
            )


def _check_fields(manifest: dict[str, Any]) -> None:
    unknown = sorted(set(manifest["models"]) - set(EXPORTED))
    if unknown:
        raise _refuse(
            f"Cadangan memuat data yang tidak dikenal versi ini: {', '.join(unknown)}.",
            f"The backup holds data this version does not know: {', '.join(unknown)}.",
        )
    for label, entry in manifest["models"].items():
        model = _model(label)
        have = set(_field_names(model))
        extra = sorted(set(entry["fields"]) - have)
        # A field this version added is filled with its default; one that has none cannot be guessed.
        lacking = [
            f.attname
            for f in _columns(model)
            if f.attname not in entry["fields"] and not (f.null or f.has_default())
        ]
        if extra or lacking:
            raise _refuse(
                f"Susunan data {label} di cadangan berbeda dengan versi ini; pulihkan dengan versi sopap "
                f"yang membuatnya ({manifest.get('sopap_version')}).",
                f"{label} in the backup does not fit this version (unknown fields {extra}, missing {lacking});"
                f" restore it with the sopap version that wrote it ({manifest.get('sopap_version')}).",
            )


def occupied_tables() -> dict[str, int]:
    """The exported models that already have rows in the database, with their row counts."""
    found: dict[str, int] = {}
    for label in EXPORTED:
        if label in SEEDED:
            continue
        count = _model(label)._base_manager.count()
        if count:
            found[label] = count
    return found


def _refuse_unless_empty() -> None:
    found = occupied_tables()
    if found:
        listed = ", ".join(f"{label} ({count})" for label, count in found.items())
        raise _refuse(
            "Basis data tujuan tidak kosong; cadangan hanya dipulihkan ke basis data baru yang sudah "
            f"dimigrasi dan belum berisi data. Sudah berisi: {listed}.",
            "The target database is not empty; a backup is restored only into a new, migrated database "
            f"with no data. It already holds: {listed}.",
        )


def _lines(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    with archive.open(name) as stream:
        for raw in stream:
            if raw.strip():
                yield json.loads(raw)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Naturals:
    """The target's primary keys of content types and permissions, from the natural keys in the backup."""

    def __init__(self) -> None:
        self._types: dict[tuple[str, str], int] = {}
        self._permissions: dict[tuple[str, str, str], int] | None = None

    def content_type(self, key: list[str]) -> int:
        app, name = key
        if (app, name) not in self._types:
            self._types[(app, name)] = ContentType.objects.get_or_create(app_label=app, model=name)[0].pk
        return self._types[(app, name)]

    def permission(self, key: list[str]) -> int:
        if self._permissions is None:
            self._permissions = {
                (codename, app, name): pk
                for pk, codename, app, name in Permission.objects.values_list(
                    "pk", "codename", "content_type__app_label", "content_type__model"
                )
            }
        codename, app, name = key
        found = self._permissions.get((codename, app, name))
        if found is None:
            found = Permission.objects.create(
                codename=codename, name=codename, content_type_id=self.content_type([app, name])
            ).pk
            self._permissions[(codename, app, name)] = found
        return found

    def resolve(self, label: str, key: list[str]) -> int:
        return self.content_type(key) if label == "contenttypes.contenttype" else self.permission(key)


def _restore_model(archive: zipfile.ZipFile, label: str, entry: dict[str, Any], naturals: _Naturals) -> int:
    model = _model(label)
    columns = _columns(model)
    many = _many(model)
    pk_name = model._meta.pk.attname
    is_user = label == "auth.user"
    links: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    connection = connections["default"]
    count = 0

    def parameters(row: dict[str, Any]) -> list[Any]:
        values: list[Any] = []
        for f in columns:
            if f.attname not in row:
                value = f.get_default()
            elif _is_natural(f):
                key = row[f.attname]
                value = None if key is None else naturals.resolve(_target(f), key)
            else:
                value = _decode(f, row[f.attname])
            if is_user and f.attname == "password" and value is None:
                value = make_password(None)  # nobody can log in before an admin resets it
            values.append(f.get_db_prep_save(value, connection))
        for m2m in many:
            target_label = _target(m2m)
            for other in row.get(m2m.name, []):
                resolved = naturals.resolve(target_label, other) if target_label in NATURAL else other
                links[m2m.name].append((row[pk_name], resolved))
        return values

    # Plain INSERTs of the recorded values (auto_now timestamps included), many rows a statement: no
    # model instances, no save(), no signals. The append-only logs' triggers let INSERT through.
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(str(f.column)) for f in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for chunk in _chunks(_lines(archive, entry["file"]), BATCH):
            cursor.executemany(sql, [parameters(row) for row in chunk])
            count += len(chunk)
    for m2m in many:
        through = _through(m2m)
        source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
        through._base_manager.bulk_create(
            [through(**{source: owner, target: other}) for owner, other in links[m2m.name]], batch_size=BATCH
        )
    if count != entry["rows"]:
        raise _refuse(
            f"Cadangan rusak: {label} memuat {count} baris, manifest.json menyebut {entry['rows']}.",
            f"Damaged backup: {label} holds {count} rows, manifest.json says {entry['rows']}.",
        )
    return count


def _restore_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> int:
    names = sorted(manifest.get("files", {}))
    if not names:
        return 0
    storages = {id(f.storage): f.storage for label in EXPORTED for f in _file_fields(_model(label))}
    if len(storages) != 1:
        raise _refuse(
            "Berkas unggahan di cadangan tidak dapat dipulihkan: penyimpanan tujuan tidak jelas.",
            "The backup's uploaded files cannot be restored: no single storage to restore them into.",
        )
    storage = next(iter(storages.values()))
    for name in names:
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(archive.read(FILES_DIR + name)))
        if saved != name:
            raise _refuse(
                f"Berkas {name} tersimpan dengan nama lain ({saved}).",
                f"{name} was stored under another name ({saved}).",
            )
    return len(names)


def import_all(source: Path | IO[bytes]) -> RestoreResult:
    """Restore a backup written by :func:`export_all` into an empty database, in one transaction."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise _refuse(
            f"Berkas cadangan tidak dapat dibuka: {exc}", f"Cannot open the backup: {exc}"
        ) from None
    with archive:
        manifest = read_manifest(archive)
        _verify(archive, manifest)
        _check_fields(manifest)
        result = RestoreResult(with_passwords=bool(manifest.get("with_passwords")))
        naturals = _Naturals()
        with transaction.atomic():
            _refuse_unless_empty()
            result.files = _restore_files(archive, manifest)
            for label in EXPORTED:
                entry = manifest["models"].get(label)
                if entry is None:  # a model this version added: nothing of it to restore
                    result.counts[label] = 0
                    continue
                if label in SEEDED:
                    _model(label)._base_manager.all().delete()
                result.counts[label] = _restore_model(archive, label, entry, naturals)
            connection = connections["default"]
            restored = [_model(label) for label in EXPORTED]
            restored += [_through(m2m) for model in restored for m2m in _many(model)]
            statements = connection.ops.sequence_reset_sql(no_style(), restored)
            if statements:
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
    return result
