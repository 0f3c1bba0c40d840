"""An identity sheet drawn in two halves, each label above its value, with an empty gutter column between
the halves: every value is read under its own label, none is taken for the unit's name."""

from __future__ import annotations

from sopap.core.importers.draft import Draft
from sopap.core.importers.identity_sheet import read_identity
from sopap.core.importers.tables import Cell, Table


def _two_halves() -> Table:
    gutter = Cell([""], 0, 1, rowspan=4)
    rows = [
        ("DASAR HUKUM :", "KUALIFIKASI PELAKSANA :"),
        ("1. Undang-Undang Nomor 16 Tahun 1997 Tentang Statistik;", "Memahami pengolahan data"),
        ("PERINGATAN :", "PENCATATAN DAN PENDATAAN :"),
        ("Jika gagal, PDRB tidak dapat dihitung", "Pengeluaran konsumsi dicatat"),
    ]
    grid: list[list[Cell | None]] = []
    for r, (left, right) in enumerate(rows):
        grid.append([Cell([left], r, 0), gutter, Cell([right], r, 2)])
    return Table(grid, [0, 4000, 4200, 8000], [i * 500 for i in range(5)])


def test_values_under_their_labels_are_read_past_an_empty_gutter_beside_them():
    draft = Draft()
    read_identity(_two_halves(), draft)
    assert draft.identity["dasar_hukum"] == ["1. Undang-Undang Nomor 16 Tahun 1997 Tentang Statistik;"]
    assert draft.identity["peringatan"] == ["Jika gagal, PDRB tidak dapat dihitung"]
    assert draft.identity["kualifikasi_pelaksana"] == ["Memahami pengolahan data"]
    assert draft.identity["pencatatan"] == ["Pengeluaran konsumsi dicatat"]
    assert not draft.header_lines


def test_an_empty_value_beside_its_label_stays_empty_when_the_next_label_is_below():
    grid: list[list[Cell | None]] = [
        [Cell(["Tanggal Revisi"], 0, 0), Cell([""], 0, 1)],
        [Cell(["Tanggal Efektif"], 1, 0), Cell(["2 Januari 2025"], 1, 1)],
    ]
    draft = Draft()
    read_identity(Table(grid, [0, 3000, 8000], [0, 500, 1000]), draft)
    assert draft.identity["tanggal_revisi"] == [""]
    assert draft.identity["tanggal_efektif"] == ["2 Januari 2025"]
