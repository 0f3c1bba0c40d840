"""The workbook round trip: the template, filled in with openpyxl, loads into the database; filled with the
Serang structure, it loads exactly what the Serang `.org.yaml` loads."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from sopap.core.organisation_files import read_org_path
from sopap.core.organisation_xlsx import template_bytes
from sopap.web.organisations.models import Jabatan, Membership, PerangkatDaerah, Role, Unit
from sopap.web.organisations.services import organisation_import
from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

SERANG = EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml"


def rows_of(org) -> dict[str, list[list[str]]]:
    """The rows a clerk would type for ``org``: every unit under its parent's path, every position beside
    its unit's."""
    rows: dict[str, list[list[str]]] = {
        "Pemda": [[org.pemerintah]],
        "Perangkat Daerah": [],
        "Unit": [],
        "Jabatan": [],
        "Admin pertama": [],
    }

    def positions(pd_name: str, unit_path: str, entries) -> None:
        for j in entries:
            rows["Jabatan"].append([pd_name, unit_path, j.nama, "; ".join(j.alias)])

    def units(pd_name: str, parent: list[str], entries) -> None:
        for unit in entries:
            rows["Unit"].append([pd_name, " > ".join(parent), unit.nama, unit.kode])
            positions(pd_name, " > ".join([*parent, unit.nama]), unit.jabatan)
            units(pd_name, [*parent, unit.nama], unit.unit)

    for pd in org.perangkat_daerah:
        k = pd.kepala
        rows["Perangkat Daerah"].append(
            [pd.nama, pd.singkatan, pd.kode, pd.pola_nomor, k.jabatan, k.nama, k.nip]
        )
        positions(pd.nama, "", pd.jabatan)
        units(pd.nama, [], pd.unit)
    return rows


def workbook(tmp_path, rows) -> object:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    for sheet, values in rows.items():
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                book[sheet].cell(row=r, column=c, value=value)
    path = tmp_path / "organisasi.xlsx"
    book.save(path)
    return path


def snapshot() -> list[tuple]:
    return [
        *PerangkatDaerah.objects.values_list(
            "nama", "kode", "pola_nomor", "kepala_nama", "kepala_nip"
        ).order_by("id"),
        *Unit.objects.values_list("nama", "kode", "parent__nama", "urutan").order_by("id"),
        *Jabatan.objects.values_list("nama", "unit__nama", "alias").order_by("id"),
    ]


def test_the_serang_structure_typed_into_the_template_loads_what_its_org_yaml_loads(tmp_path):
    from_yaml = read_org_path(SERANG)
    path = workbook(tmp_path, rows_of(from_yaml.organisation))
    from_xlsx = read_org_path(path)
    assert from_xlsx.organisation.perangkat_daerah == from_yaml.organisation.perangkat_daerah

    organisation_import(source=from_yaml)
    loaded = snapshot()
    report = organisation_import(source=from_xlsx)
    assert not report.changed and report.not_in_file == []
    assert snapshot() == loaded


def test_a_filled_template_creates_the_pd_its_units_positions_and_first_admin(tmp_path):
    rows = {
        "Pemda": [["Pemerintah Kabupaten Contoh"]],
        "Perangkat Daerah": [["Badan Kepegawaian Daerah", "BKD", "05", "", "Kepala Badan", "", ""]],
        "Unit": [["BKD", "", "Sekretariat", "01"], ["BKD", "Sekretariat", "Sub Bagian Umum", ""]],
        "Jabatan": [["BKD", "Sekretariat > Sub Bagian Umum", "Kepala Sub Bagian Umum", "Kasubag Umum"]],
        "Admin pertama": [["admin.bkd", "Admin BKD", "BKD"]],
    }
    report = organisation_import(
        source=read_org_path(workbook(tmp_path, rows)), admin_password="sandi-bkd-2026!"
    )
    assert [c.kind for c in report.created] == [
        "pemda",
        "perangkat_daerah",
        "unit",
        "unit",
        "jabatan",
        "admin",
    ]
    jabatan = Jabatan.objects.get()
    assert (jabatan.unit.label, jabatan.alias) == ("Sekretariat › Sub Bagian Umum", ["Kasubag Umum"])
    admin = get_user_model().objects.get(username="admin.bkd")
    assert Membership.objects.filter(user=admin, role=Role.ADMIN, pd__singkatan="BKD").exists()
