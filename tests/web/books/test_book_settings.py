"""A book's settings: the form shows what the book prints (the seed books' wording until the PD writes its
own), every save carries the version it was loaded from, and a save over a newer one keeps the user's text."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.core.book.settings import KATA_PENGANTAR
from sopap.web.books.models import BookEvent, BookSettings
from tests.web.books.conftest import pdf_text
from tests.web.tasks import run_queued

pytestmark = pytest.mark.django_db


def _url(world: Any) -> str:
    return reverse("books:settings", args=["pd", world.pd.pk])


def _form(**changes: Any) -> dict[str, Any]:
    values = {
        "version": 0,
        "judul": "",
        "tahun": "",
        "tempat": "Serang",
        "kata_pengantar": "Paragraf pertama.\n\nParagraf kedua.",
        "penandatangan_jabatan": "Kepala Dinas Komunikasi dan Informatika Kota Serang",
        "penandatangan_nama": "Dr. Contoh Kepala",
        "penandatangan_pangkat": "Pembina Tk. I (IV/b)",
        "penandatangan_nip": "19700101 199003 1 001",
        "menimbang": "bahwa perlu;",
        "mengingat": "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan;",
        "tembusan": "Arsip.",
    }
    return {**values, **changes}


def test_the_form_starts_from_the_seed_wording_and_the_pds_head(world: Any, login: Any) -> None:
    page = login(world.head).get(_url(world)).content.decode()
    assert KATA_PENGANTAR[0].split(",")[0] in page
    assert world.pd.kepala_nama and world.pd.kepala_nama in page
    assert 'name="version" value="0"' in page


def test_a_save_raises_the_version_logs_what_changed_and_the_book_prints_it(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.head)
    response = client.post(_url(world), _form(judul="Buku SOP Sekretariat", tahun=2026))
    assert response.status_code == 302
    row = BookSettings.objects.get(pd=world.pd)
    assert (row.version, row.judul, row.tahun, row.updated_by) == (
        1,
        "Buku SOP Sekretariat",
        2026,
        world.head,
    )
    event = BookEvent.objects.get(action="book.settings_changed")
    assert "judul" in event.detail and "kata pengantar" in event.detail
    assert 'name="version" value="1"' in client.get(_url(world)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": "pdf"})
    run_queued()
    from sopap.web.jobs.models import Job

    text = pdf_text(client.get(Job.objects.latest("pk").result_url).content)
    for printed in (
        "BUKU SOP SEKRETARIAT",
        "TAHUN 2026",
        "Paragraf kedua.",
        "Dr. Contoh Kepala",
        "Pembina Tk. I",
    ):
        assert printed in text, printed


def test_a_save_over_a_newer_one_is_refused_keeping_the_users_text_beside_what_is_stored(
    world: Any, login: Any
) -> None:
    assert login(world.admin).post(_url(world), _form(judul="Judul dari admin")).status_code == 302
    client = login(world.head)
    mine = "Kata pengantar yang ditulis kepala dengan susah payah."
    response = client.post(_url(world), _form(version=0, judul="Judul dari kepala", kata_pengantar=mine))
    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah diubah oleh Admin" in page and "Isian Anda belum disimpan" in page
    assert mine in page and 'value="Judul dari kepala"' in page
    assert "Yang tersimpan sekarang" in page and "Judul dari admin" in page
    row = BookSettings.objects.get(pd=world.pd)
    assert (row.version, row.judul) == (1, "Judul dari admin")
    # The form now carries the stored version: saving again is the head's informed choice.
    assert 'name="version" value="1"' in page
    assert client.post(_url(world), _form(version=1, judul="Judul dari kepala")).status_code == 302
    assert BookSettings.objects.get(pd=world.pd).judul == "Judul dari kepala"


def test_a_year_out_of_range_is_refused_beside_its_field_keeping_the_rest(world: Any, login: Any) -> None:
    response = login(world.head).post(_url(world), _form(tahun=99999, judul="Tetap di layar"))
    assert response.status_code == 400
    assert 'value="Tetap di layar"' in response.content.decode() and not BookSettings.objects.exists()
