"""`sopap export-all` / `sopap import-all`: the whole installation to a zip and back, byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import secrets
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from sopap.web import backup
from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.catalog.selectors import catalog_search
from sopap.web.demo import SERANG_PD, setup
from sopap.web.monitoring.models import CRITERIA, Evaluation, EvaluationEntry, Rekomendasi, Review
from sopap.web.organisations.models import AccountEvent, Jabatan, PdEvent, Pemda, PerangkatDaerah, Role
from sopap.web.shared.status import Status
from sopap.web.workflow.models import StepNote

REPO = Path(__file__).resolve().parents[2]
# What a person typed, kept exactly: line breaks of Windows, spaces at the ends, quotes, an emoji.
TYPED = "  Langkah 1 kurang jelas:\r\n“siapa” menerima berkas? 😀  "


def _demo_with_every_kind_of_history() -> None:
    """The demo, plus a returned SOP with step notes, a corrected evaluation, a review without changes, a
    Kaji ulang, changed PD settings, account events, a group with a permission and an admin log entry."""
    from sopap.web.monitoring.services import evaluation_record, review_record
    from sopap.web.organisations.services import account_create, account_set_active, pd_settings_update
    from sopap.web.workflow import services as wf

    setup()
    users = {u.username: u for u in get_user_model().objects.all()}
    submitted = Revision.objects.get(status=Status.DIAJUKAN)
    wf.verification_return(sop=submitted, actor=users["verifikator1"], notes=TYPED, step_notes={1: TYPED})
    evaluated = Evaluation.objects.get()
    evaluation_record(
        actor=users["kepala"],
        document=evaluated.document,
        tahun=evaluated.tahun,
        answers={key: True for key, _label in CRITERIA},
        rekomendasi=Rekomendasi.TETAP,
        catatan=TYPED,
    )
    in_force = SopDocument.objects.filter(in_force__isnull=False).order_by("pk")
    review_record(actor=users["kepala"], document=in_force[0], tanggal=dt.date.today(), catatan=TYPED)
    assert in_force[1].in_force is not None
    wf.review_open(sop=in_force[1].in_force, actor=users["penyusun"], notes="Kaji ulang")
    pd = PerangkatDaerah.objects.get(nama=SERANG_PD)
    chain = list(Jabatan.objects.filter(pd=pd, nama="Sekretaris"))
    pd_settings_update(
        pd=pd, actor=users["admin"], pola_nomor="800/{urut}/{tahun}", chain=chain, nomor_ulang_tahunan=False
    )
    staff = account_create(
        actor=users["admin"],
        username="staf",
        full_name=TYPED,
        password="kata-sandi-staf-2026",
        role=Role.PENYUSUN,
        pd=pd,
    )
    account_set_active(actor=users["admin"], user=staff, active=False)
    group = Group.objects.create(name="Operator")
    group.permissions.add(Permission.objects.get(codename="view_revision"))
    staff.groups.add(group)
    staff.user_permissions.add(Permission.objects.get(codename="change_pemda"))
    LogEntry.objects.create(
        user=users["admin"],
        content_type=ContentType.objects.get_for_model(Pemda),
        object_id="1",
        object_repr=TYPED,
        action_flag=ADDITION,
        change_message="[]",
    )


def _typed_texts() -> dict[str, Any]:
    return {
        "note": StepNote.objects.get().text,
        "review": Review.objects.get().catatan,
        "evaluations": list(EvaluationEntry.objects.order_by("pk").values_list("catatan", flat=True)),
        "staff": get_user_model().objects.get(username="staf").first_name,
        "admin log": LogEntry.objects.get().object_repr,
    }


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _without_export_time(manifest: bytes) -> dict[str, Any]:
    data = dict(json.loads(manifest))
    del data["exported_at"]
    del data["database"]  # which database wrote it, stated for the reader; the data files are the same
    return data


def _assert_same_but_the_manifest_time(first: Path, second: Path) -> None:
    a, b = _entries(first), _entries(second)
    assert sorted(a) == sorted(b)
    for name in a:
        if name != backup.MANIFEST:
            assert a[name] == b[name], name
    assert _without_export_time(a[backup.MANIFEST]) == _without_export_time(b[backup.MANIFEST])


def test_every_model_of_every_app_is_exported_or_excluded_with_a_reason() -> None:
    assert backup.installed_models() - backup.covered_models() == set(), (
        "a model is neither exported nor excluded: add it to sopap.web.backup.EXPORTED (or EXCLUDED, why)"
    )
    assert backup.covered_models() - backup.installed_models() == set()
    assert not set(backup.EXPORTED) & set(backup.EXCLUDED)
    assert all(reason.strip() for reason in backup.EXCLUDED.values())
    for label in ("organisations.accountevent", "workflow.stepnote", "monitoring.evaluationentry"):
        assert label in backup.EXPORTED


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_exports_the_same_bytes_and_keeps_every_record(tmp_path: Path) -> None:
    _demo_with_every_kind_of_history()
    revision_times = dict(Revision.objects.values_list("pk", "updated_at"))
    typed = _typed_texts()
    assert "\r\n" in typed["note"] and "😀" in typed["note"]
    first = tmp_path / "first.zip"
    counts = backup.export_all(first)
    # The evaluation recommending "disempurnakan" logs the Kaji ulang it opened as a third entry.
    assert counts["workflow.stepnote"] == 1 and counts["monitoring.evaluationentry"] == 3
    assert counts["organisations.pdevent"] >= 2 and counts["organisations.accountevent"] >= 2
    assert counts["monitoring.review"] == 1 and counts["admin.logentry"] == 1

    call_command("flush", verbosity=0, interactive=False)  # an empty, migrated database
    assert backup.occupied_tables() == {}
    result = backup.import_all(first)
    assert result.counts == counts and not result.with_passwords

    second = tmp_path / "second.zip"
    backup.export_all(second)
    _assert_same_but_the_manifest_time(first, second)

    assert _typed_texts() == typed
    assert dict(Revision.objects.values_list("pk", "updated_at")) == revision_times
    assert [e.nama for e in catalog_search(q="renja")] == ["Mekanisme Penyusunan RENJA"]
    staff = get_user_model().objects.get(username="staf")
    assert not staff.is_active
    assert set(staff.groups.get().permissions.values_list("codename", flat=True)) == {"view_revision"}
    assert list(staff.user_permissions.values_list("codename", flat=True)) == ["change_pemda"]
    assert LogEntry.objects.get().content_type == ContentType.objects.get_for_model(Pemda)
    assert PdEvent.objects.filter(action="pd.numbering_changed").exists()
    assert AccountEvent.objects.filter(action="account.deactivated", user=staff).exists()
    # New rows continue after the restored keys (PostgreSQL's sequences were moved past them).
    highest = Pemda.objects.order_by("-pk").values_list("pk", flat=True)[0]
    assert Pemda.objects.create(nama="Kabupaten Baru").pk > highest


@pytest.mark.django_db(transaction=True)
def test_passwords_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    from sopap.web.organisations.services import user_create

    user_create(username="penyusun", password="sandi-rahasia-123", full_name="Penyusun")
    plain, with_hashes = tmp_path / "plain.zip", tmp_path / "hashes.zip"
    backup.export_all(plain)
    backup.export_all(with_hashes, with_passwords=True)
    stored = get_user_model().objects.get().password
    assert stored.encode() not in _entries(plain)["data/auth.user.jsonl"]
    assert stored.encode() in _entries(with_hashes)["data/auth.user.jsonl"]

    call_command("flush", verbosity=0, interactive=False)
    backup.import_all(plain)
    restored = get_user_model().objects.get()
    assert not restored.has_usable_password()
    assert authenticate(username="penyusun", password="sandi-rahasia-123") is None

    call_command("flush", verbosity=0, interactive=False)
    assert backup.import_all(with_hashes).with_passwords
    assert authenticate(username="penyusun", password="sandi-rahasia-123") is not None


def test_a_database_that_holds_data_is_refused_and_left_as_it_was(world: Any, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    backup.export_all(archive)
    before = backup.occupied_tables()
    with pytest.raises(backup.BackupError) as refused:
        backup.import_all(archive)
    assert "Basis data tujuan tidak kosong" in str(refused.value)
    assert "The target database is not empty" in str(refused.value)
    assert "auth.user (11)" in str(refused.value)
    assert backup.occupied_tables() == before


def test_a_damaged_backup_is_refused(world: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.zip"
    backup.export_all(good)
    entries = _entries(good)
    entries["data/organisations.pemda.jsonl"] = entries["data/organisations.pemda.jsonl"].replace(
        b"Serang", b"Cilegon"
    )
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    damaged.seek(0)
    with pytest.raises(backup.BackupError, match=r"Cadangan rusak: isi data/organisations\.pemda\.jsonl"):
        backup.import_all(damaged)
    with pytest.raises(backup.BackupError, match="bukan cadangan sopap"):
        backup.import_all(io.BytesIO(b"PK\x05\x06" + b"\0" * 18))


# ------------------------------------------------------------------- the command line, across databases


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "sopap.cli.main", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_", "PYTEST"))}
    env.update({"SOPAP_SECRET_KEY": secrets.token_urlsafe(50), "SOPAP_DATA_DIR": str(data_dir)})
    if database_url:
        env["SOPAP_DATABASE_URL"] = database_url
    return env


@pytest.fixture
def fresh_postgresql() -> Any:
    """A new, empty PostgreSQL database beside the test database, dropped afterwards."""
    import psycopg

    url = os.environ["SOPAP_DATABASE_URL"]
    name = f"sopap_restore_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urlunparse(urlparse(url)._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _restore_and_export(source: Path, target: Path, env: dict[str, str]) -> str:
    restored = _cli(env, "import-all", str(source))
    _cli(env, "export-all", str(target))
    return restored.stdout


@pytest.mark.django_db
def test_the_commands_restore_a_backup_into_a_new_sqlite_database(tmp_path: Path) -> None:
    _demo_with_every_kind_of_history()
    first = tmp_path / "first.zip"
    backup.export_all(first)
    env = _env(tmp_path / "sqlite", None)
    output = _restore_and_export(first, tmp_path / "second.zip", env)
    assert "workflow.stepnote" in output and "monitoring.evaluationentry" in output
    _assert_same_but_the_manifest_time(first, tmp_path / "second.zip")
    again = subprocess.run(
        [sys.executable, "-m", "sopap.cli.main", "import-all", str(first)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode == 1 and "tidak kosong" in again.stderr


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("SOPAP_DATABASE_URL"), reason="needs scripts/postgres.sh")
@pytest.mark.django_db
def test_sqlite_to_postgresql_and_back_gives_the_same_backup(tmp_path: Path, fresh_postgresql: str) -> None:
    assert connection.vendor == "postgresql"
    _demo_with_every_kind_of_history()
    from_postgresql = tmp_path / "postgresql.zip"
    backup.export_all(from_postgresql)
    from_sqlite = tmp_path / "sqlite.zip"
    _restore_and_export(from_postgresql, from_sqlite, _env(tmp_path / "sqlite", None))
    again = tmp_path / "postgresql-again.zip"
    _restore_and_export(from_sqlite, again, _env(tmp_path / "pg", fresh_postgresql))
    _assert_same_but_the_manifest_time(from_postgresql, from_sqlite)
    _assert_same_but_the_manifest_time(from_sqlite, again)


@pytest.mark.django_db(transaction=True)
def test_uploaded_files_travel_in_the_backup_and_come_back(tmp_path: Path, monkeypatch: Any) -> None:
    """A stand-in file field over Pemda's name, stored in a storage of its own, shows that the files a row
    names (a logo, an official PDF) are saved and put back."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage
    from django.db import models

    storage = FileSystemStorage(location=tmp_path / "uploads")
    logo = models.FileField(storage=storage)
    logo.set_attributes_from_name("nama")
    monkeypatch.setattr(backup, "_file_fields", lambda model: [logo] if model is Pemda else [])
    Pemda.objects.create(nama="logo/kota-serang.png")
    storage.save("logo/kota-serang.png", ContentFile(b"\x89PNG gambar"))
    archive = tmp_path / "backup.zip"
    backup.export_all(archive)
    entries = _entries(archive)
    assert entries["files/logo/kota-serang.png"] == b"\x89PNG gambar"
    assert "logo/kota-serang.png" in json.loads(entries[backup.MANIFEST])["files"]

    call_command("flush", verbosity=0, interactive=False)
    storage.delete("logo/kota-serang.png")
    assert backup.import_all(archive).files == 1
    with storage.open("logo/kota-serang.png", "rb") as restored:
        assert restored.read() == b"\x89PNG gambar"


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_another_schema_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    Pemda.objects.create(nama="Kota Serang")
    archive = tmp_path / "backup.zip"
    backup.export_all(archive)
    entries = _entries(archive)
    manifest = json.loads(entries[backup.MANIFEST])
    manifest["models"]["organisations.pemda"]["fields"].append("lambang")
    entries[backup.MANIFEST] = json.dumps(manifest).encode()
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as out:
        for name, data in entries.items():
            out.writestr(name, data)
    call_command("flush", verbosity=0, interactive=False)
    with pytest.raises(backup.BackupError, match=r"organisations\.pemda di cadangan berbeda"):
        backup.import_all(other)
    assert backup.occupied_tables() == {}


