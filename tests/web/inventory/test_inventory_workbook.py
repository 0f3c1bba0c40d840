"""The inventory's XLSX form: written with user text as text, read back by its headings, all rows or none
with each problem named by row and column."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sopap.web.inventory.models import InventoryEntry
from sopap.web.inventory.services import entry_create
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


def _workbook(rows: list[list[str]], headings=("Unit kerja", "Kegiatan", "Output", "Aspek")) -> bytes:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["Inventaris SOP Dinas X"])
    sheet.append([])
    sheet.append(list(headings))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, world, data: bytes, name: str = "inventaris.xlsx"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("inventory:upload"),
        {"pd": world.pd.pk, "berkas": io.BytesIO(data) | _named(name)},
        follow=True,
    )


def _named(name):  # type: ignore[no-untyped-def]
    class _N:
        def __ror__(self, other):  # type: ignore[no-untyped-def]
            other.name = name
            return other

    return _N()


def test_export_writes_formulas_typed_by_users_as_text(login, world):
    entry_create(
        actor=fresh(world.drafter),
        pd=world.pd,
        unit=world.unit,
        values={"kegiatan": "=SUM(A1:A9)", "output": "0012"},
    )
    response = login(world.drafter).get(reverse("inventory:export"), {"pd": world.pd.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [c for c in sheet[4]]
    assert row[3].value == "=SUM(A1:A9)" and row[3].data_type == "s"
    assert row[4].value == "0012" and row[4].data_type == "s"


def test_a_filled_in_form_is_read_by_its_headings_with_units_by_name(login, world):
    data = _workbook(
        [
            [world.unit.nama.upper(), "Menyusun RENJA", "Dokumen RENJA", "Penyusunan"],
            ["", "", "", ""],
            ["", "Mengelola arsip", "", "Pengelolaan"],
        ]
    )
    page = _upload(login(world.drafter), world, data)
    assert "2 kebutuhan SOP dimuat" in page.content.decode()
    entries = list(InventoryEntry.objects.order_by("id"))
    assert [(e.unit, e.judul) for e in entries] == [
        (world.unit, "Penyusunan Dokumen RENJA"),
        (None, "Pengelolaan"),
    ]


def test_a_form_with_an_unknown_unit_loads_nothing_and_names_the_row(login, world):
    data = _workbook([["Sub Bagian Entah", "Menyusun RENJA", "", ""], [world.unit.nama, "", "x", ""]])
    page = _upload(login(world.drafter), world, data)
    html = page.content.decode()
    assert "baris 4, kolom Unit kerja: “Sub Bagian Entah” tidak ada" in html
    assert "baris 5, kolom Kegiatan: kosong" in html
    assert not InventoryEntry.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_its_name(login, world):
    page = _upload(login(world.drafter), world, b"bukan excel", name="catatan.xlsx")
    assert "catatan.xlsx" in page.content.decode()
    assert not InventoryEntry.objects.exists()


def test_a_sheet_without_the_kegiatan_heading_says_which_form_to_use(login, world):
    page = _upload(login(world.drafter), world, _workbook([["a", "b"]], headings=("Nama", "Isi")))
    assert "tidak ada baris judul kolom dengan “Kegiatan”" in page.content.decode()
