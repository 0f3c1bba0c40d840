"""Loading a Pemda from an organisation file: once, again without change, with renames applied, nothing
deleted silently, all or nothing, and its first admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from sopap.core.organisation import OrgFileInvalid, read_org_text
from sopap.core.organisation_files import read_org_path
from sopap.web.organisations.models import (
    AccountEvent,
    Jabatan,
    Membership,
    Pemda,
    PerangkatDaerah,
    Role,
    Unit,
)
from sopap.web.organisations.services import organisation_import
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

SERANG = EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml"
PD = "Dinas Komunikasi dan Informatika Kota Serang"

SMALL = """\
versi_format: 1
pemerintah: Pemerintah Kota Contoh
perangkat_daerah:
  - nama: Dinas Kesehatan Kota Contoh
    kode: "07"
    pola_nomor: "800/DINKES/{urut}/{tahun}"
    kepala: {jabatan: Kepala Dinas Kesehatan, nama: dr. Siti Aminah}
    jabatan: [Kepala Dinas]
    unit:
      - nama: Sekretariat
        kode: "01"
        jabatan: [Sekretaris]
        unit:
          - nama: Sub Bagian Keuangan
            jabatan: [Kepala Sub Bagian Keuangan]
"""


def load(text: str, **kwargs):
    return organisation_import(source=read_org_text(text, path="contoh.org.yaml"), **kwargs)


def snapshot() -> list[tuple]:
    return [
        *PerangkatDaerah.objects.values_list(
            "nama", "singkatan", "kode", "pola_nomor", "kepala_nama"
        ).order_by("id"),
        *Unit.objects.values_list("nama", "kode", "parent__nama", "urutan").order_by("id"),
        *Jabatan.objects.values_list("nama", "unit__nama", "alias").order_by("id"),
    ]


def test_the_serang_file_creates_its_pd_units_and_positions_and_reports_each():
    report = organisation_import(source=read_org_path(SERANG))
    kinds = [c.kind for c in report.created]
    assert kinds.count("pemda") == 1 and kinds.count("perangkat_daerah") == 1
    assert kinds.count("unit") == Unit.objects.count() == 20
    assert kinds.count("jabatan") == Jabatan.objects.count()
    assert report.changed and report.updated == [] and report.not_in_file == []
    keuangan = Unit.objects.get(nama="Sub Bagian Keuangan")
    assert keuangan.path_names == ["Sekretariat", "Sub Bagian Keuangan"] and keuangan.kode_path == "01"


def test_loading_the_same_file_again_changes_nothing_and_says_so():
    organisation_import(source=read_org_path(SERANG))
    before = snapshot()
    report = organisation_import(source=read_org_path(SERANG))
    assert not report.changed and report.created == [] and report.updated == []
    assert snapshot() == before


def test_a_changed_name_is_applied_to_what_its_code_or_old_name_matches():
    load(SMALL)
    renamed = (
        SMALL.replace("Dinas Kesehatan Kota Contoh", "Dinas Kesehatan dan KB Kota Contoh")
        .replace("- nama: Sekretariat", "- nama: Sekretariat Dinas")
        .replace("[Sekretaris]", "[{nama: Sekretaris Dinas, alias: [Sekretaris]}]")
        .replace("dr. Siti Aminah", "dr. Siti Aminah M.Kes.")
    )
    report = load(renamed)
    assert [(c.kind, c.name, c.fields) for c in report.updated] == [
        ("perangkat_daerah", "Dinas Kesehatan Kota Contoh", ("nama", "kepala_nama")),
        ("unit", "Dinas Kesehatan dan KB Kota Contoh › Sekretariat", ("nama",)),
        ("jabatan", "Dinas Kesehatan dan KB Kota Contoh › Sekretaris", ("nama", "alias")),
    ]
    assert report.created == [] and report.not_in_file == []
    assert PerangkatDaerah.objects.get().nama == "Dinas Kesehatan dan KB Kota Contoh"
    assert Jabatan.objects.get(nama="Sekretaris Dinas").alias == ["Sekretaris"]
    assert Unit.objects.get(nama="Sub Bagian Keuangan").parent.nama == "Sekretariat Dinas"


def test_what_the_database_has_and_the_file_lacks_is_reported_and_kept():
    load(SMALL)
    pemda = Pemda.objects.get()
    PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Pendidikan Kota Contoh")
    shorter = SMALL.replace(
        "        unit:\n          - nama: Sub Bagian Keuangan\n            jabatan: [Kepala Sub Bagian Keuangan]\n",
        "",
    )
    report = load(shorter)
    assert [(c.kind, c.name) for c in report.not_in_file] == [
        ("unit", "Dinas Kesehatan Kota Contoh › Sekretariat › Sub Bagian Keuangan"),
        ("jabatan", "Dinas Kesehatan Kota Contoh › Kepala Sub Bagian Keuangan"),
        ("perangkat_daerah", "Dinas Pendidikan Kota Contoh"),
    ]
    assert Unit.objects.filter(nama="Sub Bagian Keuangan").exists()
    assert PerangkatDaerah.objects.count() == 2


def test_a_number_pattern_set_on_the_settings_page_is_kept_and_reported():
    load(SMALL)
    PerangkatDaerah.objects.update(pola_nomor="{kode_pd}.{urut}.{tahun}")
    report = load(SMALL)
    assert [(c.name, c.fields) for c in report.kept] == [("Dinas Kesehatan Kota Contoh", ("pola_nomor",))]
    assert PerangkatDaerah.objects.get().pola_nomor == "{kode_pd}.{urut}.{tahun}"
    assert not report.changed


def test_a_bad_number_pattern_is_refused_at_its_line_and_nothing_is_written():
    with pytest.raises(OrgFileInvalid) as caught:
        load(SMALL.replace("800/DINKES/{urut}/{tahun}", "800/{nomor}/{tahun}"))
    [problem] = caught.value.problems
    assert problem.render().startswith("contoh.org.yaml:6: perangkat_daerah[0].pola_nomor: ")
    assert "{nomor}" in problem.render()
    assert Pemda.objects.count() == 0 and Unit.objects.count() == 0


def test_the_first_admin_is_created_with_the_given_password_and_its_role_is_logged():
    report = load(
        SMALL + "admin_pertama: {nama_pengguna: admin.ortala, nama_lengkap: Bagian Organisasi}\n",
        admin_password="sandi-ortala-2026",
    )
    user = get_user_model().objects.get(username="admin.ortala")
    assert user.check_password("sandi-ortala-2026") and user.first_name == "Bagian Organisasi"
    assert report.generated_password is None
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.pd, membership.pemda.nama) == (
        Role.ADMIN,
        None,
        "Pemerintah Kota Contoh",
    )
    event = AccountEvent.objects.get(user=user)
    assert event.action == "account.imported" and event.actor == user


def test_without_a_password_one_is_made_up_returned_once_and_stored_hashed():
    text = (
        SMALL
        + "admin_pertama: {nama_pengguna: admin.dinkes, perangkat_daerah: Dinas Kesehatan Kota Contoh}\n"
    )
    report = load(text)
    user = get_user_model().objects.get(username="admin.dinkes")
    assert report.generated_password and user.check_password(report.generated_password)
    assert report.generated_password not in user.password
    assert Membership.objects.get(user=user).pd.nama == "Dinas Kesehatan Kota Contoh"
    again = load(text, admin_password="something-else-entirely")
    assert again.generated_password is None and not again.changed
    assert get_user_model().objects.get(username="admin.dinkes").check_password(report.generated_password)


def test_a_weak_first_password_is_refused_and_nothing_is_written():
    with pytest.raises(OrgFileInvalid) as caught:
        load(SMALL + "admin_pertama: {nama_pengguna: admin.ortala}\n", admin_password="12345678")
    assert caught.value.problems[0].render().startswith("kata sandi admin pertama “admin.ortala”: ")
    assert Pemda.objects.count() == 0 and not get_user_model().objects.exists()


def test_a_dry_run_reports_what_would_change_and_writes_nothing():
    report = load(SMALL, dry_run=True)
    assert len(report.created) == 7
    assert Pemda.objects.count() == 0 and Unit.objects.count() == 0


def test_an_alias_naming_another_position_of_the_file_renames_nothing():
    load(SMALL)
    both = SMALL.replace("[Kepala Dinas]", "[{nama: Plt. Kepala Dinas, alias: [Sekretaris]}, Kepala Dinas]")
    report = load(both)
    assert [(c.kind, c.name) for c in report.created] == [
        ("jabatan", "Dinas Kesehatan Kota Contoh › Plt. Kepala Dinas")
    ]
    assert report.updated == [] and Jabatan.objects.filter(nama="Sekretaris").exists()
