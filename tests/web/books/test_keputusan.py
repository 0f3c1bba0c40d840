"""The Keputusan penetapan of each decree the workflow recorded: its number and date, the SOPs decreed under
that number and no other; a revision decreed later has its own. Per PD, and Pemda-wide for the Bagian
Organisasi (the Keputusan Wali Kota)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sopap.web.books.models import BookEvent
from sopap.web.workflow import services as wf
from tests.web.books.conftest import pdf_text
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db

FIRST, SECOND, REVISED = "188.45/10/2025", "188.45/11/2025", "188.45/40/2026"


def _keputusan(client: Any, kind: str, pk: int, nomor: str, fmt: str = "pdf") -> Any:
    return client.get(
        reverse("books:keputusan", args=[kind, pk]) + "?" + urlencode({"nomor": nomor, "format": fmt})
    )


def _lampiran_numbers(text: str) -> list[str]:
    lampiran = text.split("DAFTAR STANDAR OPERASIONAL PROSEDUR", 1)[1]
    return re.findall(r"\d+\.\d+\.\d+\.\d{4}", lampiran)


@pytest.fixture
def decreed(world: Any, in_force: Any) -> dict[str, Any]:
    a = in_force("Penyusunan Laporan Keuangan Bulanan", keputusan=FIRST, tanggal=dt.date(2025, 3, 4))
    b = in_force("Pengelolaan Arsip Dinamis", keputusan=FIRST, tanggal=dt.date(2025, 3, 4))
    c = in_force("Pengelolaan Aplikasi Informatika", keputusan=SECOND, tanggal=dt.date(2025, 6, 1))
    elsewhere = in_force(
        "Pelayanan Imunisasi Puskesmas", keputusan=FIRST, tanggal=dt.date(2025, 3, 4), pd=world.other_pd
    )
    return {"a": a, "b": b, "c": c, "elsewhere": elsewhere}


def test_the_page_lists_each_decree_of_the_pd_with_the_sops_it_decreed(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    page = login(world.head).get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert page.index(SECOND) < page.index(FIRST)  # newest first
    first_row = page.split(FIRST)[1].split("</tr>")[0]
    assert decreed["a"].nama in first_row and decreed["b"].nama in first_row
    assert decreed["c"].nama not in first_row and "Imunisasi" not in page


def test_a_keputusan_lists_exactly_the_pds_sops_decreed_with_its_number_and_the_date_recorded(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    response = _keputusan(login(world.head), "pd", world.pd.pk, FIRST)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="keputusan-188-45-10-2025.pdf"'
    text = pdf_text(response.content)
    assert f"NOMOR: {FIRST}" in text and "04 Maret 2025" in text
    assert _lampiran_numbers(text) == [decreed["a"].nomor, decreed["b"].nomor]
    assert "Aplikasi Informatika" not in text and "Imunisasi" not in text
    assert "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA SERANG" in text


def test_a_revision_decreed_later_gets_its_own_keputusan_and_the_first_one_still_lists_the_old_one(
    world: Any, decreed: dict[str, Any], in_force: Any, login: Any
) -> None:
    draft = wf.review_open(sop=decreed["a"], actor=fresh(world.drafter))
    revised = in_force.walk(draft, keputusan=REVISED, tanggal=dt.date(2026, 2, 1))
    client = login(world.head)
    own = pdf_text(_keputusan(client, "pd", world.pd.pk, REVISED).content)
    assert _lampiran_numbers(own) == [revised.nomor] and "01 Februari 2026" in own
    first = pdf_text(_keputusan(client, "pd", world.pd.pk, FIRST).content)
    assert _lampiran_numbers(first) == [decreed["a"].nomor, decreed["b"].nomor]
    page = client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert REVISED in page and "Digantikan" in page.split(FIRST)[1].split("</tr>")[0]


def test_the_pemda_wide_keputusan_of_the_wali_kota_lists_the_number_across_every_pd(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    text = pdf_text(_keputusan(login(world.admin), "pemda", world.pemda.pk, FIRST).content)
    assert "KEPUTUSAN WALI KOTA SERANG" in text
    lampiran = text.split("DAFTAR STANDAR OPERASIONAL PROSEDUR", 1)[1]
    for sop in (decreed["a"], decreed["b"], decreed["elsewhere"]):
        assert sop.nomor in lampiran and sop.nama in lampiran
    assert decreed["c"].nomor not in text


def test_a_keputusan_is_drawn_once_and_then_served_from_the_cache(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    client = login(world.head)
    bodies = {_keputusan(client, "pd", world.pd.pk, FIRST).content for _ in range(3)}
    assert len(bodies) == 1
    assert BookEvent.objects.filter(action="book.keputusan_built").count() == 1


def test_an_unknown_decree_number_is_not_found_and_an_unknown_format_is_refused_clearly(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    client = login(world.head)
    assert _keputusan(client, "pd", world.pd.pk, "999/TIDAK/ADA").status_code == 404
    refused = _keputusan(client, "pd", world.pd.pk, FIRST, fmt="rtf")
    assert refused.status_code == 400 and "Format rtf tidak tersedia" in refused.content.decode()


def test_the_page_reads_as_many_rows_for_four_decrees_as_for_two(
    world: Any, in_force: Any, login: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.head)
    url = reverse("books:page", args=["pd", world.pd.pk])
    counts = []
    for number in range(4):
        in_force(f"SOP Nomor {number}", keputusan=f"188.45/{number}/2025")
        if number in (1, 3):
            client.get(url)  # the session and the user are read once, before counting
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_keputusan_comes_as_a_word_document_to_edit_before_signing(
    world: Any, decreed: dict[str, Any], login: Any
) -> None:
    import io

    from docx import Document

    response = _keputusan(login(world.head), "pd", world.pd.pk, FIRST, fmt="docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="keputusan-188-45-10-2025.docx"'
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert FIRST in text
    assert decreed["a"].nomor in cells and decreed["b"].nomor in cells
    assert decreed["c"].nama not in cells
