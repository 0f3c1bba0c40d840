"""When the PD has a certificate, those who prepare its book (the admin organisasi, the pengesah) download
the Buku SOP and the Keputusan signed; the signing is logged, the stored file stays unsigned, and nobody
else gets a signed copy."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sopap.core.signing import validate_pdf
from sopap.web.books.models import BookEvent
from sopap.web.jobs.models import Job
from sopap.web.organisations.services import certificate_set
from tests.core.signing.certificates import Pki, make_pki
from tests.web.conftest import fresh
from tests.web.tasks import run_queued

pytestmark = pytest.mark.django_db

NOMOR = "188.45/12/2025"


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki("Budi Santoso")


@pytest.fixture
def decreed(world: Any, in_force: Any, pki: Pki) -> Any:
    # Decreed first, then the certificate: these tests are about the downloads, not the official PDF.
    sop = in_force("Penyusunan Laporan Keuangan Bulanan", keputusan=NOMOR)
    certificate_set(
        pd=world.pd,
        actor=fresh(world.admin),
        data=pki.p12,
        passphrase=pki.passphrase.decode(),
        of_pemda=False,
    )
    return sop


def _keputusan(client: Any, world: Any, **extra: str) -> Any:
    query = urlencode({"nomor": NOMOR, "format": "pdf", **extra})
    return client.get(reverse("books:keputusan", args=["pd", world.pd.pk]) + "?" + query)


def test_the_admin_downloads_the_keputusan_signed_and_the_signing_is_logged(login, world, decreed, pki):
    client = login(world.admin)
    page = client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert "Keputusan (PDF bertanda tangan)" in page and 'name="ttd"' in page
    plain = _keputusan(client, world).content
    response = _keputusan(client, world, ttd="1")
    assert response.status_code == 200 and "-ttd.pdf" in response["Content-Disposition"]
    (report,) = validate_pdf(response.content, trust_roots=[pki.ca_pem])
    assert report.ok and report.trusted and report.signer == "Budi Santoso"
    assert validate_pdf(plain) == [] and validate_pdf(_keputusan(client, world).content) == []
    event = BookEvent.objects.get(action="book.keputusan_signed")
    assert event.actor == world.admin and NOMOR in event.detail


def test_the_head_builds_the_book_to_be_downloaded_signed(
    login, world, decreed, django_capture_on_commit_callbacks
):
    client = login(world.head)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("books:build", args=["pd", world.pd.pk]),
            {"format": "pdf", "cakupan": "semua", "ttd": "1"},
        )
    job = Job.objects.latest("pk")
    run_queued()
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED and job.result_url.endswith("&ttd=1")
    response = client.get(job.result_url)
    assert response.status_code == 200 and "-ttd.pdf" in response["Content-Disposition"]
    (report,) = validate_pdf(response.content)
    assert report.ok and report.signer == "Budi Santoso"
    assert BookEvent.objects.filter(action="book.signed", actor=world.head).exists()
    unsigned = client.get(job.result_url.replace("&ttd=1", ""))
    assert validate_pdf(unsigned.content) == []


def test_a_drafter_gets_no_signed_copy_and_no_button(login, world, decreed):
    client = login(world.drafter)
    page = client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert "bertanda tangan" not in page
    response = _keputusan(client, world, ttd="1")
    assert response.status_code == 403
    assert not BookEvent.objects.filter(action="book.keputusan_signed").exists()


def test_without_a_certificate_there_is_nothing_to_sign_with(login, world, in_force):
    in_force("Penyusunan Laporan Keuangan Bulanan", keputusan=NOMOR)
    client = login(world.admin)
    page = client.get(reverse("books:page", args=["pd", world.pd.pk])).content.decode()
    assert "bertanda tangan" not in page
    response = _keputusan(client, world, ttd="1")
    assert response.status_code == 400
    assert "Belum ada sertifikat elektronik" in response.content.decode()


def test_only_a_pdf_is_signed(login, world, decreed):
    response = login(world.admin).get(
        reverse("books:keputusan", args=["pd", world.pd.pk])
        + "?"
        + urlencode({"nomor": NOMOR, "format": "docx", "ttd": "1"})
    )
    assert response.status_code == 400
    assert "Hanya PDF" in response.content.decode()
