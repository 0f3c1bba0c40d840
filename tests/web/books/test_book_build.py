"""The Buku SOP of a PD, a unit or a chosen set: built by a background job with its progress on "Pekerjaan
saya", holding exactly the SOPs in force of its scope, kept in the render cache and downloaded from there."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from sopap.web.authoring.models import RenderedFile
from sopap.web.books.models import BookEvent
from sopap.web.jobs.models import Job
from sopap.web.organisations.models import Unit
from tests.web.books.conftest import pdf_text
from tests.web.conftest import SOP_DATA
from tests.web.tasks import run_queued

pytestmark = pytest.mark.django_db


def _page(world: Any) -> str:
    return reverse("books:page", args=["pd", world.pd.pk])


def _build(client: Any, world: Any, capture: Any, **form: Any) -> Job:
    with capture(execute=True):
        response = client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": "pdf", **form})
    assert response.status_code == 302 and response["Location"] == reverse("jobs:list")
    job = Job.objects.latest("pk")
    run_queued()
    job.refresh_from_db()
    return job


def test_the_head_builds_the_pds_book_as_a_job_whose_result_downloads_it_with_exactly_its_sops_in_force(
    world: Any, make_sop: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    keuangan = in_force("Penyusunan Laporan Keuangan Bulanan")
    arsip = in_force("Pengelolaan Arsip Dinamis")
    in_force("Pelayanan Imunisasi Puskesmas", pd=world.other_pd)
    make_sop(data={**SOP_DATA, "nama": "Rancangan Yang Belum Berlaku"})
    client = login(world.head)

    job = _build(client, world, django_capture_on_commit_callbacks, cakupan="semua")
    assert (job.user, job.state, job.progress, job.error) == (world.head, Job.State.SUCCEEDED, 100, "")
    assert "Buku SOP Dinas Komunikasi dan Informatika Kota Serang" in job.title
    assert re.fullmatch(r"Buku siap: 2 SOP, \d+ KB", job.message)
    assert job.result_url.startswith(reverse("books:download", args=["pd", world.pd.pk]) + "?format=pdf")
    jobs_page = client.get(reverse("jobs:list")).content.decode()
    assert "Selesai" in jobs_page and job.result_url.replace("&", "&amp;") in jobs_page

    response = client.get(job.result_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert "STANDAR OPERASIONAL PROSEDUR" in text and "DAFTAR ISI" in text and "KATA PENGANTAR" in text
    for sop in (keuangan, arsip):
        assert sop.nomor in text and sop.nama in text
    assert "Imunisasi" not in text and "Belum Berlaku" not in text
    # One decree put both in force: the book ends with that Keputusan and its Lampiran.
    assert "188.45/12/2025" in text and "DAFTAR STANDAR OPERASIONAL PROSEDUR" in text
    event = BookEvent.objects.get(action="book.built")
    assert (event.actor, event.pd, event.detail.startswith("2 SOP, PDF")) == (world.head, world.pd, True)


def test_a_second_build_and_every_download_come_from_the_cache_without_drawing_again(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.head)
    first = _build(client, world, django_capture_on_commit_callbacks)
    from sopap.web.books import building

    def never(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("the book was drawn again")

    monkeypatch.setitem(building.FORMATS, "pdf", building.BookFormat("pdf", "application/pdf", never, never))
    second = _build(client, world, django_capture_on_commit_callbacks)
    assert second.state == Job.State.SUCCEEDED and second.message.startswith("Buku sudah ada di simpanan")
    assert second.result_url == first.result_url
    bodies = {client.get(first.result_url).content for _ in range(3)}
    assert len(bodies) == 1
    assert RenderedFile.objects.filter(fmt="buku:pdf").count() == 1


def test_the_book_of_one_unit_holds_that_units_sops_and_those_of_the_units_below_it_only(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sekretariat = Unit.objects.get(pd=world.pd, nama="Sekretariat")
    assert world.unit.parent_id == sekretariat.pk
    bidang = Unit.objects.filter(pd=world.pd, parent=None).exclude(pk=sekretariat.pk).first()
    below = in_force("Penyusunan Laporan Keuangan Bulanan", unit=world.unit)
    in_force("Pengelolaan Aplikasi Informatika", unit=bidang)
    client = login(world.head)
    job = _build(client, world, django_capture_on_commit_callbacks, cakupan="unit", unit=sekretariat.pk)
    assert job.state == Job.State.SUCCEEDED, job.error
    text = pdf_text(client.get(job.result_url).content)
    assert below.nama in text and "Aplikasi Informatika" not in text


def test_a_chosen_set_holds_the_chosen_sops_in_force_and_nothing_else(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    chosen = in_force("Penyusunan Laporan Keuangan Bulanan", keputusan="188.45/1/2025")
    in_force("Pengelolaan Arsip Dinamis", keputusan="188.45/2/2025")
    outsider = in_force("Pelayanan Imunisasi Puskesmas", pd=world.other_pd)
    client = login(world.head)
    job = _build(
        client, world, django_capture_on_commit_callbacks, cakupan="pilihan", sop=[chosen.pk, outsider.pk]
    )
    text = pdf_text(client.get(job.result_url).content)
    assert chosen.nama in text and "Arsip Dinamis" not in text and "Imunisasi" not in text
    # This book's only SOP was decreed alone: its Keputusan is in the book.
    assert "188.45/1/2025" in text


def test_a_book_of_sops_decreed_apart_carries_no_keputusan_of_its_own(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan", keputusan="188.45/1/2025")
    in_force("Pengelolaan Arsip Dinamis", keputusan="188.45/2/2025")
    client = login(world.head)
    text = pdf_text(client.get(_build(client, world, django_capture_on_commit_callbacks).result_url).content)
    assert "188.45/1/2025" not in text and "DAFTAR STANDAR OPERASIONAL PROSEDUR" not in text


def test_the_job_reports_its_progress_sop_by_sop_in_the_books_order(world: Any, in_force: Any) -> None:
    from sopap.web.books.selectors import Scope, settings_of
    from sopap.web.books.services import Selection, book_bytes, book_file

    # Numbered in the order they were decreed: the book lists them by number.
    in_force("Penyusunan Laporan Keuangan Bulanan")
    in_force("Pengelolaan Arsip Dinamis")
    scope = Scope(pemda=world.pemda, pd=world.pd)
    file = book_file(scope=scope, selection=Selection(), fmt="pdf", row=settings_of(scope=scope))
    seen: list[tuple[int, str]] = []
    book_bytes(file=file, progress=lambda percent, message: seen.append((int(percent), message)))
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
    assert [m for _, m in seen] == [
        "Membaca 2 SOP",
        "Menata SOP 1 dari 2: Penyusunan Laporan Keuangan Bulanan",
        "Menata SOP 2 dari 2: Pengelolaan Arsip Dinamis",
        "Menulis PDF buku (2 SOP)",
    ]


def test_a_download_of_a_book_not_built_sends_back_to_the_page_to_build_it(
    world: Any, in_force: Any, login: Any
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    response = login(world.head).get(
        reverse("books:download", args=["pd", world.pd.pk]) + "?format=pdf&cakupan=semua", follow=True
    )
    assert response.redirect_chain[-1][0] == _page(world)
    assert "Buku ini belum dibuat" in response.content.decode()


@pytest.mark.parametrize("fmt", ["exe", "odt", ""])
def test_an_unknown_format_is_refused_saying_which_formats_there_are(
    world: Any, in_force: Any, login: Any, fmt: str
) -> None:
    in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.head)
    response = client.get(reverse("books:download", args=["pd", world.pd.pk]) + f"?format={fmt}")
    assert response.status_code == 400
    assert (
        "tidak tersedia untuk buku SOP dan keputusan; yang tersedia: PDF, DOCX" in response.content.decode()
    )
    refused = client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": fmt}, follow=True)
    assert (
        "yang tersedia: PDF, DOCX" in refused.content.decode()
        and not Job.objects.filter(title__startswith="Buku SOP").exists()
    )


def test_a_pd_without_sops_in_force_has_nothing_to_build(world: Any, make_sop: Any, login: Any) -> None:
    make_sop()
    client = login(world.head)
    assert "Belum ada SOP berlaku untuk dibukukan." in client.get(_page(world)).content.decode()
    refused = client.post(reverse("books:build", args=["pd", world.pd.pk]), {"format": "pdf"}, follow=True)
    assert (
        "Tidak ada SOP berlaku pada cakupan ini" in refused.content.decode()
        and not Job.objects.filter(title__startswith="Buku SOP").exists()
    )


def test_the_bagian_organisasi_builds_the_pemda_wide_book_of_every_pds_sops_in_force(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    keuangan = in_force("Penyusunan Laporan Keuangan Bulanan")
    imunisasi = in_force("Pelayanan Imunisasi Puskesmas", pd=world.other_pd)
    client = login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("books:build", args=["pemda", world.pemda.pk]), {"format": "pdf"})
    run_queued()
    job = Job.objects.latest("pk")
    assert job.state == Job.State.SUCCEEDED, job.error
    body = client.get(job.result_url).content
    text = pdf_text(body)
    assert keuangan.nama in text and imunisasi.nama in text
    import io

    from pypdf import PdfReader

    cover = " ".join((PdfReader(io.BytesIO(body)).pages[0].extract_text() or "").split())
    assert cover.count("PEMERINTAH KOTA SERANG") == 1
    assert BookEvent.objects.get(action="book.built").pd is None


def test_the_book_is_also_built_as_a_word_document_holding_its_sops(
    world: Any, in_force: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import io

    from docx import Document

    sop = in_force("Penyusunan Laporan Keuangan Bulanan")
    client = login(world.head)
    job = _build(client, world, django_capture_on_commit_callbacks, format="docx")
    assert job.state == Job.State.SUCCEEDED, job.error
    response = client.get(job.result_url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "STANDAR OPERASIONAL PROSEDUR" in text.upper()
    assert sop.nama in text + cells
