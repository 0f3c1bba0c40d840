"""The semester report to the head of region, per Perangkat Daerah, on screen and as a workbook."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from sopap.web.monitoring.models import Penilaian
from sopap.web.monitoring.selectors import Periode, period_report
from sopap.web.monitoring.services import monitoring_record
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(world, make_sop, to_state):  # type: ignore[no-untyped-def]
    well = to_state(make_sop(), "berlaku").document
    badly = to_state(make_sop(data={**SOP_DATA, "nama": "Mekanisme Penyusunan RENJA"}), "berlaku").document
    monitoring_record(
        actor=fresh(world.verifier1),
        document=well,
        tanggal=dt.date(2025, 2, 3),
        cara="observasi",
        penilaian=Penilaian.BAIK,
    )
    monitoring_record(
        actor=fresh(world.verifier1),
        document=badly,
        tanggal=dt.date(2025, 5, 20),
        cara="diskusi",
        penilaian=Penilaian.TIDAK_BAIK,
        catatan="Bidang tidak mengirim draf tepat waktu.",
        tindakan="Batas waktu draf ditulis dalam surat edaran.",
    )
    monitoring_record(
        actor=fresh(world.verifier1),
        document=badly,
        tanggal=dt.date(2025, 8, 1),
        cara="observasi",
        penilaian=Penilaian.BAIK,
    )
    return well, badly


def test_the_report_counts_per_pd_what_the_semester_found(world, monitored):
    summaries = period_report(
        user=fresh(world.admin), periode=Periode("semester", 2025, 1), today=dt.date(2025, 7, 1)
    )
    diskominfo = next(s for s in summaries if s.pd == world.pd)
    assert (diskominfo.in_force, diskominfo.monitored, diskominfo.ran_well, diskominfo.ran_badly) == (
        2,
        2,
        1,
        1,
    )
    assert [m.tindakan for _row, m in diskominfo.findings] == ["Batas waktu draf ditulis dalam surat edaran."]
    dinkes = next(s for s in summaries if s.pd == world.other_pd)
    assert (dinkes.in_force, dinkes.monitored) == (0, 0)
    second = period_report(
        user=fresh(world.admin), periode=Periode("semester", 2025, 2), today=dt.date(2026, 1, 1)
    )
    assert next(s for s in second if s.pd == world.pd).ran_badly == 0


def test_the_report_page_and_its_workbook(login, world, monitored):
    client = login(world.sekda)
    page = client.get(reverse("monitoring:report"), {"tahun": 2025, "semester": 1}).content.decode()
    assert "Laporan pelaksanaan SOP AP, semester 1 tahun 2025" in page
    assert "Batas waktu draf ditulis dalam surat edaran." in page
    response = client.get(reverse("monitoring:report"), {"tahun": 2025, "semester": 1, "unduh": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="laporan-sop-2025-semester-1.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "Rincian SOP", "Temuan"]
    rows = [[c.value for c in row] for row in book["Ringkasan"].iter_rows(min_row=4)]
    assert [world.pd.nama, 2, 2, 1, 1, 0, 0, 0, 0] in rows
    findings = [[c.value for c in row] for row in book["Temuan"].iter_rows(min_row=4)]
    assert findings[0][1] == "Mekanisme Penyusunan RENJA" and findings[0][5].startswith("Batas waktu")


def test_a_pd_sees_only_its_own_line(world, monitored):
    summaries = period_report(
        user=fresh(world.other_head), periode=Periode("semester", 2025, 1), today=dt.date(2025, 7, 1)
    )
    assert [s.pd for s in summaries] == [world.other_pd]


def test_a_period_that_does_not_exist_is_not_found(login, world):
    client = login(world.admin)
    assert client.get(reverse("monitoring:report"), {"tahun": 2025, "semester": 3}).status_code == 404
    assert client.get(reverse("monitoring:index"), {"tahun": "x"}).status_code == 404


def test_the_period_picker_works_without_javascript(login, world, monitored):
    page = login(world.admin).get(reverse("monitoring:report"), {"periode": "2025-S1"}).content.decode()
    assert "semester 1 tahun 2025" in page and 'value="2025-S1" selected' in page


def test_an_evaluation_year_out_of_range_is_not_found(login, world, monitored):
    well, _badly = monitored
    client = login(world.head)
    for tahun in (0, 1999, 2999):
        assert client.get(reverse("monitoring:evaluation", args=[well.pk, tahun])).status_code == 404


@pytest.mark.parametrize(
    ("key", "first", "last", "label"),
    [
        ("2025-T1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "Triwulan 1 tahun 2025"),
        ("2025-T4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), "Triwulan 4 tahun 2025"),
        ("2025-S2", dt.date(2025, 7, 1), dt.date(2025, 12, 31), "Semester 2 tahun 2025"),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Tahun 2024"),
    ],
)
def test_a_period_is_a_quarter_a_semester_or_a_year(key, first, last, label):
    periode = Periode.parse(key)
    assert (periode.bounds, periode.label, periode.key) == ((first, last), label, key)
    assert Periode.containing(periode.kind, last) == periode
    assert periode.previous().bounds[1] == first - dt.timedelta(days=1)


@pytest.mark.parametrize("bad", ["2025-T5", "2025-S0", "2025-X1", "abc", "1999", "2025-S"])
def test_a_period_that_cannot_be_is_refused(bad):
    with pytest.raises(ValueError):
        Periode.parse(bad)


def test_the_quarterly_report_goes_to_the_head_and_the_yearly_one_to_the_governor(login, world, monitored):
    client = login(world.head)
    quarter = client.get(reverse("monitoring:report"), {"periode": "2025-T2"}).content.decode()
    assert "Kepala Perangkat Daerah" in quarter and "Batas waktu draf" in quarter  # monitored 20 May
    assert (
        "Batas waktu draf"
        not in client.get(reverse("monitoring:report"), {"periode": "2025-T1"}).content.decode()
    )
    year = client.get(reverse("monitoring:report"), {"periode": "2025"}).content.decode()
    assert "Gubernur" in year and "Laporan pelaksanaan SOP AP, tahun 2025" in year
    response = client.get(reverse("monitoring:report"), {"periode": "2025", "unduh": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="laporan-sop-2025.xlsx"'
    rows = [
        [c.value for c in row]
        for row in openpyxl.load_workbook(io.BytesIO(response.content))["Ringkasan"].iter_rows(min_row=4)
    ]
    assert [world.pd.nama, 2, 2, 2, 0, 0, 0, 0, 0] in rows  # each SOP's latest monitoring of 2025 ran well
