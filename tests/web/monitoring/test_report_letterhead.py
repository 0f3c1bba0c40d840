"""The printed monitoring report carries the kop and the signature block, as the PD's own documents do."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_report_of_one_pd_has_its_kop_and_is_signed_by_its_head(world, login):
    response = login(world.head).get(reverse("monitoring:report"), {"periode": "2025-S1"})
    assert response.status_code == 200
    page = response.content.decode()
    kop = re.search(r'<header class="kop">(.*?)</header>', page, re.S)
    assert kop is not None
    assert "PEMERINTAH KOTA SERANG" in kop.group(1)
    assert "DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG" in kop.group(1)
    signature = re.search(r'<section class="ttd".*?</section>', page, re.S)
    assert signature is not None
    block = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", signature.group(0)))
    pd = world.pd
    assert re.search(r"Serang, \d{1,2} [A-Z][a-z]+ \d{4}", block)
    assert pd.kepala_jabatan and pd.kepala_jabatan in block
    assert pd.kepala_nama and pd.kepala_nama in block
    assert f"NIP. {pd.kepala_nip}" in block if pd.kepala_nip else "NIP." in block
    assert 'class="ttd-space"' in signature.group(0)


def test_a_report_over_several_pds_leaves_the_signature_lines_to_fill_in(world, login):
    response = login(world.admin).get(reverse("monitoring:report"), {"periode": "2025-S1"})
    page = response.content.decode()
    kop = re.search(r'<header class="kop">(.*?)</header>', page, re.S)
    assert kop is not None and "PEMERINTAH KOTA SERANG" in kop.group(1)
    assert "DINAS KOMUNIKASI" not in kop.group(1)
    signature = re.search(r'<section class="ttd".*?</section>', page, re.S)
    assert signature is not None
    assert world.pd.kepala_nama not in signature.group(0)
    assert signature.group(0).count('class="blank"') >= 3


def test_the_admin_prints_the_report_of_one_pd_with_that_pd_s_letterhead(world, login):
    client = login(world.admin)
    page = client.get(reverse("monitoring:report"), {"periode": "2025-S1"}).content.decode()
    assert f'<option value="{world.other_pd.pk}"' in page
    response = client.get(reverse("monitoring:report"), {"periode": "2025-S1", "pd": world.pd.pk})
    text = text_of(response)
    assert "DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG" in text
    rows = re.findall(r'<th scope="row">([^<]*)</th>', response.content.decode())
    assert rows == [world.pd.nama]
    assert world.pd.kepala_nama in text
    assert f'name="pd" value="{world.pd.pk}"' in response.content.decode()  # kept when the period changes


def test_a_pd_the_user_may_not_read_gives_no_report(world, login):
    response = login(world.head).get(
        reverse("monitoring:report"), {"periode": "2025-S1", "pd": world.other_pd.pk}
    )
    assert response.status_code == 404


def test_the_workbook_carries_the_same_kop_and_signature_block(world, login):
    import io

    import openpyxl

    response = login(world.head).get(reverse("monitoring:report"), {"periode": "2025-S1", "unduh": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    for sheet in book.worksheets:
        assert sheet["A1"].value == "PEMERINTAH KOTA SERANG — DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG"
        assert sheet["A2"].value.startswith("Laporan pelaksanaan SOP AP, semester 1 tahun 2025")
    below = [c.value for row in book["Ringkasan"].iter_rows(min_row=5) for c in row if c.value]
    assert re.match(r"Serang, \d{1,2} [A-Z][a-z]+ \d{4}$", below[0])
    assert below[1:] == [
        world.pd.kepala_jabatan,
        world.pd.kepala_nama,
        f"NIP. {world.pd.kepala_nip}" if world.pd.kepala_nip else "NIP. ……………………",
    ]
