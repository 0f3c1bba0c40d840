"""A single Buku SOP of many SOPs moves its job's progress while it is read (part by part, then SOP by
SOP; page by page for a PDF), not only from file to file; and those steps reach the job row at a bounded
rate, not one write per step."""

from __future__ import annotations

from typing import Any

import pytest

from sopap.web.importing.models import FoundSop
from sopap.web.jobs import services as job_services
from sopap.web.jobs.models import Job
from tests.web.importing.conftest import serang_sops, word_book

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(monkeypatch: Any) -> list[tuple[int, str]]:
    """(progress, message) of the job row after every write a running job makes."""
    rows: list[tuple[int, str]] = []
    progress = job_services.JobReport.progress

    def recording(self: Any, percent: float, message: str = "") -> None:
        progress(self, percent, message)
        rows.append(Job.objects.values_list("progress", "message").get(pk=self.job_id))

    monkeypatch.setattr(job_services.JobReport, "progress", recording)
    return rows


def test_a_book_of_many_sops_records_its_progress_sop_by_sop(
    upload: Any, written: list[tuple[int, str]], monkeypatch: Any
):
    monkeypatch.setattr(job_services, "STEP_SECONDS", 0)
    upload({"Buku SOP.docx": word_book(6)})
    assert FoundSop.objects.count() == 6
    percents = [p for p, _ in written]
    assert percents == sorted(percents)
    assert len({p for p in percents if 0 < p < 100}) >= 10
    messages = [m for _, m in written]
    assert "Membaca Buku SOP.docx: 3 SOP ditemukan sejauh ini" in messages
    for done in range(1, 7):
        assert f"Memeriksa Buku SOP.docx: SOP {done} dari 6" in messages
    assert "Menyimpan 6 SOP dari Buku SOP.docx" in messages
    job = Job.objects.get()
    assert (job.state, job.progress, job.message) == (
        Job.State.SUCCEEDED,
        100,
        "6 SOP ditemukan; tinjau lalu terima.",
    )


def test_a_pdf_book_records_the_page_being_read(
    upload: Any, written: list[tuple[int, str]], monkeypatch: Any
):
    pytest.importorskip("pymupdf")
    from sopap.core.book.content import resolve_book
    from sopap.core.book.pdf import render_book_pdf

    monkeypatch.setattr(job_services, "STEP_SECONDS", 0)
    upload({"Buku.pdf": render_book_pdf(resolve_book(serang_sops()[:3]), keputusan=False)})
    assert FoundSop.objects.count() == 3
    pages = [m for _, m in written if m.startswith("Membaca Buku.pdf: halaman ")]
    assert "Membaca Buku.pdf: halaman 2 dari" in pages[1] and len(pages) > 3


def test_the_steps_of_a_book_reach_the_job_row_at_a_bounded_rate(
    upload: Any, written: list[tuple[int, str]], monkeypatch: Any
):
    monkeypatch.setattr(job_services, "STEP_SECONDS", 3600)
    upload({"Buku SOP.docx": word_book(6), "Kedua.docx": word_book(2, start=6)})
    assert FoundSop.objects.count() == 8
    # Within the hour no step is written: only each file's start, its saving, and the end.
    assert [m for _, m in written] == [
        "Membaca Buku SOP.docx (1 dari 2 berkas)",
        "Menyimpan 6 SOP dari Buku SOP.docx",
        "Membaca Kedua.docx (2 dari 2 berkas)",
        "Menyimpan 2 SOP dari Kedua.docx",
        "8 SOP ditemukan; tinjau lalu terima.",
    ]
    assert [p for p, _ in written] == [0, 45, 50, 95, 100]
