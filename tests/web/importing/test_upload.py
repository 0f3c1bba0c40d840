"""Uploading Word, Excel or a zip of them makes a batch whose files the worker reads into SOPs to review;
a file that cannot be read is named with the reason, and the other files are read all the same."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sopap.web.importing.models import FoundSop, ImportBatch, ImportEvent
from sopap.web.jobs.models import Job
from tests.web.importing.conftest import serang_sops, word_book, workbook, zipped

pytestmark = pytest.mark.django_db


def test_a_word_book_of_three_sops_becomes_a_batch_with_three_sops_to_review(
    upload: Any, world: Any, client: Any
):
    response = upload({"Buku SOP Sekretariat.docx": word_book(3)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("importing:batch", args=[batch.pk])
    assert (batch.pd, batch.unit, batch.created_by) == (world.pd, world.unit, world.drafter)
    assert [f.nama for f in FoundSop.objects.order_by("index")] == [s.nama for s in serang_sops()[:3]]
    assert {f.state for f in FoundSop.objects.all()} == {FoundSop.State.WAITING}
    job = Job.objects.get()
    assert (job.user, job.state, job.progress) == (world.drafter, Job.State.SUCCEEDED, 100)
    assert job.result_url == reverse("importing:batch", args=[batch.pk])
    assert ImportEvent.objects.get().action == "import.uploaded"

    page = client.get(reverse("importing:batch", args=[batch.pk])).content.decode()
    assert "Selesai dibaca: 3 SOP ditemukan." in page and 'hx-trigger="every 2s"' not in page
    for sop in serang_sops()[:3]:
        assert sop.nama in page


def test_the_batch_page_polls_while_the_reading_waits_for_the_worker(client: Any, world: Any):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.drafter)
    client.post(
        reverse("importing:index"),
        {"pd": world.pd.pk, "unit": "", "berkas": [SimpleUploadedFile("a.docx", word_book(1))]},
    )
    batch = ImportBatch.objects.get()
    page = client.get(reverse("importing:batch", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Sedang membaca berkas" in page


def test_a_zip_of_a_word_book_and_an_excel_workbook_gives_the_sops_of_both(upload: Any):
    upload(
        {
            "semua.zip": zipped(
                {"buku/Buku.docx": word_book(2), "renja.xlsx": workbook(2), "catatan.txt": b"x"}
            )
        }
    )
    found = FoundSop.objects.select_related("file").order_by("file_id", "index")
    assert [(f.file.name, f.nama) for f in found] == [
        ("buku/Buku.docx", serang_sops()[0].nama),
        ("buku/Buku.docx", serang_sops()[1].nama),
        ("renja.xlsx", serang_sops()[2].nama),
    ]


def test_a_file_that_is_not_an_sop_is_named_with_the_reason_and_the_others_are_still_read(
    upload: Any, client: Any
):
    upload({"rusak.docx": b"PK\x03\x04 not really a zip", "Buku.docx": word_book(1)})
    batch = ImportBatch.objects.get()
    assert FoundSop.objects.count() == 1
    page = client.get(reverse("importing:batch", args=[batch.pk])).content.decode()
    assert (
        "<strong>rusak.docx</strong>:" in page
        and "rusak" in page.split("<strong>rusak.docx</strong>:")[1][:300]
    )


def test_an_unsupported_file_is_refused_at_the_upload_naming_it_and_nothing_is_kept(upload: Any):
    response = upload({"catatan.txt": b"hello", "Buku.docx": word_book(1)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Berkas “catatan.txt” tidak dapat diimpor" in text and ".docx" in text and ".zip" in text
    assert ImportBatch.objects.count() == 0


def test_a_zip_bomb_is_refused_before_it_expands_naming_the_zip(upload: Any, client: Any):
    upload({"bom.zip": zipped({"besar.docx": b"\0" * (30 * 1024 * 1024)})})
    batch = ImportBatch.objects.get()
    assert FoundSop.objects.count() == 0
    page = client.get(reverse("importing:batch", args=[batch.pk])).content.decode()
    assert "<strong>bom.zip</strong>:" in page and "demi keamanan" in page


def test_a_zip_without_any_sop_file_says_which_kinds_it_looked_for(upload: Any, client: Any):
    upload({"foto.zip": zipped({"foto.jpg": b"\xff\xd8"})})
    page = client.get(reverse("importing:batch", args=[ImportBatch.objects.get().pk])).content.decode()
    assert "Berkas zip “foto.zip” tidak berisi berkas yang dapat diimpor (.docx" in page


def test_the_refusal_of_a_file_is_kept_in_english_too(upload: Any, client: Any):
    upload({"teks.docx": b"just some text"})
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importing:batch", args=[ImportBatch.objects.get().pk])).content.decode()
    assert "<strong>teks.docx</strong>: not a Word (.docx) file: it holds plain text" in page


def test_more_files_than_one_upload_takes_are_refused_with_the_advice_to_zip_them(upload: Any):
    from sopap.web.importing.services import MAX_FILES

    response = upload({f"sop-{n}.docx": b"PK" for n in range(MAX_FILES + 1)})
    assert response.status_code == 400 and "satukan dalam zip" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_upload_page_names_the_formats_of_the_importer_registry_and_the_limits(client: Any, world: Any):
    from sopap.core.importers import supported_suffixes

    client.force_login(world.drafter)
    page = client.get(reverse("importing:index")).content.decode()
    for suffix in (*supported_suffixes(), ".zip"):
        assert suffix in page
    assert f'accept="{",".join((*supported_suffixes(), ".zip"))}"' in page
    assert "Paling besar 5,0\xa0MB sekali unggah, paling banyak 20 berkas." in page


def test_the_reading_is_a_job_on_pekerjaan_saya_that_leads_to_the_batch(upload: Any, client: Any):
    upload({"Buku SOP.docx": word_book(1)})
    batch = ImportBatch.objects.get()
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Impor SOP: Buku SOP.docx" in page
    assert f'href="{reverse("importing:batch", args=[batch.pk])}"' in page


def test_a_reading_that_fails_on_the_server_says_so_without_its_details(
    upload: Any, client: Any, monkeypatch: Any
):
    from sopap.web.importing import reading

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("internal detail nobody should read")

    monkeypatch.setattr(reading, "_read_one", broken)
    upload({"Buku.docx": word_book(1)})
    page = client.get(reverse("importing:batch", args=[ImportBatch.objects.get().pk])).content.decode()
    assert "Pembacaan gagal karena galat di server" in page and "internal detail" not in page
    assert 'hx-trigger="every 2s"' not in page


def test_an_old_excel_file_without_libreoffice_is_named_with_what_is_missing(
    upload: Any, client: Any, monkeypatch: Any, tmp_path: Any
):
    monkeypatch.setenv("SOPAP_SOFFICE", str(tmp_path / "tidak-ada"))
    upload({"Buku lama.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Buku.docx": word_book(1)})
    batch = ImportBatch.objects.get()
    assert FoundSop.objects.count() == 1
    page = client.get(reverse("importing:batch", args=[batch.pk])).content.decode()
    reason = page.split("<strong>Buku lama.xls</strong>:")[1][:400]
    assert "LibreOffice" in reason and ".xlsx" in reason and "Traceback" not in page
