"""The admin organisasi uploads the PKCS#12 certificate a PD (or its Pemda) signs with: checked at upload,
kept encrypted, shown by its subject, issuer, validity and fingerprint only; replaced and removed, each
logged on the PD; nobody else may."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.web.organisations.certificates import MAX_BYTES, decrypt, signer_source
from sopap.web.organisations.models import PdEvent, SigningCertificate
from sopap.web.shared.errors import DomainError
from tests.core.signing.certificates import Pki, make_pki

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki("Budi Santoso")


@pytest.fixture(scope="module")
def other_pki() -> Pki:
    return make_pki("Siti Aminah", passphrase=b"sandi-lain")


def _upload(client, pd, data: bytes, passphrase: bytes | str, milik: str = "pd", **fields):
    return client.post(
        reverse("organisations:certificate", args=[pd.pk]),
        {
            "milik": milik,
            "berkas": SimpleUploadedFile("kepala-dinas.p12", data),
            "sandi": passphrase.decode() if isinstance(passphrase, bytes) else passphrase,
            **fields,
        },
    )


def _fingerprint(pki: Pki) -> str:
    _key, cert, _ = pkcs12.load_key_and_certificates(pki.p12, pki.passphrase)
    assert cert is not None
    return cert.fingerprint(hashes.SHA256()).hex().upper()


def test_the_admin_uploads_a_certificate_and_the_page_shows_what_it_is_but_never_the_file(login, world, pki):
    client = login(world.admin)
    response = _upload(client, world.pd, pki.p12, pki.passphrase, jabatan="Kepala Dinas", nip="1977")
    assert response.status_code == 302
    row = SigningCertificate.objects.get(pd=world.pd)
    assert (
        row.subjek == "CN=Budi Santoso, O=Pemerintah Kota Contoh, C=ID" and "CN=CA Uji sopap" in row.penerbit
    )
    assert row.sidik_jari == _fingerprint(pki) and (row.jabatan, row.nip) == ("Kepala Dinas", "1977")
    page = client.get(reverse("organisations:certificate", args=[world.pd.pk]))
    text = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    for shown in (
        "CN=Budi Santoso",
        "CN=CA Uji sopap",
        row.fingerprint_grouped,
        row.nomor_seri,
        "sertifikat perangkat daerah",
    ):
        assert shown in text
    assert row.berkas not in text and pki.passphrase.decode() not in text
    event = PdEvent.objects.get(pd=world.pd, action="pd.certificate_uploaded")
    assert event.actor == world.admin and row.fingerprint_grouped in event.after
    history = client.get(reverse("organisations:settings", args=[world.pd.pk])).content.decode()
    assert "Sertifikat elektronik perangkat daerah diunggah" in history


def test_the_stored_blob_is_not_the_plain_file_and_opens_only_with_the_installations_key(
    login, world, pki, settings
):
    _upload(login(world.admin), world.pd, pki.p12, pki.passphrase)
    row = SigningCertificate.objects.get(pd=world.pd)
    stored = row.berkas.encode()
    assert pki.p12 not in stored and base64.b64encode(pki.p12) not in stored
    assert pki.passphrase not in row.sandi.encode()
    assert decrypt(row.berkas) == pki.p12 and decrypt(row.sandi) == pki.passphrase
    settings.SIGNING_KEY = "another-installation-secret"
    with pytest.raises(DomainError, match="unggah sertifikatnya lagi"):
        decrypt(row.berkas)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("wrong passphrase", "sandinya salah"),
        ("not pkcs12", "bukan berkas PKCS#12"),
        ("expired", "masa berlakunya berakhir"),
        ("a ca", "sertifikat otoritas (CA)"),
        ("too large", "lebih dari 1 MB"),
        ("empty", "Pilih berkas sertifikat"),
    ],
)
def test_a_refused_upload_says_why_in_indonesian_and_keeps_nothing(login, world, pki, case, reason):
    data, passphrase = pki.p12, pki.passphrase
    if case == "wrong passphrase":
        passphrase = b"bukan-sandinya"
    elif case == "not pkcs12":
        data = b"-----BEGIN CERTIFICATE-----\nbukan\n-----END CERTIFICATE-----\n"
    elif case == "expired":
        expired = make_pki(valid_days=-2)
        data, passphrase = expired.p12, expired.passphrase
    elif case == "a ca":
        ca = make_pki(as_ca=True)
        data, passphrase = ca.p12, ca.passphrase
    elif case == "too large":
        data = pki.p12 + b"\0" * MAX_BYTES
    elif case == "empty":
        data = b""
    response = _upload(login(world.admin), world.pd, data, passphrase, jabatan="Kepala Dinas")
    assert response.status_code == 400
    text = response.content.decode()
    assert reason in text
    assert 'value="Kepala Dinas"' in text  # what was typed stays; the passphrase does not
    assert not SigningCertificate.objects.exists()
    assert not PdEvent.objects.filter(action__contains="certificate").exists()


def test_a_refused_upload_is_said_in_english_to_an_english_reader(login, world):
    client = login(world.admin)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("organisations:certificate", args=[world.pd.pk]),
        {"milik": "pd", "berkas": SimpleUploadedFile("x.p12", b"not a certificate"), "sandi": "x"},
    )
    assert response.status_code == 400
    assert "not a PKCS#12 file" in response.content.decode()


def test_replacing_and_removing_are_logged_and_the_pd_falls_back_to_the_pemdas_certificate(
    login, world, pki, other_pki
):
    client = login(world.admin)
    assert _upload(client, world.pd, pki.p12, pki.passphrase).status_code == 302
    assert _upload(client, world.pd, other_pki.p12, other_pki.passphrase).status_code == 302
    assert SigningCertificate.objects.filter(pd=world.pd).count() == 1
    assert "CN=Siti Aminah" in SigningCertificate.objects.get(pd=world.pd).subjek
    replaced = PdEvent.objects.get(action="pd.certificate_replaced")
    assert "Budi Santoso" in replaced.before and "Siti Aminah" in replaced.after

    assert _upload(client, world.pd, pki.p12, pki.passphrase, milik="pemda").status_code == 302
    assert PdEvent.objects.filter(action="pemda.certificate_uploaded").exists()
    source = signer_source(pemda=world.pemda, pd=world.pd)
    assert source is not None and source.row is not None and source.row.pd_id == world.pd.pk

    response = client.post(
        reverse("organisations:certificate", args=[world.pd.pk]), {"milik": "pd", "hapus": "1"}
    )
    assert response.status_code == 302
    assert not SigningCertificate.objects.filter(pd=world.pd).exists()
    removed = PdEvent.objects.get(action="pd.certificate_removed")
    assert "Siti Aminah" in removed.before and removed.after == ""
    source = signer_source(pemda=world.pemda, pd=world.pd)
    assert source is not None and source.row is not None and source.row.pd_id is None
    assert source.signer().identity.nama == "Budi Santoso"


def test_without_any_certificate_the_page_says_official_pdfs_go_unsigned(login, world):
    text = login(world.admin).get(reverse("organisations:certificate", args=[world.pd.pk])).content.decode()
    assert "Belum ada sertifikat" in text and "tidak ditandatangani secara elektronik" in text
    assert signer_source(pemda=world.pemda, pd=world.pd) is None


@pytest.mark.parametrize("who", ["drafter", "head", "auditor", "verifier1"])
def test_only_the_admin_organisasi_uploads_a_certificate(login, world, pki, who):
    client = login(world.users[who])
    response = _upload(client, world.pd, pki.p12, pki.passphrase)
    assert response.status_code in (403, 404)
    assert client.get(reverse("organisations:certificate", args=[world.pd.pk])).status_code in (403, 404)
    assert not SigningCertificate.objects.exists()


def test_the_certificate_subject_is_read_from_the_file_and_typed_text_is_escaped(login, world, pki):
    _upload(login(world.admin), world.pd, pki.p12, pki.passphrase, jabatan="<b>Kepala</b>")
    row = SigningCertificate.objects.get(pd=world.pd)
    _key, cert, _ = pkcs12.load_key_and_certificates(pki.p12, pki.passphrase)
    assert cert is not None and row.subjek == cert.subject.rfc4514_string().replace(",", ", ")
    page = login(world.admin).get(reverse("organisations:certificate", args=[world.pd.pk])).content.decode()
    assert "<b>Kepala</b>" not in page and "&lt;b&gt;Kepala&lt;/b&gt;" in page


def test_an_admin_of_one_pd_sets_its_certificate_but_not_the_pemdas_nor_another_pds(login, world, pki):
    from sopap.web.organisations.models import Role
    from sopap.web.organisations.services import membership_create, user_create

    pd_admin = user_create(username="admin_dinkes", password="pw-admin-dinkes-123", full_name="Admin Dinkes")
    membership_create(user=pd_admin, role=Role.ADMIN, pd=world.other_pd)
    client = login(pd_admin)
    assert _upload(client, world.other_pd, pki.p12, pki.passphrase).status_code == 302
    refused = _upload(client, world.other_pd, pki.p12, pki.passphrase, milik="pemda")
    assert refused.status_code == 403
    assert "Hanya admin organisasi pemerintah daerah" in refused.content.decode()
    assert _upload(client, world.pd, pki.p12, pki.passphrase).status_code == 404
    assert list(SigningCertificate.objects.values_list("pd", flat=True)) == [world.other_pd.pk]
