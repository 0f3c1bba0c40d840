"""The admin organisasi uploads the Pemda's logo (and the PD's): checked by its content, kept under its
SHA-256, printed on the identity sheet of every SOP; the organisation page says when none is there."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sopap.core.logo import MAX_BYTES
from sopap.web.authoring import cache
from sopap.web.organisations.models import PdEvent
from tests.core.test_logo import SVG, _image

pytestmark = pytest.mark.django_db


def _upload(client, pd, name: str, data: bytes, milik: str = "pemda"):
    return client.post(
        reverse("organisations:logo", args=[pd.pk]), {"milik": milik, "logo": SimpleUploadedFile(name, data)}
    )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_admin_uploads_a_png_kept_under_its_sha256_and_logged(login, world):
    client = login(world.admin)
    response = _upload(client, world.pd, "lambang.png", _image("PNG"))
    assert response.status_code == 302
    world.pemda.refresh_from_db()
    name = world.pemda.logo.name
    assert name.startswith("logo/") and name.endswith(".png") and default_storage.exists(name)
    assert PdEvent.objects.filter(pd=world.pd, action="pemda.logo_changed", after=name).exists()
    preview = client.get(reverse("organisations:logo_file", args=[world.pd.pk, "pemda"]))
    assert preview["Content-Type"] == "image/png" and preview.content.startswith(b"\x89PNG")


def test_a_jpeg_and_a_clean_svg_are_accepted(login, world):
    client = login(world.admin)
    assert _upload(client, world.pd, "lambang.jpg", _image("JPEG"), milik="pd").status_code == 302
    world.pd.refresh_from_db()
    assert world.pd.logo.name.endswith(".png")
    assert _upload(client, world.pd, "lambang.svg", SVG).status_code == 302
    world.pemda.refresh_from_db()
    assert world.pemda.logo.name.endswith(".svg")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("lambang.svg", SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "tidak diizinkan"),
        ("lambang.png", b"ini hanya teks, bukan gambar\n", "PNG, JPEG atau SVG"),
        ("lambang.png", _image("PNG") + b"\0" * MAX_BYTES, "lebih dari 1 MB"),
    ],
)
def test_a_file_that_is_no_clean_logo_is_refused_with_the_reason(login, world, name, data, reason):
    client = login(world.admin)
    response = _upload(client, world.pd, name, data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    world.pemda.refresh_from_db()
    assert not world.pemda.logo.name


def test_only_the_admin_organisasi_sets_a_logo(login, world):
    client = login(world.drafter)
    assert _upload(client, world.pd, "lambang.png", _image("PNG")).status_code == 403


def test_the_organisation_page_tells_the_admin_that_no_logo_is_there(login, world):
    client = login(world.admin)
    missing = "Logo belum diunggah"
    assert missing in client.get(reverse("organisations:list")).content.decode()
    _upload(client, world.pd, "lambang.png", _image("PNG"))
    page = client.get(reverse("organisations:list")).content.decode()
    # The Pemda's logo serves every PD of the Pemda.
    assert missing not in page


def test_a_decreed_sop_prints_the_logo_and_no_placeholder_and_a_draft_is_marked_draf(
    login, world, make_sop, to_state
):
    _upload(login(world.admin), world.pd, "lambang.png", _image("PNG"))
    draft = make_sop()
    draft_pdf = cache.rendered_bytes(draft, "pdf", lang="id")
    assert "DRAF" in _pdf_text(draft_pdf) and b"/Subtype /Image" in draft_pdf
    decreed = to_state(make_sop(), "berlaku")
    official = cache.rendered_bytes(decreed, "pdf", lang="id")
    text = _pdf_text(official)
    assert "LOGO" not in text and "DRAF" not in text
    assert b"/Subtype /Image" in official


def test_without_a_logo_a_decreed_sop_prints_no_placeholder(world, make_sop, to_state):
    decreed = to_state(make_sop(), "berlaku")
    assert "LOGO" not in _pdf_text(cache.rendered_bytes(decreed, "pdf", lang="id"))
