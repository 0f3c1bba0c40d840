"""Every decreed revision's PDF carries a QR code and the address of its public verification page, which
says what the SOP is and whether it is in force, replaced (by which revision) or withdrawn (when, why), with
the SHA-256 of the official PDF; an uploaded copy is compared with it byte for byte."""

from __future__ import annotations

import hashlib
import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sopap.web.authoring import cache
from sopap.web.authoring.models import OfficialDocument
from sopap.web.authoring.official import CODE_LENGTH
from sopap.web.authoring.services import revision_update
from sopap.web.workflow import services as wf
from tests.core.test_logo import _image
from tests.web.conftest import SOP_DATA, fresh

pytestmark = pytest.mark.django_db

PUBLIC = "https://sop.serangkota.go.id"


@pytest.fixture(autouse=True)
def _public_url(settings):
    settings.PUBLIC_URL = PUBLIC


@pytest.fixture
def decreed(make_sop, to_state):
    return to_state(make_sop(), "berlaku")


def _page(client, code: str) -> str:
    return client.get(reverse("verification:page", args=[code])).content.decode()


def _check(client, code: str, data: bytes, name: str = "sop.pdf"):
    return client.post(reverse("verification:page", args=[code]), {"berkas": SimpleUploadedFile(name, data)})


def test_a_decreed_revision_gets_a_short_code_and_its_pdf_prints_the_address(decreed):
    code = decreed.official.code
    assert len(code) == CODE_LENGTH and code.isalnum()
    pdf = cache.rendered_bytes(decreed, "pdf", lang="id")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    assert f"{PUBLIC}/verifikasi/{code}/" in text
    assert "DRAF" not in text


def test_a_draft_has_no_code_and_no_verification_address(make_sop):
    draft = make_sop()
    pdf = cache.rendered_bytes(draft, "pdf", lang="id")
    assert not OfficialDocument.objects.filter(revision=draft).exists()
    assert b"verifikasi" not in pdf


def test_the_page_of_an_sop_in_force_shows_what_it_is_and_the_hash_of_its_official_pdf(client, decreed):
    official = cache.rendered_bytes(decreed, "pdf", lang="id")
    page = _page(client, decreed.official.code)
    for expected in (decreed.nama, decreed.nomor, decreed.document.pd.nama, "188.45/12/2025", "Berlaku"):
        assert expected in page
    assert hashlib.sha256(official).hexdigest() in page


def test_the_official_pdf_stays_the_same_file_when_a_new_logo_is_uploaded(login, world, decreed):
    before = cache.rendered_bytes(decreed, "pdf", lang="id")
    from sopap.web.organisations.services import logo_set

    logo_set(pd=world.pd, actor=fresh(world.admin), data=_image("PNG"), of_pemda=True)
    decreed.refresh_from_db()
    assert cache.rendered_bytes(decreed, "pdf", lang="id") == before


def test_uploading_the_official_pdf_says_it_is_the_official_one(client, decreed):
    official = cache.rendered_bytes(decreed, "pdf", lang="id")
    response = _check(client, decreed.official.code, official)
    assert response.status_code == 200
    assert "Cocok" in response.content.decode() and "Tidak cocok" not in response.content.decode()


def test_a_copy_with_one_byte_changed_is_not_the_official_one(client, decreed):
    official = bytearray(cache.rendered_bytes(decreed, "pdf", lang="id"))
    official[len(official) // 2] ^= 0x01
    page = _check(client, decreed.official.code, bytes(official)).content.decode()
    assert "Tidak cocok" in page
    assert hashlib.sha256(bytes(official)).hexdigest() in page


def test_an_upload_too_large_is_refused_unread(client, decreed, settings):
    from sopap.web.catalog import verification

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = _check(client, decreed.official.code, b"%PDF-" + b"\0" * verification.UPLOAD_MAX_BYTES)
    assert response.status_code in (400, 413)


def test_the_upload_needs_the_pages_csrf_token(decreed):
    strict = Client(enforce_csrf_checks=True)
    response = _check(strict, decreed.official.code, b"%PDF-1.4")
    assert response.status_code == 403


def test_a_replaced_revision_says_by_which_revision_with_a_link(client, world, decreed, to_state):
    second = wf.review_open(sop=decreed, actor=fresh(world.drafter))
    data = {**SOP_DATA, "nama": "Mekanisme Penyusunan SPJ (revisi)"}
    revision_update(sop=second, actor=fresh(world.drafter), data=data, loaded_version=second.version)
    second = to_state(second, "berlaku")
    page = _page(client, decreed.official.code)
    assert "Digantikan" in page and "diganti oleh revisi 2" in page
    assert reverse("verification:page", args=[second.official.code]) in page
    assert "Berlaku" in _page(client, second.official.code)


def test_a_withdrawn_revision_says_when_and_why(client, world, decreed):
    wf.sop_withdraw(sop=decreed, actor=fresh(world.admin), notes="Kewenangan pindah ke BPKAD")
    page = _page(client, decreed.official.code)
    assert "Dicabut" in page and "Kewenangan pindah ke BPKAD" in page


def test_an_unknown_code_is_not_found(client, db):
    assert client.get(reverse("verification:page", args=["tidakada234"])).status_code == 404
