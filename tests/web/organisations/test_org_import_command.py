"""`sopap org-import` on a database: loads a Pemda from a file, says what it did, changes nothing the second
time, lists what the file lacks without deleting it, takes the first admin's password from the environment or
a prompt or makes one up and shows it once, and refuses a weak one writing nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from sopap.cli import organisation as command
from sopap.cli.main import cli
from sopap.web.organisations.models import Pemda, Unit
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

SERANG = EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml"

SMALL = """\
versi_format: 1
pemerintah: Pemerintah Kota Contoh
perangkat_daerah:
  - nama: Dinas Kesehatan Kota Contoh
    unit:
      - nama: Sekretariat
        jabatan: [Sekretaris]
admin_pertama: {nama_pengguna: admin.ortala, nama_lengkap: Bagian Organisasi}
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "contoh.org.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(cli, ["org-import", *args], env=env, input=input)


def test_the_first_import_lists_what_it_created_and_the_second_says_nothing_changed():
    first = run(str(SERANG))
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert lines[0] == f"{SERANG}: Pemerintah Kota Serang"
    assert "  + perangkat daerah Dinas Komunikasi dan Informatika Kota Serang" in lines
    assert (
        "  + unit Dinas Komunikasi dan Informatika Kota Serang › Sekretariat › Sub Bagian Keuangan" in lines
    )
    assert lines[-1] == "49 dibuat, 0 diubah"
    again = run(str(SERANG), "--lang", "en")
    assert again.exit_code == 0
    assert again.output.splitlines()[1:] == [
        "0 created, 0 changed",
        "Nothing changed: the database already matches this file.",
    ]


def test_a_made_up_password_is_shown_once_and_works(small):
    result = run(str(small))
    assert result.exit_code == 0, result.output
    shown = result.output.split("Kata sandi admin pertama admin.ortala: ")[1].split("\n")[0]
    assert get_user_model().objects.get(username="admin.ortala").check_password(shown)
    again = run(str(small))
    assert "Kata sandi" not in again.output and "Tidak ada yang berubah" in again.output


def test_the_password_comes_from_sopap_admin_sandi_or_from_the_prompt(small, monkeypatch):
    result = run(str(small), env={"SOPAP_ADMIN_SANDI": "sandi-dari-lingkungan-1"})
    assert result.exit_code == 0 and "Kata sandi admin pertama" not in result.output
    assert get_user_model().objects.get(username="admin.ortala").check_password("sandi-dari-lingkungan-1")

    other = small.with_name("lain.org.yaml")
    other.write_text(SMALL.replace("admin.ortala", "admin.kedua"), encoding="utf-8")
    monkeypatch.setattr(command, "_interactive", lambda: True)
    typed = run(str(other), input="sandi-diketik-2026\nsandi-diketik-2026\n")
    assert typed.exit_code == 0, typed.output
    assert get_user_model().objects.get(username="admin.kedua").check_password("sandi-diketik-2026")


def test_a_weak_password_is_refused_and_nothing_is_written(small):
    result = run(str(small), env={"SOPAP_ADMIN_SANDI": "12345678"})
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("kata sandi admin pertama “admin.ortala”: ")
    assert Pemda.objects.count() == 0 and not get_user_model().objects.exists()


def test_what_the_database_has_and_the_file_lacks_is_listed_not_deleted(small):
    run(str(small))
    Unit.objects.create(pd=Unit.objects.get().pd, nama="Bidang Lama")
    result = run(str(small))
    assert result.output.splitlines()[-2:] == [
        "Ada di basis data tetapi tidak di berkas (tidak dihapus; hapus di aplikasi bila memang tidak dipakai lagi):",
        "  ? unit Dinas Kesehatan Kota Contoh › Bidang Lama",
    ]
    assert Unit.objects.filter(nama="Bidang Lama").exists()


def test_a_dry_run_reports_and_writes_nothing(small):
    result = run(str(small), "--dry-run")
    assert result.exit_code == 0
    assert "Pemeriksaan saja (--dry-run): tidak ada yang ditulis." in result.output
    assert "  + admin admin.ortala" in result.output and "Kata sandi admin" not in result.output
    assert Pemda.objects.count() == 0
