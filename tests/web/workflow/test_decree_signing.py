"""At penetapan, when the PD has a certificate (its own, its Pemda's, or the server's), the official PDF is
signed before its SHA-256 is recorded, so the verification page vouches for the signed file; a certificate
that fails refuses the decree and changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.core.signing import validate_pdf
from sopap.web.authoring import cache
from sopap.web.authoring.models import OfficialDocument
from sopap.web.organisations.models import SigningCertificate
from sopap.web.organisations.services import certificate_set
from sopap.web.shared.errors import DomainError
from sopap.web.shared.status import Status
from sopap.web.workflow import services as wf
from sopap.web.workflow.models import Transition
from tests.core.signing.certificates import Pki, make_pki
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki("Budi Santoso")


@pytest.fixture
def with_certificate(world, pki):
    return certificate_set(
        pd=world.pd,
        actor=fresh(world.admin),
        data=pki.p12,
        passphrase=pki.passphrase.decode(),
        of_pemda=False,
        jabatan="Kepala Dinas Komunikasi dan Informatika",
        nip="19771231 199702 1 002",
    )


def _decree(world, sop):
    return wf.sop_decree(
        sop=sop,
        actor=fresh(world.admin),
        keputusan_nomor="188.45/12/2025",
        keputusan_tanggal=dt.date(2025, 1, 2),
    )


def test_a_decree_with_a_certificate_keeps_a_signed_official_pdf_that_the_verification_page_vouches_for(
    client, world, make_sop, to_state, with_certificate, pki, tmp_path, monkeypatch
):
    sop = to_state(make_sop(), "berlaku")
    official = OfficialDocument.objects.get(revision=sop)
    with default_storage.open(official.pdf.name, "rb") as handle:
        kept = handle.read()
    assert official.pdf_sha256 == hashlib.sha256(kept).hexdigest() and official.pdf_size == len(kept)
    assert official.penanda_tangan == "Budi Santoso"
    assert cache.rendered_bytes(sop, "pdf", lang="id") == kept

    (report,) = validate_pdf(kept, trust_roots=[pki.ca_pem])
    assert report.ok and report.trusted and report.signer == "Budi Santoso"
    assert report.reason and "188.45/12/2025" in report.reason

    roots = tmp_path / "akar.pem"
    roots.write_bytes(pki.ca_pem)
    monkeypatch.setenv("SOPAP_SERTIFIKAT_AKAR", str(roots))
    url = reverse("verification:page", args=[official.code])
    page = client.get(url).content.decode()
    assert official.pdf_sha256 in page and "ditandatangani secara elektronik oleh Budi Santoso" in page
    checked = client.post(url, {"berkas": SimpleUploadedFile("sop.pdf", kept)}).content.decode()
    assert "Cocok" in checked and "Tidak cocok" not in checked
    assert "Sah" in checked and "Tidak sah" not in checked and "penerbit yang dipercaya" in checked


def test_without_a_certificate_the_official_pdf_is_not_signed(world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    assert validate_pdf(cache.rendered_bytes(sop, "pdf", lang="id")) == []
    assert OfficialDocument.objects.get(revision=sop).penanda_tangan == ""


def test_the_pemdas_certificate_signs_for_a_pd_without_its_own(world, make_sop, to_state, pki):
    certificate_set(
        pd=world.pd, actor=fresh(world.admin), data=pki.p12, passphrase=pki.passphrase.decode(), of_pemda=True
    )
    sop = to_state(make_sop(), "berlaku")
    (report,) = validate_pdf(cache.rendered_bytes(sop, "pdf", lang="id"))
    assert report.ok and report.signer == "Budi Santoso"


def test_the_servers_certificate_from_the_environment_signs_when_none_was_uploaded(
    world, make_sop, to_state, pki, tmp_path, settings
):
    path = tmp_path / "kepala.p12"
    path.write_bytes(pki.p12)
    settings.SIGNING_CERTIFICATE = str(path)
    settings.SIGNING_PASSPHRASE = pki.passphrase.decode()
    sop = to_state(make_sop(), "berlaku")
    (report,) = validate_pdf(cache.rendered_bytes(sop, "pdf", lang="id"))
    assert report.ok and report.signer == "Budi Santoso"


def test_a_certificate_that_cannot_sign_refuses_the_decree_and_changes_nothing(
    world, make_sop, to_state, with_certificate, settings
):
    sop = to_state(make_sop(), "disahkan")
    before = Transition.objects.count()
    settings.SIGNING_KEY = "the secret changed since the upload"
    with pytest.raises(DomainError, match=r"Penetapan tidak dicatat: .*unggah sertifikatnya lagi"):
        _decree(world, sop)
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN and not sop.keputusan_nomor
    assert not sop.document.nomor
    assert not OfficialDocument.objects.filter(revision=sop).exists()
    assert Transition.objects.count() == before


def test_an_expired_certificate_refuses_the_decree_on_the_sops_page_with_the_reason(
    login, world, make_sop, to_state, with_certificate
):
    sop = to_state(make_sop(), "disahkan")
    SigningCertificate.objects.filter(pk=with_certificate.pk).update(
        berlaku_sampai=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    response = login(world.admin).post(
        reverse("workflow:transition", args=[sop.pk, "decree"]),
        {
            "keputusan_nomor": "188.45/12/2025",
            "keputusan_tanggal": "2025-01-02",
            "versi": sop.version,
            "confirm": "1",
        },
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Penetapan tidak dicatat" in text and "sudah kedaluwarsa" in text
    assert 'value="188.45/12/2025"' in text  # what was typed stays in the form
    sop.refresh_from_db()
    assert sop.status == Status.DISAHKAN