@pytest.mark.django_db(transaction=True)
def test_people_keep_saving_while_a_backup_is_written_and_it_holds_one_moment(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from django.db import connections

    Pemda.objects.create(nama="Kota Serang")
    rows = backup._rows
    saved: list[Any] = []

    def save_meanwhile() -> None:
        try:
            saved.append(Pemda.objects.create(nama="Kabupaten Serang").pk)
        except Exception as exc:
            saved.append(exc)
        finally:
            connections.close_all()

    def rows_while_someone_saves(model: Any, **kwargs: Any) -> Any:
        if model is Pemda:
            writer = threading.Thread(target=save_meanwhile)
            writer.start()
            writer.join()
        return rows(model, **kwargs)

    monkeypatch.setattr(backup, "_rows", rows_while_someone_saves)
    archive = tmp_path / "backup.zip"
    counts = backup.export_all(archive)
    assert len(saved) == 1 and isinstance(saved[0], int), saved
    assert Pemda.objects.count() == 2
    assert counts["organisations.pemda"] == 1  # the backup is of the moment it began
    assert b"Kabupaten" not in _entries(archive)["data/organisations.pemda.jsonl"]


@pytest.mark.django_db(transaction=True)
def test_rows_a_migration_seeds_are_replaced_by_the_backups(tmp_path: Path, monkeypatch: Any) -> None:
    """A table a migration fills (a first list of abbreviations, say) does not make a new database "not
    empty"; the backup's rows take the place of the seeds. Pemda stands in for such a table here."""
    Pemda.objects.create(nama="Kota Serang")
    archive = tmp_path / "backup.zip"
    backup.export_all(archive)
    call_command("flush", verbosity=0, interactive=False)
    Pemda.objects.create(nama="Isian awal dari migrasi")
    with pytest.raises(backup.BackupError, match="tidak kosong"):
        backup.import_all(archive)
    monkeypatch.setattr(backup, "SEEDED", ("organisations.pemda",))
    assert backup.occupied_tables() == {}
    backup.import_all(archive)
    assert list(Pemda.objects.values_list("nama", flat=True)) == ["Kota Serang"]
