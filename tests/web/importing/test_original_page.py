"""The review shows the original page: a Word file converted to PDF by LibreOffice, drawn by PyMuPDF, at
the page where the SOP begins; without those tools the page says the preview is not available."""

from __future__ import annotations

import importlib.util
import shutil
from typing import Any

import pytest
from django.urls import reverse

from sopap.web.importing import preview
from sopap.web.importing.models import FoundSop
from tests.web.importing.conftest import serang_sops, word_book

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    importlib.util.find_spec("pymupdf") is None or shutil.which("soffice") is None,
    reason="needs PyMuPDF and LibreOffice",
)
def test_the_page_of_each_sop_in_a_word_book_is_drawn_from_its_conversion(upload: Any, client: Any):
    upload({"Buku.docx": word_book(2)})
    first, second = FoundSop.objects.order_by("index")
    one = client.get(reverse("importing:page", args=[first.pk]))
    two = client.get(reverse("importing:page", args=[second.pk]))
    assert one["Content-Type"] == "image/png" and one.content.startswith(b"\x89PNG")
    # The second SOP begins on a later page than the first; the conversion was made once and kept.
    first_page, count = map(int, one["X-Sopap-Page"].split("/"))
    second_page, _count = map(int, two["X-Sopap-Page"].split("/"))
    assert second_page > first_page and count >= 2
    assert FoundSop.objects.get(pk=first.pk).file.pdf
    moved = client.get(reverse("importing:page", args=[first.pk]) + "?geser=1")
    assert moved["X-Sopap-Page"] == f"{first_page + 1}/{count}"


def test_without_the_tools_the_review_says_the_preview_is_not_available(
    upload: Any, client: Any, monkeypatch: Any
):
    monkeypatch.setattr(preview, "_pymupdf", lambda: None)
    upload({"Buku.docx": word_book(1)})
    found = FoundSop.objects.get()
    page = client.get(reverse("importing:review", args=[found.pk])).content.decode()
    assert "Pratinjau halaman asli tidak tersedia di server ini" in page and "<img" not in page
    assert client.get(reverse("importing:page", args=[found.pk])).status_code == 404


@pytest.mark.skipif(importlib.util.find_spec("pymupdf") is None, reason="needs PyMuPDF")
def test_a_pdf_is_drawn_as_it_is_at_the_page_showing_the_sop_s_name(world: Any):
    from django.core.files.base import ContentFile

    from sopap.web.authoring.rendering import render_bytes
    from sopap.web.importing.models import ImportBatch, ImportFile

    sops = serang_sops()[:2]
    batch = ImportBatch.objects.create(pd=world.pd, created_by=world.drafter)
    record = ImportFile(batch=batch, name="renja.pdf")
    record.content.save("renja.pdf", ContentFile(render_bytes(sops[1], "pdf")), save=False)
    record.save()
    found = FoundSop.objects.create(
        batch=batch, file=record, index=3, nama=sops[1].nama, read_yaml="", yaml_text=""
    )
    assert preview.available(record)
    png, number, count = preview.page_png(found)
    assert png.startswith(b"\x89PNG") and number == 1 and count >= 1
    assert not FoundSop.objects.get(pk=found.pk).file.pdf  # a PDF needs no conversion
